import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

/** The skill taxonomy as shipped in @dossier/core, mirrored into the database by `dossier seed`/start-up. */
export const Skill = defineEntity({
  name: 'Skill',
  tableName: 'skills',
  properties: {
    id: p.string().length(120).primary(),
    name: p.string().length(200),
    category: p.enum(['language', 'framework', 'tool', 'platform', 'domain', 'soft'] as const),
    aliases: p.array().default([]),
    sources: p.array().default([]),
  },
});
export type ISkill = InferEntity<typeof Skill>;
