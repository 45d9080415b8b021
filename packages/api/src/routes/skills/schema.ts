import { SKILL_CATEGORIES } from '@dossier/core';
import { z } from 'zod';

export const ZSkillSearchQuery = z
  .object({
    /** Matched against names and aliases. Absent or blank: the first `limit` skills by name. */
    q: z
      .string()
      .trim()
      .max(100)
      .optional()
      .transform((s) => s || undefined),
    limit: z.coerce.number().int().min(1).max(50).default(10),
  })
  .strict();
export type TSkillSearchQuery = z.infer<typeof ZSkillSearchQuery>;

export const ZSkillNormalizeQuery = z.object({ name: z.string().trim().min(1).max(200) }).strict();
export type TSkillNormalizeQuery = z.infer<typeof ZSkillNormalizeQuery>;

export const ZSkillRef = z.object({ id: z.string(), name: z.string(), category: z.enum(SKILL_CATEGORIES) });
export const ZSkillView = ZSkillRef.extend({ aliases: z.array(z.string()) });
export type TSkillView = z.infer<typeof ZSkillView>;

export const ZSkillList = z.object({ items: z.array(ZSkillView) });

export const ZSkillNormalization = z.object({
  input: z.string(),
  match: ZSkillRef.nullable(),
  suggestions: z.array(ZSkillRef),
});
