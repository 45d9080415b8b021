import { z } from 'zod';

export const SENIORITIES = ['intern', 'junior', 'mid', 'senior', 'lead', 'principal', 'executive'] as const;
export const KEYWORD_KINDS = ['certification', 'method', 'domain', 'tool', 'soft', 'other'] as const;

/** A skill the job asks for, normalised through the taxonomy (or `x:<key>` when the taxonomy lacks it). */
export const ZJobSkill = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  /** 0–1: must-have > nice-to-have; more mentions and requirement sections weigh more. */
  weight: z.number().min(0).max(1),
  required: z.boolean(),
  mentions: z.number().int().min(0),
});
export type TJobSkill = z.infer<typeof ZJobSkill>;

export const ZJobKeyword = z.object({
  term: z.string().min(1),
  kind: z.enum(KEYWORD_KINDS),
  weight: z.number().min(0).max(1),
});
export type TJobKeyword = z.infer<typeof ZJobKeyword>;

/** A job description after parsing: what matchers, generators and ATS checkers read. */
export const ZParsedJob = z.object({
  title: z.string(),
  company: z.string().nullable(),
  location: z.string().nullable(),
  seniority: z.enum(SENIORITIES).nullable(),
  yearsOfExperience: z.object({ min: z.number().min(0), max: z.number().min(0).nullable() }).nullable(),
  education: z.array(z.string()),
  requirements: z.object({ mustHave: z.array(z.string()), niceToHave: z.array(z.string()) }),
  skills: z.array(ZJobSkill),
  keywords: z.array(ZJobKeyword),
  responsibilities: z.array(z.string()),
  /** ISO 639-1 guess of the text's language; non-English text is parsed best-effort and flagged. */
  language: z.string(),
  text: z.string(),
});
export type TParsedJob = z.infer<typeof ZParsedJob>;
