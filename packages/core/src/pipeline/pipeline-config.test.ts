import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it, vi } from 'vitest';
import type { AnyPlugin } from '../plugins/contract.js';
import { PIPELINE_CONFIG_JSON_SCHEMA, parsePipelineConfig } from './pipeline-config.js';
import { PluginConfigError } from './plugin-config-error.js';
import { resolvePipelineConfig } from './resolve-pipeline-config.js';

const plugin = (name: string, kind: AnyPlugin['kind'], extra: Partial<AnyPlugin> = {}): AnyPlugin => ({
  name,
  kind,
  version: '1.0.0',
  create: () => ({}) as never,
  ...extra,
});

const builtins = [
  plugin('keyword-matcher', 'matcher', {
    optionsSchema: {
      type: 'object',
      properties: { boost: { type: 'number', default: 1 } },
      additionalProperties: false,
    },
  }),
  plugin('template-cv', 'generator'),
  plugin('template-cover-letter', 'generator'),
  plugin('md', 'exporter'),
];

function configError(run: () => unknown): PluginConfigError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PluginConfigError);
    return error as PluginConfigError;
  }
  throw new Error('did not throw');
}

async function resolveError(config: unknown, importModule = vi.fn()): Promise<PluginConfigError> {
  const error = await resolvePipelineConfig(config, { builtins, importModule }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PluginConfigError);
  return error as PluginConfigError;
}

describe('parsePipelineConfig', () => {
  it('fills in defaults', () => {
    expect(parsePipelineConfig({ plugins: [] })).toEqual({
      plugins: [],
      matchers: { weights: {} },
      generators: { cv: ['template-cv'], 'cover-letter': ['template-cover-letter'], maxViolations: 0 },
      ats: { passScore: 75 },
      timeouts: {
        parse: 10_000,
        match: 10_000,
        generate: 60_000,
        ground: 5_000,
        ats: 30_000,
        export: 30_000,
      },
      llm: { budgetTokens: 8000 },
    });
  });

  it('rejects unknown keys with their path', () => {
    expect(configError(() => parsePipelineConfig({ plugins: [], colour: 'red' })).problems).toEqual([
      'colour: unknown key',
    ]);
    expect(
      configError(() =>
        parsePipelineConfig({ plugins: [{ use: 'x', option: {} }], timeouts: { parsing: 5 } }),
      ).problems,
    ).toEqual(['plugins[0].option: unknown key', 'timeouts.parsing: unknown key']);
  });

  it('names the path of every invalid value', () => {
    const error = configError(() =>
      parsePipelineConfig({
        plugins: [{ use: '' }],
        generators: { cv: [] },
        matchers: { weights: { bm25: -1 } },
        ats: { passScore: 140 },
      }),
    );
    expect(error.problems.map((p) => p.split(':')[0])).toEqual([
      'plugins[0].use',
      'matchers.weights.bm25',
      'generators.cv',
      'ats.passScore',
    ]);
    expect(error.message).toMatch(/^invalid pipeline config: /);
    expect(configError(() => parsePipelineConfig({})).problems[0]).toMatch(/^plugins: /);
  });

  it('publishes a JSON Schema that accepts what the zod schema accepts', () => {
    const validate = new Ajv2020({ strict: false }).compile(PIPELINE_CONFIG_JSON_SCHEMA);
    const good = { $schema: './dossier.schema.json', plugins: [{ use: './x.js', options: { a: 1 } }] };
    expect(validate(good)).toBe(true);
    expect(validate({ plugins: [], colour: 1 })).toBe(false);
    expect(validate({ plugins: [], timeouts: { parse: -1 } })).toBe(false);
  });
});

describe('resolvePipelineConfig', () => {
  it('registers built-ins by name and modules through importModule', async () => {
    const fromPackage = plugin('lang-ats', 'ats-checker');
    const importModule = vi.fn(async (specifier: string) => {
      if (specifier === '@acme/dossier-lang') return { default: fromPackage };
      if (specifier === './local-plugins.js') {
        return { plugins: [plugin('csv', 'exporter'), plugin('tsv', 'exporter')] };
      }
      throw new Error(`unexpected ${specifier}`);
    });
    const registry = await resolvePipelineConfig(
      {
        plugins: [
          { use: 'keyword-matcher', options: { boost: 2 } },
          { use: '@acme/dossier-lang' },
          { use: './local-plugins.js', options: { tsv: {} } },
        ],
        matchers: { weights: { 'keyword-matcher': 2 } },
      },
      { builtins, importModule },
    );
    expect(importModule.mock.calls.map((call) => call[0])).toEqual([
      '@acme/dossier-lang',
      './local-plugins.js',
    ]);
    expect(registry.list().map((p) => p.name)).toEqual([
      'keyword-matcher',
      'lang-ats',
      'csv',
      'tsv',
      'template-cv',
      'template-cover-letter',
    ]);
    expect(registry.get('keyword-matcher')?.options).toEqual({ boost: 2 });
  });

  it('accepts a CommonJS-style nested default export and a named plugin export', async () => {
    const registry = await resolvePipelineConfig(
      { plugins: [{ use: 'cjs-plugin' }, { use: 'named-plugin' }] },
      {
        builtins,
        importModule: async (s) =>
          s === 'cjs-plugin'
            ? { default: { default: plugin('cjs', 'parser') } }
            : { plugin: plugin('named', 'parser') },
      },
    );
    expect(registry.byKind('parser').map((e) => e.plugin.name)).toEqual(['cjs', 'named']);
  });

  it('names the use entry when a module cannot be loaded or exports no plugin', async () => {
    const failing = vi.fn(async () => {
      throw new Error("Cannot find package '@acme/missing'");
    });
    expect((await resolveError({ plugins: [{ use: '@acme/missing' }] }, failing)).message).toBe(
      `plugins[0] (use "@acme/missing"): could not load the module: Cannot find package '@acme/missing'`,
    );
    const empty = vi.fn(async () => ({ helper: () => 1 }));
    expect((await resolveError({ plugins: [{ use: 'md' }, { use: './util.js' }] }, empty)).message).toMatch(
      /^plugins\[1\] \(use "\.\/util\.js"\): the module exports no plugin/,
    );
  });

  it('names the use entry, plugin and option when options are invalid', async () => {
    const error = await resolveError({ plugins: [{ use: 'keyword-matcher', options: { boost: 'lots' } }] });
    expect(error.message).toBe(
      'plugins[0] (use "keyword-matcher"): plugin "keyword-matcher": option "/boost" must be number',
    );
    expect(error.plugin).toBe('keyword-matcher');
  });

  it('validates the whole config before loading anything', async () => {
    const importModule = vi.fn();
    const error = await resolveError({ plugins: [{ use: './x.js' }], extra: true }, importModule);
    expect(error.problems).toEqual(['extra: unknown key']);
    expect(importModule).not.toHaveBeenCalled();
  });

  it('rejects fallback chains and weights that name nothing loaded', async () => {
    expect((await resolveError({ plugins: [], generators: { cv: ['llm-cv', 'template-cv'] } })).message).toBe(
      'generators.cv[0]: "llm-cv" is neither loaded nor a built-in plugin',
    );
    expect((await resolveError({ plugins: [], generators: { cv: ['md'] } })).message).toBe(
      'generators.cv[0]: "md" is not a generator (kind: exporter)',
    );
    expect((await resolveError({ plugins: [], matchers: { weights: { bm25: 1 } } })).message).toBe(
      'matchers.weights.bm25: "bm25" is not a loaded matcher',
    );
  });

  it('keys options by plugin name for a module with several plugins', async () => {
    const importModule = async () => ({ default: [plugin('a', 'exporter'), plugin('b', 'exporter')] });
    const error = await resolveError({ plugins: [{ use: 'pack', options: { c: {} } }] }, vi.fn(importModule));
    expect(error.message).toMatch(
      /options of a module with several plugins are keyed by plugin name \(a, b\)/,
    );
  });
});
