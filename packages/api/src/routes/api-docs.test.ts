import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALL_ROUTES } from './index.js';

// docs/api.md is the API reference people read; this keeps it and the registered routes the same set: a route
// added without a line in the reference fails, and so does a documented route that no longer exists.

const DOC = readFileSync(fileURLToPath(new URL('../../../../docs/api.md', import.meta.url)), 'utf8');
const METHOD = 'GET|POST|PUT|PATCH|DELETE';

function documentedRoutes(): Set<string> {
  const found = new Set<string>();
  const add = (methods: string, path: string) => {
    for (const method of methods.split('/'))
      found.add(`${method.trim().toLowerCase()} ${path.split('?')[0]}`);
  };
  // Table rows: | GET | `/labels` | … or | GET / PATCH / DELETE | `/labels/:id` | …
  for (const m of DOC.matchAll(
    new RegExp(`^\\|\\s*((?:${METHOD})(?:\\s*/\\s*(?:${METHOD}))*)\\s*\\|\\s*\`(/[^\`]*)\``, 'gm'),
  )) {
    add(m[1]!, m[2]!);
  }
  // Prose: `GET /skills?q=kube&limit=10`
  for (const m of DOC.matchAll(new RegExp(`\`(${METHOD}) (/[^\`\\s]*)\``, 'g'))) add(m[1]!, m[2]!);
  return found;
}

describe('docs/api.md', () => {
  const routes = new Set(ALL_ROUTES.map((r) => `${r.method} ${r.path}`));
  const documented = documentedRoutes();

  it('documents every registered route', () => {
    expect([...routes].filter((r) => !documented.has(r))).toEqual([]);
  });

  it('documents no route that does not exist', () => {
    // Served by their own routers (create-app): the share page, health, metrics, and the API's own
    // description (the OpenAPI document, its page, the feature flags).
    const outside = /^get \/(s|health|metrics|api\/v1\/(openapi\.json|docs|features))\b/;
    expect([...documented].filter((r) => !routes.has(r) && !outside.test(r))).toEqual([]);
  });
});
