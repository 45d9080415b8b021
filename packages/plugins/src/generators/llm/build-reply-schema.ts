import type { TDocumentKind } from '@dossier/core';
import { z } from 'zod';

/** Sections the model writes per kind; education is filled from the profile, never by the model. */
export const MODEL_SECTION_KINDS = {
  cv: ['summary', 'experience', 'projects', 'skills', 'other'],
  'cover-letter': ['greeting', 'body', 'closing'],
} as const satisfies Record<TDocumentKind, readonly string[]>;

const ZReplySource = z.strictObject({
  artifactId: z.string(),
  evidenceIds: z.array(z.string()),
});

/**
 * One item as the model writes it: `ZDocumentItem` without `links` (built from the cited evidence, so the model
 * never types a URL) and with every field required and nullable instead of defaulted, which is what strict
 * structured output accepts.
 */
const ZReplyItem = z.strictObject({
  id: z.string(),
  title: z.string().nullable(),
  subtitle: z.string().nullable(),
  dates: z.strictObject({ start: z.string(), end: z.string().nullable() }).nullable(),
  text: z.string().nullable(),
  bullets: z.array(z.string()),
  skills: z.array(z.string()),
  sources: z.array(ZReplySource),
});

function buildSchema<K extends TDocumentKind>(kind: K) {
  const [first, ...rest] = MODEL_SECTION_KINDS[kind];
  return z.strictObject({
    sections: z.array(
      z.strictObject({
        id: z.string(),
        kind: z.enum([first, ...rest]),
        heading: z.string(),
        items: z.array(ZReplyItem),
      }),
    ),
  });
}

export const ZCvReply = buildSchema('cv');
export const ZCoverLetterReply = buildSchema('cover-letter');
export type TReply = z.infer<typeof ZCvReply> | z.infer<typeof ZCoverLetterReply>;
export type TReplyItem = z.infer<typeof ZReplyItem>;

export function replySchemaFor(kind: TDocumentKind) {
  const schema = kind === 'cv' ? ZCvReply : ZCoverLetterReply;
  return {
    schema: schema as z.ZodType<TReply>,
    jsonSchema: z.toJSONSchema(schema) as Record<string, unknown>,
  };
}
