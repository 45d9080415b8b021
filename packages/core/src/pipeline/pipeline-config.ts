import { z } from 'zod';
import { ATS_PASS_SCORE } from '../domain/ats-report.js';
import { PluginConfigError } from './plugin-config-error.js';

const ZTimeoutMs = z.number().int().positive().max(3_600_000);
const ZChain = z.array(z.string().min(1)).min(1);

export const DEFAULT_TIMEOUTS = {
  parse: 10_000,
  match: 10_000,
  generate: 60_000,
  ground: 5_000,
  ats: 30_000,
  export: 30_000,
} as const;

export const DEFAULT_GENERATOR_CHAINS = {
  cv: ['template-cv'],
  'cover-letter': ['template-cover-letter'],
} as const;

// Descriptions live in `.describe()` so they reach the published JSON Schema (docs and editor hints).
/** `dossier.config.json`: which plugins to load, how matchers weigh, generator fallback chains, limits. */
export const ZPipelineConfig = z
  .strictObject({
    $schema: z.string().optional().describe('Lets editors find this schema; ignored by the pipeline.'),
    plugins: z
      .array(
        z.strictObject({
          use: z
            .string()
            .min(1)
            .describe("A built-in plugin's name, an npm package name, or a ./relative path."),
          options: z
            .record(z.string(), z.unknown())
            .optional()
            .describe(
              "The plugin's options; a module exporting several plugins takes them keyed by plugin name.",
            ),
        }),
      )
      .describe('Plugins to load, in order.'),
    matchers: z
      .strictObject({
        weights: z
          .record(z.string(), z.number().min(0))
          .default({})
          .describe(
            'Relative weight per matcher name; a matcher without one weighs 1; weights are normalised.',
          ),
      })
      .prefault({}),
    generators: z
      .strictObject({
        cv: ZChain.default([...DEFAULT_GENERATOR_CHAINS.cv]).describe('CV generators, first tried first.'),
        'cover-letter': ZChain.default([...DEFAULT_GENERATOR_CHAINS['cover-letter']]).describe(
          'Cover-letter generators, first tried first.',
        ),
        maxViolations: z
          .number()
          .int()
          .min(0)
          .default(0)
          .describe(
            'Grounding violations allowed before the next generator is tried; the last one is always kept, with its violations dropped.',
          ),
      })
      .prefault({})
      .describe('Fallback chains per document kind.'),
    ats: z
      .strictObject({
        passScore: z
          .number()
          .min(0)
          .max(100)
          .default(ATS_PASS_SCORE)
          .describe('Combined ATS score at or above which a document passes.'),
      })
      .prefault({}),
    timeouts: z
      .strictObject({
        parse: ZTimeoutMs.default(DEFAULT_TIMEOUTS.parse),
        match: ZTimeoutMs.default(DEFAULT_TIMEOUTS.match),
        generate: ZTimeoutMs.default(DEFAULT_TIMEOUTS.generate),
        ground: ZTimeoutMs.default(DEFAULT_TIMEOUTS.ground),
        ats: ZTimeoutMs.default(DEFAULT_TIMEOUTS.ats),
        export: ZTimeoutMs.default(DEFAULT_TIMEOUTS.export),
      })
      .prefault({})
      .describe('Per-stage time limits in milliseconds; in generate the limit applies to each attempt.'),
    llm: z
      .strictObject({
        budgetTokens: z
          .number()
          .int()
          .positive()
          .default(8000)
          .describe('Tokens one generation may spend; a run over it gets a warning diagnostic.'),
      })
      .prefault({}),
  })
  .describe('Dossier pipeline configuration (dossier.config.json).');
export type TPipelineConfig = z.infer<typeof ZPipelineConfig>;
export type TPipelineConfigInput = z.input<typeof ZPipelineConfig>;

/** JSON Schema (draft 2020-12) of `dossier.config.json` as written by people, for docs and editors. */
export const PIPELINE_CONFIG_JSON_SCHEMA = z.toJSONSchema(ZPipelineConfig, { io: 'input' });

/** `generators.cv[0]` style, the way people read paths in a JSON file. */
export function formatConfigPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out || '(root)';
}

function formatIssue(issue: z.core.$ZodIssue): string[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => `${formatConfigPath([...issue.path, key])}: unknown key`);
  }
  return [`${formatConfigPath(issue.path)}: ${issue.message}`];
}

/**
 * Validates a pipeline configuration and fills in defaults. Throws `PluginConfigError` listing every problem
 * with its path (`generators.cv: ...`, `colour: unknown key`).
 */
export function parsePipelineConfig(input: unknown): TPipelineConfig {
  const result = ZPipelineConfig.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.flatMap(formatIssue);
  throw new PluginConfigError(`invalid pipeline config: ${problems.join('; ')}`, null, problems);
}
