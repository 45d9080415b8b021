import { z } from 'zod';

// Mirrors the types of the official JSON Resume schema (v1, draft-07): every field optional, unknown fields
// allowed, `null` rejected, dates ISO 8601 with optional month and day. Formats (`uri`, `email`) are not
// enforced: a malformed URL only means it yields no evidence link.
const ISO_DATE = /^([1-2][0-9]{3}-[0-1][0-9]-[0-3][0-9]|[1-2][0-9]{3}-[0-1][0-9]|[1-2][0-9]{3})$/;
const isoDate = z.string().regex(ISO_DATE, { error: 'expected ISO date (YYYY, YYYY-MM or YYYY-MM-DD)' });
const text = z.string();
const texts = z.array(z.string());
const entry = <T extends z.ZodRawShape>(shape: T) => z.array(z.looseObject(shape));

export const ZJsonResume = z.looseObject({
  $schema: text.optional(),
  basics: z
    .looseObject({
      name: text.optional(),
      label: text.optional(),
      image: text.optional(),
      email: text.optional(),
      phone: text.optional(),
      url: text.optional(),
      summary: text.optional(),
      location: z
        .looseObject({
          address: text.optional(),
          postalCode: text.optional(),
          city: text.optional(),
          countryCode: text.optional(),
          region: text.optional(),
        })
        .optional(),
      profiles: entry({
        network: text.optional(),
        username: text.optional(),
        url: text.optional(),
      }).optional(),
    })
    .optional(),
  work: entry({
    name: text.optional(),
    location: text.optional(),
    description: text.optional(),
    position: text.optional(),
    url: text.optional(),
    startDate: isoDate.optional(),
    endDate: isoDate.optional(),
    summary: text.optional(),
    highlights: texts.optional(),
  }).optional(),
  volunteer: entry({
    organization: text.optional(),
    position: text.optional(),
    url: text.optional(),
    startDate: isoDate.optional(),
    endDate: isoDate.optional(),
    summary: text.optional(),
    highlights: texts.optional(),
  }).optional(),
  education: entry({
    institution: text.optional(),
    url: text.optional(),
    area: text.optional(),
    studyType: text.optional(),
    startDate: isoDate.optional(),
    endDate: isoDate.optional(),
    score: text.optional(),
    courses: texts.optional(),
  }).optional(),
  awards: entry({
    title: text.optional(),
    date: isoDate.optional(),
    awarder: text.optional(),
    summary: text.optional(),
  }).optional(),
  certificates: entry({
    name: text.optional(),
    date: isoDate.optional(),
    url: text.optional(),
    issuer: text.optional(),
  }).optional(),
  publications: entry({
    name: text.optional(),
    publisher: text.optional(),
    releaseDate: isoDate.optional(),
    url: text.optional(),
    summary: text.optional(),
  }).optional(),
  skills: entry({ name: text.optional(), level: text.optional(), keywords: texts.optional() }).optional(),
  languages: entry({ language: text.optional(), fluency: text.optional() }).optional(),
  interests: entry({ name: text.optional(), keywords: texts.optional() }).optional(),
  references: entry({ name: text.optional(), reference: text.optional() }).optional(),
  projects: entry({
    name: text.optional(),
    description: text.optional(),
    highlights: texts.optional(),
    keywords: texts.optional(),
    startDate: isoDate.optional(),
    endDate: isoDate.optional(),
    url: text.optional(),
    roles: texts.optional(),
    entity: text.optional(),
    type: text.optional(),
  }).optional(),
  meta: z
    .looseObject({ canonical: text.optional(), version: text.optional(), lastModified: text.optional() })
    .optional(),
});
export type TJsonResume = z.infer<typeof ZJsonResume>;

/** `work[2].startDate` from a zod issue path. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `${out ? '.' : ''}${String(key)}`;
  return out || '(document)';
}

/** One line per problem, e.g. `work[2].startDate: expected ISO date (YYYY, YYYY-MM or YYYY-MM-DD), got "2019/05"`. */
export function describeIssues(error: z.ZodError, document: unknown, limit = 5): string[] {
  return error.issues.slice(0, limit).map((issue) => {
    let value: unknown = document;
    for (const key of issue.path)
      value = (value as Record<PropertyKey, unknown> | undefined)?.[key as PropertyKey];
    const shown = value === undefined ? '' : `, got ${JSON.stringify(value)?.slice(0, 60)}`;
    const message = issue.code === 'invalid_type' ? `expected ${issue.expected}` : issue.message;
    return `${formatIssuePath(issue.path)}: ${message}${shown}`;
  });
}
