import type { Taxonomy } from '../services/create-services.js';

const SUGGESTIONS = 5;

/**
 * The canonical skill a free-text name stands for (`k8s` → Kubernetes), or none, plus close alternatives for a
 * "did you mean" prompt; the match itself is not repeated among the suggestions.
 */
export function normalizeSkill({ taxonomy, name }: { taxonomy: Taxonomy; name: string }) {
  const match = taxonomy.normalize(name);
  const suggestions = taxonomy
    .suggest(name, SUGGESTIONS + 1)
    .filter((s) => s.id !== match?.id)
    .slice(0, SUGGESTIONS);
  return { match, suggestions };
}
