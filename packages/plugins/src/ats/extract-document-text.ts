import { extractDocxText } from './extract-docx-text.js';
import { extractPdfText } from './extract-pdf-text.js';

export interface ExtractedDocument {
  text: string;
  pageCount: number | null;
  ligatureGlyphs: string[];
}

export const DOCX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Markdown to the text a reader sees: headings on their own lines, link text without the URL, no markup. */
function stripMarkdown(markdown: string): string {
  return markdown
    .replace(/^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/gm, '$1')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|\*|_|`)(\S(?:.*?\S)?)\1/g, '$2')
    .replace(/^\s*>\s?/gm, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');
}

function stripHtml(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<\/(p|div|h[1-6]|li|section|article|header|tr)>|<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The text of a PDF, DOCX, Markdown, HTML or plain-text resume, with the extractors the ATS checks use. */
export async function extractDocumentText(bytes: Uint8Array, mediaType: string): Promise<ExtractedDocument> {
  const type = mediaType.split(';')[0]!.trim().toLowerCase();
  if (type === 'application/pdf') {
    const pdf = await extractPdfText(bytes);
    return { text: pdf.text, pageCount: pdf.pageCount, ligatureGlyphs: pdf.ligatureGlyphs };
  }
  if (type === DOCX_MEDIA_TYPE)
    return { text: await extractDocxText(bytes), pageCount: null, ligatureGlyphs: [] };
  const decoded = new TextDecoder('utf-8').decode(bytes);
  if (type === 'text/markdown' || type === 'text/x-markdown') {
    return { text: stripMarkdown(decoded), pageCount: null, ligatureGlyphs: [] };
  }
  if (type === 'text/html') return { text: stripHtml(decoded), pageCount: null, ligatureGlyphs: [] };
  if (type === 'text/plain') return { text: decoded, pageCount: null, ligatureGlyphs: [] };
  throw new Error(`cannot read a resume of type "${mediaType}" (PDF, DOCX, Markdown, HTML or plain text)`);
}
