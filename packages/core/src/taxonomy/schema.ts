import { z } from 'zod';

export const SKILL_CATEGORIES = ['language', 'framework', 'tool', 'platform', 'domain', 'soft'] as const;

export const ZSkillCategory = z.enum(SKILL_CATEGORIES);
export type TSkillCategory = z.infer<typeof ZSkillCategory>;

/** One skill of the taxonomy, as stored in `data/taxonomy.json`. */
export const ZTaxonomyEntry = z.object({
  /** Stable slug: `cpp` for C++, `csharp` for C#, `dotnet` for .NET. */
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  name: z.string().min(1),
  category: ZSkillCategory,
  aliases: z.array(z.string().min(1)),
  /** Where the skill comes from: `curated`, `onet`, `stackoverflow`, `linguist:<id>`, `esco:<uuid>`. */
  sources: z.array(z.string().min(1)).min(1),
});
export type TTaxonomyEntry = z.infer<typeof ZTaxonomyEntry>;

/** What `normalize` returns: enough to show and store a skill without the alias list. */
export interface TSkillRef {
  id: string;
  name: string;
  category: TSkillCategory;
}

/** A skill found in free text, with how many times it was mentioned. */
export interface TSkillMention {
  id: string;
  name: string;
  count: number;
}
