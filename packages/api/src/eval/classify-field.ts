import { words } from './metrics/document-text.js';
import type { GoldenField } from './types.js';

/**
 * Words and phrases that point a posting to a field. The title counts three times as much as the
 * description; the field with the highest score wins, ties go to the earlier field in this map, and a posting
 * that matches nothing is left unclassified. Deliberately small and readable: it decides which personas a
 * corpus posting is paired with, nothing more.
 */
export const FIELD_KEYWORDS: Record<GoldenField, string[]> = {
  software: [
    'software',
    'developer',
    'backend',
    'back-end',
    'frontend',
    'front-end',
    'full stack',
    'fullstack',
    'full-stack',
    'devops',
    'sre',
    'site reliability',
    'android',
    'ios',
    'java',
    'javascript',
    'typescript',
    'python developer',
    'qa engineer',
    'test automation',
    'cloud',
    'kubernetes',
    'platform engineer',
    'security engineer',
    'programmer',
    'web developer',
  ],
  data: [
    'data engineer',
    'data scientist',
    'data analyst',
    'analytics',
    'machine learning',
    'ml engineer',
    'bioinformatician',
    'data warehouse',
    'etl',
    'business intelligence',
    'bi developer',
    'statistician',
    'sql',
  ],
  design: [
    'designer',
    'ux',
    'ui/ux',
    'user experience',
    'visual design',
    'product design',
    'figma',
    'interaction design',
  ],
  product: ['product manager', 'product owner', 'product management', 'roadmap', 'product lead'],
  marketing: [
    'marketing',
    'seo',
    'content strategist',
    'brand',
    'growth marketer',
    'campaign',
    'social media',
  ],
  finance: [
    'finance',
    'financial analyst',
    'accountant',
    'accounting',
    'controller',
    'fp&a',
    'audit',
    'treasury',
  ],
  healthcare: [
    'nurse',
    'clinical',
    'clinician',
    'patient',
    'healthcare',
    'physician',
    'pharmacist',
    'hospital',
  ],
  research: ['research scientist', 'researcher', 'postdoc', 'phd', 'laboratory', 'research associate'],
  education: ['teacher', 'instructor', 'curriculum', 'lecturer', 'tutor', 'education', 'learning designer'],
  operations: [
    'operations manager',
    'operations',
    'logistics',
    'supply chain',
    'delivery manager',
    'project manager',
    'program manager',
    'head of it',
    'procurement',
  ],
  sales: [
    'sales',
    'account executive',
    'business development',
    'account manager',
    'customer success',
    'pre-sales',
  ],
  legal: ['lawyer', 'attorney', 'legal counsel', 'paralegal', 'compliance', 'contracts', 'solicitor'],
};

function countPhrase(haystack: string, phrase: string): number {
  const needle = ` ${words(phrase).join(' ')} `;
  if (needle.trim() === '') return 0;
  let n = 0;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + 1)) n++;
  return n;
}

/** The field a job posting belongs to, from its title and description; null when nothing matches. */
export function classifyField(title: string, description: string): GoldenField | null {
  const t = ` ${words(title).join(' ')} `;
  const d = ` ${words(description).join(' ')} `;
  let best: GoldenField | null = null;
  let bestScore = 0;
  for (const [field, phrases] of Object.entries(FIELD_KEYWORDS) as Array<[GoldenField, string[]]>) {
    let score = 0;
    for (const phrase of phrases) score += 3 * countPhrase(t, phrase) + Math.min(3, countPhrase(d, phrase));
    if (score > bestScore) {
      best = field;
      bestScore = score;
    }
  }
  return best;
}
