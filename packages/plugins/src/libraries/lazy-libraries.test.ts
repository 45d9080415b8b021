import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// The libraries a process should load only when it reads or writes a document or calls a model.
const HEAVY = ['pdfjs-dist', 'mammoth', 'jszip', 'docx', 'openai', '@anthropic-ai/sdk'];

const here = (file: string) => new URL(file, import.meta.url).href;

/**
 * A fresh Node process (vitest's own module graph would hide what a plain import loads) that records every
 * package a module resolution lands in, imports the plugins' entry point, reports, then runs the given loaders
 * one after another and reports after each. It runs the TypeScript sources, so no build can be stale: Node
 * transforms the types, and the hook maps the sources' `./x.js` specifiers to their `./x.ts` files.
 */
function probe(
  loaders: { file: string; name: string; args?: unknown[]; label?: string }[],
): { after: string; packages: string[] }[] {
  const script = `
    import { registerHooks } from 'node:module';
    const resolved = new Set();
    registerHooks({
      resolve(specifier, context, nextResolve) {
        let result;
        try {
          result = nextResolve(specifier, context);
        } catch (error) {
          const source = specifier.startsWith('.') && specifier.endsWith('.js') && context.parentURL?.endsWith('.ts');
          if (!source) throw error;
          result = nextResolve(specifier.slice(0, -3) + '.ts', context);
        }
        const name = /\\/node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(result.url)?.[1];
        if (name) resolved.add(name);
        return result;
      },
    });
    const report = (after) => console.log(JSON.stringify({ after, packages: [...resolved] }));
    await import(${JSON.stringify(here('../index.ts'))});
    report('index');
    for (const { file, name, args, label } of ${JSON.stringify(loaders.map(({ file, name, args = [], label }) => ({ file: here(file), name, args, label: label ?? name })))}) {
      await (await import(file))[name](...args);
      report(label);
    }
  `;
  const child = spawnSync(
    process.execPath,
    [
      '--experimental-transform-types',
      '--disable-warning=ExperimentalWarning',
      '--conditions=source',
      '--input-type=module',
      '--eval',
      script,
    ],
    { encoding: 'utf8', timeout: 60_000 },
  );
  if (child.status !== 0) throw new Error(`the probe failed (${child.status}): ${child.stderr}`);
  return child.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { after: string; packages: string[] });
}

const heavyIn = (packages: string[]) => HEAVY.filter((name) => packages.includes(name)).sort();

describe('heavy libraries', () => {
  it('are not loaded by importing @dossier/plugins, and each loader loads its own on first use', () => {
    const reports = probe([
      { file: './load-docx.ts', name: 'loadDocx' },
      { file: './load-openai.ts', name: 'loadOpenAi' },
      { file: './load-pdfjs.ts', name: 'loadPdfjs' },
      { file: './load-anthropic.ts', name: 'loadAnthropic' },
      { file: './load-jszip.ts', name: 'loadJsZip' },
      { file: './load-mammoth.ts', name: 'loadMammoth' },
    ]);
    const after = Object.fromEntries(reports.map((report) => [report.after, heavyIn(report.packages)]));
    // The probe itself works: the entry point pulled in its light dependencies.
    expect(reports[0]?.packages).toContain('zod');
    expect(after.index).toEqual([]);
    expect(after.loadDocx).toEqual(['docx']);
    expect(after.loadOpenAi).toEqual(['docx', 'openai']);
    expect(after.loadPdfjs).toEqual(['docx', 'openai', 'pdfjs-dist']);
    expect(after.loadAnthropic).toEqual(['@anthropic-ai/sdk', 'docx', 'openai', 'pdfjs-dist']);
    expect(after.loadJsZip).toEqual(['@anthropic-ai/sdk', 'docx', 'jszip', 'openai', 'pdfjs-dist']);
    expect(after.loadMammoth).toEqual([...HEAVY].sort());
  }, 90_000);

  it('are loaded by preloadLlmSdks for the configured provider types only', () => {
    const preload = (label: string, types: string[]) => ({
      file: '../llm/build-llm-port-from-config.ts',
      name: 'preloadLlmSdks',
      args: [types.map((type) => ({ type }))],
      label,
    });
    const reports = probe([
      preload('none', []),
      preload('anthropic', ['anthropic']),
      preload('compatible', ['openai-compatible']),
    ]);
    const after = Object.fromEntries(reports.map((report) => [report.after, heavyIn(report.packages)]));
    expect(after.none).toEqual([]);
    expect(after.anthropic).toEqual(['@anthropic-ai/sdk']);
    expect(after.compatible).toEqual(['@anthropic-ai/sdk', 'openai']);
  });
});
