import type { TSkillView } from '../routes/skills/schema.js';

interface SkillLike {
  id: string;
  name: string;
  category: TSkillView['category'];
  aliases?: readonly string[];
}

/** `{id, name, category}`: how a skill is referred to from other views. */
export const presentSkillRef = (s: SkillLike) => ({ id: s.id, name: s.name, category: s.category });

/** A taxonomy entry without its internal source ids. */
export const presentSkill = (s: SkillLike): TSkillView => ({
  ...presentSkillRef(s),
  aliases: [...(s.aliases ?? [])],
});
