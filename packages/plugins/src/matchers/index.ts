import type { AnyPlugin } from '@dossier/core';
import { createBm25Matcher } from './create-bm25-matcher.js';
import { createEvidenceStrengthMatcher } from './create-evidence-strength-matcher.js';
import { createLabelBoostMatcher } from './create-label-boost-matcher.js';
import { createRecencyMatcher } from './create-recency-matcher.js';
import { createSkillOverlapMatcher } from './create-skill-overlap-matcher.js';

export { type Bm25MatcherOptions, createBm25Matcher } from './create-bm25-matcher.js';
export {
  createEvidenceStrengthMatcher,
  type EvidenceStrengthMatcherOptions,
} from './create-evidence-strength-matcher.js';
export { createLabelBoostMatcher, type LabelBoostMatcherOptions } from './create-label-boost-matcher.js';
export { createRecencyMatcher, type RecencyMatcherOptions } from './create-recency-matcher.js';
export {
  createSkillOverlapMatcher,
  type SkillOverlapMatcherOptions,
} from './create-skill-overlap-matcher.js';

/** The built-in matchers: bm25, skill overlap, label boost, recency and evidence strength. */
export const matcherPlugins: AnyPlugin[] = [
  createBm25Matcher(),
  createSkillOverlapMatcher(),
  createLabelBoostMatcher(),
  createRecencyMatcher(),
  createEvidenceStrengthMatcher(),
];
