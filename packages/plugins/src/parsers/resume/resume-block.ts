export interface ResumeLink {
  url: string;
  label: string;
}

/**
 * One line of a resume in reading order, whatever the source format: Markdown, Word (through mammoth's HTML)
 * and PDF (through layout analysis) all reduce to these, so the section and entry logic is written once.
 */
export interface ResumeBlock {
  kind: 'heading' | 'bullet' | 'text';
  /** Plain text, Markdown removed. */
  text: string;
  /** Heading level (1 = the name in most resumes); bullet nesting depth from 1; 0 for text. */
  level: number;
  /** Starts with bold or otherwise emphasised type: the usual look of an entry's first line. */
  strong: boolean;
  /** Side cells the layout set apart from the line (a date column, a right-aligned place). */
  meta: string[];
  links: ResumeLink[];
}

export const createBlock = (
  block: Partial<ResumeBlock> & Pick<ResumeBlock, 'kind' | 'text'>,
): ResumeBlock => ({
  level: 0,
  strong: false,
  meta: [],
  links: [],
  ...block,
});
