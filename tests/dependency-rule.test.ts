import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The dependency rule of the design: core imports no workspace package and does no I/O of its own; plugins
// import only core; api imports core and plugins; web imports only core's browser-safe subpath. Nothing
// reaches into another package with a relative path.
const ROOT = path.resolve(import.meta.dirname, '..');
const ALLOWED: Record<string, RegExp[]> = {
  core: [],
  plugins: [/^@dossier\/core(\/[a-z-]+)?$/],
  api: [/^@dossier\/core(\/[a-z-]+)?$/, /^@dossier\/plugins(\/[a-z-]+)?$/],
  web: [/^@dossier\/core\/browser$/],
};
const CORE_FORBIDDEN_NODE =
  /^node:(fs|fs\/promises|net|http|https|child_process|dgram|dns|tls|http2|worker_threads)$/;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'node_modules' && name !== 'dist') out.push(...sourceFiles(p));
    } else if (/\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs: string[] = [];
  for (const m of text.matchAll(
    /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g,
  )) {
    specs.push((m[1] ?? m[2])!);
  }
  return specs;
}

describe('dependency rule', () => {
  for (const pkg of Object.keys(ALLOWED)) {
    it(`${pkg} imports only what it may`, () => {
      const srcDir = path.join(ROOT, 'packages', pkg, 'src');
      const violations: string[] = [];
      // A package with no sources yet has nothing to violate.
      const files = existsSync(srcDir) ? sourceFiles(srcDir) : [];
      for (const file of files) {
        // Tests and the plugin-author test kit (which runs a fake LLM server) may do I/O.
        const isTest = /\.test\.tsx?$|test-support|\/testing\//.test(file);
        // The SSRF guard is core's one piece of network code (node entry only), so every caller shares it.
        const isGuard = pkg === 'core' && file.includes(`${path.sep}src${path.sep}net${path.sep}`);
        for (const spec of importsOf(file)) {
          const rel = path.relative(ROOT, file);
          if (spec.startsWith('@dossier/')) {
            if (!ALLOWED[pkg]!.some((re) => re.test(spec))) violations.push(`${rel}: ${spec}`);
          } else if (spec.startsWith('.')) {
            const target = path.resolve(path.dirname(file), spec);
            if (!target.startsWith(path.join(ROOT, 'packages', pkg) + path.sep))
              violations.push(`${rel}: ${spec} leaves the package`);
          } else if (pkg === 'core' && !isTest && !isGuard && CORE_FORBIDDEN_NODE.test(spec)) {
            violations.push(`${rel}: core must not do I/O (${spec})`);
          }
        }
      }
      expect(violations).toEqual([]);
    });
  }

  it("core's browser entry reaches no node: module and no undici", () => {
    const seen = new Set<string>();
    const bad: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const spec of importsOf(file)) {
        if (spec.startsWith('.')) {
          const target = path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts');
          if (existsSync(target)) visit(target);
        } else if (spec.startsWith('node:') || spec === 'undici') {
          bad.push(`${path.relative(ROOT, file)}: ${spec}`);
        }
      }
    };
    visit(path.join(ROOT, 'packages/core/src/browser.ts'));
    expect(seen.size).toBeGreaterThan(1);
    expect(bad).toEqual([]);
  });

  it('detects a violation (the scanner is not vacuous)', () => {
    expect(importsOf(path.join(ROOT, 'tests', 'dependency-rule.test.ts'))).toContain('vitest');
  });
});
