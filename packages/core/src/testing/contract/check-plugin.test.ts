import { describe, expect, it } from 'vitest';
import type { TDocumentContent } from '../../domain/document-content.js';
import {
  type AnyPlugin,
  definePlugin,
  type GenerateInput,
  type MatchInput,
  type ParserInput,
  type StageContext,
} from '../../plugins/contract.js';
import { checkPlugin, expectPluginToPass } from './check-plugin.js';
import { createPluginSamples } from './create-plugin-samples.js';

const samples = createPluginSamples();
const { job, content } = samples;
const matchSample = samples.matcher;
const generateSample = samples.generator;

const throwIfAborted = (ctx: StageContext) => ctx.signal.throwIfAborted();

const goodMatcher = definePlugin({
  name: 'overlap-matcher',
  kind: 'matcher',
  version: '1.0.0',
  optionsSchema: {
    type: 'object',
    properties: { boost: { type: 'number', default: 1 } },
    additionalProperties: false,
  },
  create: (options: { boost: number }) => ({
    async match(input: MatchInput) {
      return input.artifacts.map((artifact) => ({
        artifactId: artifact.id,
        score: Math.min(1, artifact.technologies.length * 0.5 * options.boost),
        reasons: [],
        matchedSkills: [],
        matchedKeywords: [],
      }));
    },
  }),
});

const goodGenerator = definePlugin({
  name: 'tiny-cv',
  kind: 'generator',
  version: '1.0.0',
  create: () => ({
    kinds: ['cv' as const],
    async generate(input: GenerateInput, ctx: StageContext) {
      throwIfAborted(ctx);
      ctx.report({ ruleId: 'tiny/short', severity: 'info', message: 'kept it short' });
      return { content: { ...content, title: `${input.profile.name} CV` } };
    },
  }),
});

describe('checkPlugin', () => {
  it('passes well-behaved plugins of every kind', async () => {
    const cases: Array<[AnyPlugin, unknown]> = [
      [goodMatcher, matchSample],
      [goodGenerator, generateSample],
      [
        definePlugin({
          name: 'txt',
          kind: 'exporter',
          version: '1.0.0',
          create: () => ({
            format: 'txt',
            async export({ content: c }: { content: TDocumentContent }, ctx: StageContext) {
              throwIfAborted(ctx);
              return { bytes: new TextEncoder().encode(c.title), mediaType: 'text/plain', extension: 'txt' };
            },
          }),
        }),
        { content },
      ],
      [
        definePlugin({
          name: 'plain-job',
          kind: 'parser',
          version: '1.0.0',
          create: () => ({
            accepts: ['text/plain'],
            produces: 'job' as const,
            async parse(input: ParserInput, ctx: StageContext) {
              throwIfAborted(ctx);
              return { type: 'job' as const, job: { ...job, text: input.text ?? '' } };
            },
          }),
        }),
        { mediaType: 'text/plain', text: 'Backend Engineer' },
      ],
      [
        definePlugin({
          name: 'length-ats',
          kind: 'ats-checker',
          version: '1.0.0',
          create: () => ({
            weight: 1,
            async check({ render }: { render: (f: string) => Promise<{ bytes: Uint8Array }> }) {
              const { bytes } = await render('txt');
              return { score: bytes.byteLength > 0 ? 100 : 0, passed: true, findings: [], details: {} };
            },
          }),
        }),
        samples['ats-checker'],
      ],
      [
        definePlugin({
          name: 'example-validator',
          kind: 'evidence-validator',
          version: '1.0.0',
          create: () => ({
            handles: (url: URL) => url.hostname === 'example.com',
            async validate(url: string, ctx: StageContext) {
              throwIfAborted(ctx);
              return { status: 'valid' as const, httpStatus: 200, finalUrl: url, reason: null };
            },
          }),
        }),
        'https://example.com/project',
      ],
    ];
    for (const [plugin, sample] of cases) {
      expect(await checkPlugin(plugin, { sample: sample as never }), plugin.name).toEqual({
        ok: true,
        problems: [],
      });
    }
  });

  it('catches a plugin that mutates its input', async () => {
    const sorter = definePlugin({
      ...goodMatcher,
      name: 'sorting-matcher',
      create: () => ({
        async match(input: MatchInput) {
          input.artifacts.sort((a, b) => a.title.localeCompare(b.title));
          return [];
        },
      }),
    });
    const result = await checkPlugin(sorter, { sample: matchSample });
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      expect.stringMatching(/^mutates its input: Cannot assign to read only property/),
    ]);

    // Typed arrays cannot be frozen; a parser that scribbles on its bytes is caught by comparison.
    const scribbler = definePlugin({
      name: 'scribbling-parser',
      kind: 'parser',
      version: '1.0.0',
      create: () => ({
        accepts: ['application/octet-stream'],
        produces: 'job' as const,
        async parse(input: ParserInput) {
          input.bytes?.fill(0);
          return { type: 'job' as const, job };
        },
      }),
    });
    const bytes = await checkPlugin(scribbler, {
      sample: { mediaType: 'application/octet-stream', bytes: new Uint8Array([1, 2, 3]) },
      checkAbort: false,
    });
    expect(bytes.problems).toEqual(['mutates its input: the sample differs after the call']);
  });

  it('catches a bad options schema and bad options', async () => {
    const badSchema = await checkPlugin(
      { ...goodMatcher, optionsSchema: { type: 'objekt' } },
      { sample: matchSample },
    );
    expect(badSchema.ok).toBe(false);
    expect(badSchema.problems[0]).toMatch(/^optionsSchema is not a valid JSON Schema: /);

    const badOptions = await checkPlugin(goodMatcher, {
      sample: matchSample,
      options: { boost: 'lots', x: 1 },
    });
    expect([...badOptions.problems].sort()).toEqual([
      'option "/boost" must be number',
      'option "/x" is not allowed',
    ]);
  });

  it('catches invalid output, naming the schema path', async () => {
    const sloppy = definePlugin({
      ...goodGenerator,
      create: () => ({
        kinds: ['cv' as const],
        async generate(_input: GenerateInput, ctx: StageContext) {
          throwIfAborted(ctx);
          return {
            content: { ...content, title: undefined, sections: [{ id: '', kind: 'hobbies' }] },
          } as never;
        },
      }),
    });
    const result = await checkPlugin(sloppy, { sample: generateSample });
    expect(result.ok).toBe(false);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatch(/^output does not match the generator schema: content\.title: /);
    expect(result.problems[0]).toMatch(/content\.sections\.0\.kind/);
  });

  it('catches a handler that ignores an already-aborted signal, or hangs on it', async () => {
    const ignores = definePlugin({
      ...goodGenerator,
      create: () => ({ kinds: ['cv' as const], generate: async () => ({ content }) }),
    });
    expect((await checkPlugin(ignores, { sample: generateSample })).problems).toEqual([
      'resolved although its signal was already aborted; it must reject',
    ]);
    const hangs = definePlugin({
      ...goodGenerator,
      create: () => ({
        kinds: ['cv' as const],
        generate: (_input: GenerateInput, ctx: StageContext) =>
          ctx.signal.aborted ? new Promise<never>(() => {}) : Promise.resolve({ content }),
      }),
    });
    expect((await checkPlugin(hangs, { sample: generateSample, abortGraceMs: 50 })).problems).toEqual([
      'did not settle within 50 ms although its signal was already aborted',
    ]);
    // Matchers are not held to it unless asked.
    expect((await checkPlugin(goodMatcher, { sample: matchSample })).ok).toBe(true);
    expect((await checkPlugin(goodMatcher, { sample: matchSample, checkAbort: true })).ok).toBe(false);
  });

  it('checks the definition, the handler shape and reported diagnostics', async () => {
    expect(
      (await checkPlugin({ ...goodMatcher, version: 'latest' }, { sample: matchSample })).problems,
    ).toEqual(['definition: version "latest" must be a semver version such as 1.0.0']);
    const wrongShape = {
      ...goodMatcher,
      create: () => ({ score: async () => [] }),
    } as unknown as AnyPlugin & {
      kind: 'matcher';
    };
    expect((await checkPlugin(wrongShape, { sample: matchSample })).problems).toEqual([
      'matcher handler: match must be a function',
    ]);
    const noisy = definePlugin({
      ...goodMatcher,
      create: () => ({
        async match(_input: MatchInput, ctx: StageContext) {
          ctx.report({ ruleId: '', severity: 'fatal', message: 'x' } as never);
          return [];
        },
      }),
    });
    expect((await checkPlugin(noisy, { sample: matchSample })).problems[0]).toMatch(
      /^reported a malformed diagnostic: /,
    );
  });

  it('expectPluginToPass throws listing every problem', async () => {
    await expect(expectPluginToPass(goodGenerator, { sample: generateSample })).resolves.toBeUndefined();
    const broken = definePlugin({
      ...goodMatcher,
      create: () => ({ match: async () => [{ artifactId: 'zz', score: 2 }] as never }),
    });
    await expect(expectPluginToPass(broken, { sample: matchSample, options: { boost: 2 } })).rejects.toThrow(
      /^plugin "overlap-matcher" breaks the plugin contract:\n {2}- output does not match the matcher schema: 0\.score: /,
    );
  });
});
