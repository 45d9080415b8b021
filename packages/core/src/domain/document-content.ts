import { z } from 'zod';

export const DOCUMENT_KINDS = ['cv', 'cover-letter'] as const;
export type TDocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Sections whose items state no facts (a greeting, a sign-off) and so cite no artifact. */
export const NON_CLAIM_SECTIONS = ['greeting', 'closing'] as const;
export const SECTION_KINDS = [
  'summary',
  'skills',
  'experience',
  'projects',
  'education',
  'greeting',
  'body',
  'closing',
  'other',
] as const;

export const ZSource = z.object({
  artifactId: z.string().min(1),
  evidenceIds: z.array(z.string()).default([]),
});
export type TSource = z.infer<typeof ZSource>;

export const ZDocumentItem = z.object({
  id: z.string().min(1),
  /** An entry's heading: the artifact's title, a skill group's name. */
  title: z.string().nullable().default(null),
  /** Role, organisation. */
  subtitle: z.string().nullable().default(null),
  dates: z.object({ start: z.string(), end: z.string().nullable() }).nullable().default(null),
  /** A paragraph: the summary, a letter paragraph. */
  text: z.string().nullable().default(null),
  bullets: z.array(z.string()).default([]),
  /** Skill names (skills section, or the stack line of an entry). */
  skills: z.array(z.string()).default([]),
  /** Evidence shown with the item (hyperlinks in PDF/DOCX/HTML). */
  links: z
    .array(
      z.object({
        url: z.string(),
        label: z.string(),
        evidenceId: z.string().nullable().default(null),
        /**
         * The evidence's last known link status, copied from the artifact, so exporters can mark or omit
         * broken links (`brokenEvidence`) without seeing the artifacts. Absent or null: unknown.
         */
        status: z
          .enum(['unchecked', 'valid', 'redirected', 'unverifiable', 'broken', 'blocked'])
          .nullable()
          .optional(),
      }),
    )
    .default([]),
  /** Where every claim in this item comes from. Empty only in non-claim sections. */
  sources: z.array(ZSource).default([]),
});
export type TDocumentItem = z.infer<typeof ZDocumentItem>;

export const ZDocumentSection = z.object({
  id: z.string().min(1),
  kind: z.enum(SECTION_KINDS),
  heading: z.string(),
  items: z.array(ZDocumentItem),
});
export type TDocumentSection = z.infer<typeof ZDocumentSection>;

/**
 * A generated document is structured content first; PDF, DOCX, Markdown, HTML, text and JSON Resume are
 * renderings of it.
 */
export const ZDocumentContent = z.object({
  kind: z.enum(DOCUMENT_KINDS),
  title: z.string(),
  profile: z.object({
    name: z.string(),
    headline: z.string().nullable().default(null),
    email: z.string().nullable().default(null),
    phone: z.string().nullable().default(null),
    location: z.string().nullable().default(null),
    links: z.array(z.object({ label: z.string(), url: z.string() })).default([]),
  }),
  sections: z.array(ZDocumentSection),
  meta: z.object({
    jobTitle: z.string().nullable().default(null),
    company: z.string().nullable().default(null),
    generator: z.string(),
    /** The versioned prompt an LLM generator used (`cv.v1`), so a document can be traced to its prompt. */
    promptVersion: z.string().optional(),
    tone: z.string().nullable().default(null),
    /** ISO date-time; injected by the runner's clock so output stays deterministic in tests. */
    generatedAt: z.string(),
  }),
});
export type TDocumentContent = z.infer<typeof ZDocumentContent>;
