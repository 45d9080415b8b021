import { api } from './client';
import type { SkillNormalization } from './types';

// The taxonomy is static for the life of a page, so each distinct name is asked about once.
const cache = new Map<string, Promise<SkillNormalization>>();

export function normalizeSkill(name: string): Promise<SkillNormalization> {
  const key = name.trim().toLowerCase();
  let pending = cache.get(key);
  if (!pending) {
    pending = api.get<SkillNormalization>('/skills/normalize', { query: { name: name.trim() } });
    // A failed look-up (offline, rate limited) should be retried next time, not remembered.
    pending.catch(() => cache.delete(key));
    cache.set(key, pending);
  }
  return pending;
}
