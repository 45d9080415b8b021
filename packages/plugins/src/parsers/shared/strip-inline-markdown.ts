/** Plain text of a line of Markdown: links keep their text, emphasis and code marks go. */
export const stripInlineMarkdown = (text: string): string =>
  text
    .replace(/\[([^\]]*)\]\((?:[^()\s]|\([^()\s]*\))*\)/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(?<![\p{L}\p{N}*_])([*_])(?!\s)(.+?)(?<!\s)\1(?![\p{L}\p{N}*_])/gu, '$2')
    .replace(/`([^`]*)`/g, '$1')
    .trim();
