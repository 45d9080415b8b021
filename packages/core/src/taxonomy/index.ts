export { computeEditDistance } from './compute-edit-distance.js';
export {
  createTaxonomy,
  type DeriveSkillsInput,
  type Taxonomy,
  type TaxonomyOptions,
} from './create-taxonomy.js';
export { createTextMatcher, DEFAULT_AMBIGUOUS_TERMS } from './create-text-matcher.js';
export { getDefaultTaxonomy } from './default-taxonomy.js';
export {
  SKILL_CATEGORIES,
  type TSkillCategory,
  type TSkillMention,
  type TSkillRef,
  type TTaxonomyEntry,
  ZSkillCategory,
  ZTaxonomyEntry,
} from './schema.js';
export { normalizeKey, scanTokens, type TextToken, tokenize } from './tokenize.js';
