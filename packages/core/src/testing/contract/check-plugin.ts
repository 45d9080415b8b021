import { isDeepStrictEqual } from 'node:util';
import type { z } from 'zod';
import { checkHandlerShape } from '../../pipeline/check-handler-shape.js';
import { createOptionsValidator } from '../../pipeline/create-options-validator.js';
import {
  summarizeZodError,
  ZArtifactScores,
  ZAtsCheckOutput,
  ZEvidenceVerdict,
  ZExportOutput,
  ZGenerateOutput,
  ZParserOutput,
  ZReportedDiagnostic,
} from '../../pipeline/stage-schemas.js';
import { describePlugin, validatePluginDefinition } from '../../pipeline/validate-plugin-definition.js';
import type {
  AnyPlugin,
  AtsInput,
  ExportInput,
  GenerateInput,
  HandlerByKind,
  MatchInput,
  ParserInput,
  PluginDeps,
  PluginKind,
  StageContext,
} from '../../plugins/contract.js';
import { createTestDeps } from './create-test-deps.js';
import { deepFreeze } from './deep-freeze.js';

/**
 * The input each kind of handler is run on. An ATS checker's sample may leave out `render`; the default one
 * returns the content as JSON text (`txt`), so pass your own when the checker parses PDF or DOCX bytes.
 */
export interface PluginSampleByKind {
  parser: ParserInput;
  matcher: MatchInput;
  generator: GenerateInput;
  exporter: ExportInput;
  'ats-checker': Omit<AtsInput, 'render'> & { render?: AtsInput['render'] };
  /** A URL the validator handles; give `deps.http` (a fake) so no real request is made. */
  'evidence-validator': string;
}

export interface CheckPluginOptions<K extends PluginKind = PluginKind> {
  /** Options as a user would write them; schema defaults are applied before `create`. */
  options?: Record<string, unknown>;
  /** Merged over `createTestDeps()`. */
  deps?: Partial<PluginDeps>;
  sample: PluginSampleByKind[K];
  /**
   * Whether to check that the handler rejects when called with an already-aborted signal. By default this
   * runs for parsers, generators, exporters and evidence validators, which may wait on I/O or heavy work, and
   * is skipped for matchers and ATS checkers: they score in-memory data in milliseconds and the runner races
   * every call against its signal anyway, so honouring it would gain nothing.
   */
  checkAbort?: boolean;
  /** How long a call with an aborted signal may take to settle; default 1000 ms. */
  abortGraceMs?: number;
  /** How long the sample run may take; default 10 000 ms. */
  timeoutMs?: number;
}

export interface PluginCheckResult {
  ok: boolean;
  problems: string[];
}

const ABORT_CHECKED: ReadonlySet<PluginKind> = new Set([
  'parser',
  'generator',
  'exporter',
  'evidence-validator',
]);
const FROZEN_WRITE = /read[- ]only|not extensible|Cannot (assign|add|delete|define|redefine)|frozen/i;
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

type AnySample = PluginSampleByKind[PluginKind];

/** A deep copy of the sample without its functions (structuredClone rejects them); typed arrays stay typed. */
function copySample(kind: PluginKind, sample: AnySample): AnySample {
  if (kind !== 'ats-checker') return structuredClone(sample);
  const { render: _render, ...rest } = sample as PluginSampleByKind['ats-checker'];
  return structuredClone(rest) as AnySample;
}

function defaultRender(content: unknown): AtsInput['render'] {
  return async () => ({
    bytes: new TextEncoder().encode(JSON.stringify(content)),
    mediaType: 'text/plain',
    extension: 'txt',
  });
}

function invoke(
  kind: PluginKind,
  handler: unknown,
  sample: AnySample,
  ctx: StageContext,
  render: AtsInput['render'] | undefined,
): Promise<unknown> {
  switch (kind) {
    case 'parser':
      return (handler as HandlerByKind['parser']).parse(sample as ParserInput, ctx);
    case 'matcher':
      return (handler as HandlerByKind['matcher']).match(sample as MatchInput, ctx);
    case 'generator':
      return (handler as HandlerByKind['generator']).generate(sample as GenerateInput, ctx);
    case 'exporter':
      return (handler as HandlerByKind['exporter']).export(sample as ExportInput, ctx);
    case 'ats-checker': {
      const ats = sample as PluginSampleByKind['ats-checker'];
      // The frozen copy has no render (functions are not cloned); it is attached to a frozen wrapper.
      const input = Object.freeze({ ...ats, render: render ?? defaultRender(ats.content) });
      return (handler as HandlerByKind['ats-checker']).check(input as AtsInput, ctx);
    }
    case 'evidence-validator':
      return (handler as HandlerByKind['evidence-validator']).validate(sample as string, ctx);
  }
}

/** Problems with a handler's output for its sample, beyond being thrown or late. */
function checkOutput(kind: PluginKind, handler: unknown, sample: AnySample, output: unknown): string[] {
  const schema: z.ZodType = {
    parser: ZParserOutput,
    matcher: ZArtifactScores,
    generator: ZGenerateOutput,
    exporter: ZExportOutput,
    'ats-checker': ZAtsCheckOutput,
    'evidence-validator': ZEvidenceVerdict,
  }[kind];
  const parsed = schema.safeParse(output);
  if (!parsed.success)
    return [`output does not match the ${kind} schema: ${summarizeZodError(parsed.error, 5)}`];
  const data = parsed.data as Record<string, unknown>;
  if (kind === 'parser' && data.type !== (handler as HandlerByKind['parser']).produces) {
    return [
      `parser output type "${data.type}" differs from its produces "${(handler as HandlerByKind['parser']).produces}"`,
    ];
  }
  if (kind === 'matcher') {
    const ids = new Set((sample as MatchInput).artifacts.map((a) => a.id));
    const unknown = (output as Array<{ artifactId: string }>).filter((s) => !ids.has(s.artifactId));
    if (unknown.length > 0)
      return [`matcher scored unknown artifact ids: ${unknown.map((s) => s.artifactId).join(', ')}`];
  }
  if (kind === 'generator') {
    const content = (data.content ?? {}) as { kind?: string };
    if (content.kind !== (sample as GenerateInput).kind) {
      return [
        `generator returned content.kind "${content.kind}" for a "${(sample as GenerateInput).kind}" request`,
      ];
    }
  }
  return [];
}

async function settle<T>(promise: Promise<T>, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<{ state: 'late' }>((resolve) => {
    timer = setTimeout(() => resolve({ state: 'late' }), ms);
  });
  try {
    return await Promise.race([
      promise.then(
        (value) => ({ state: 'resolved' as const, value }),
        (error: unknown) => ({ state: 'rejected' as const, error }),
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Checks a plugin against the contract in one call: definition shape, options schema (compiled by ajv and
 * applied to `options`), the handler `create` returns, the handler's output on `sample` against its kind's
 * schema, that it does not mutate its (deep-frozen) input, that reported diagnostics are well formed, and —
 * for kinds where it matters, see `checkAbort` — that an already-aborted signal makes it reject promptly.
 */
export async function checkPlugin<K extends PluginKind>(
  plugin: AnyPlugin & { kind: K },
  { options, deps, sample, checkAbort, abortGraceMs = 1000, timeoutMs = 10_000 }: CheckPluginOptions<K>,
): Promise<PluginCheckResult> {
  const problems: string[] = [];
  const done = () => ({ ok: problems.length === 0, problems });
  const shape = validatePluginDefinition(plugin);
  if (shape.length > 0) return { ok: false, problems: shape.map((p) => `definition: ${p}`) };
  const { kind } = plugin;

  const checked = createOptionsValidator().check(plugin.optionsSchema, options);
  if (checked.problems.length > 0) return { ok: false, problems: checked.problems };

  const fullDeps = createTestDeps(deps);
  const created = await settle(
    Promise.resolve().then(() => plugin.create(checked.options, fullDeps)),
    timeoutMs,
  );
  if (created.state === 'late')
    return { ok: false, problems: [`create did not settle within ${timeoutMs} ms`] };
  if (created.state === 'rejected')
    return { ok: false, problems: [`create threw: ${messageOf(created.error)}`] };
  const handler: unknown = created.value;
  const handlerProblems = checkHandlerShape(kind, handler);
  if (handlerProblems.length > 0) return { ok: false, problems: handlerProblems };

  if (kind === 'evidence-validator') {
    const url = URL.canParse(sample as string) ? new URL(sample as string) : null;
    if (!url)
      return { ok: false, problems: [`sample must be an absolute URL, got ${JSON.stringify(sample)}`] };
    if (!(handler as HandlerByKind['evidence-validator']).handles(url)) {
      problems.push('handles() returned false for the sample URL; pass a URL this validator handles');
      return done();
    }
  }
  if (
    kind === 'generator' &&
    !(handler as HandlerByKind['generator']).kinds.includes((sample as GenerateInput).kind)
  ) {
    problems.push(`generator does not list the sample's kind "${(sample as GenerateInput).kind}" in kinds`);
    return done();
  }

  const makeCtx = (signal: AbortSignal): StageContext => ({
    signal,
    report(diagnostic) {
      const parsed = ZReportedDiagnostic.safeParse(diagnostic);
      if (!parsed.success)
        problems.push(`reported a malformed diagnostic: ${summarizeZodError(parsed.error)}`);
    },
    progress() {},
  });

  let before: AnySample;
  try {
    before = copySample(kind, sample);
  } catch (error) {
    return {
      ok: false,
      problems: [`the sample must be plain data (structuredClone failed: ${messageOf(error)})`],
    };
  }
  const render = kind === 'ats-checker' ? (sample as PluginSampleByKind['ats-checker']).render : undefined;
  const frozen = deepFreeze(copySample(kind, sample));
  const live = makeCtx(new AbortController().signal);
  const run = await settle(
    Promise.resolve().then(() => invoke(kind, handler, frozen, live, render)),
    timeoutMs,
  );
  if (run.state === 'late') {
    problems.push(`did not settle within ${timeoutMs} ms on the sample`);
  } else if (run.state === 'rejected') {
    const message = messageOf(run.error);
    problems.push(
      run.error instanceof TypeError && FROZEN_WRITE.test(message)
        ? `mutates its input: ${message}`
        : `threw on the sample: ${message}`,
    );
  } else {
    problems.push(...checkOutput(kind, handler, sample, run.value));
  }
  if (!isDeepStrictEqual(frozen, before))
    problems.push('mutates its input: the sample differs after the call');

  if (checkAbort ?? ABORT_CHECKED.has(kind)) {
    const controller = new AbortController();
    controller.abort(new Error('aborted by checkPlugin'));
    const aborted = await settle(
      Promise.resolve().then(() =>
        invoke(kind, handler, deepFreeze(copySample(kind, sample)), makeCtx(controller.signal), render),
      ),
      abortGraceMs,
    );
    if (aborted.state === 'resolved')
      problems.push('resolved although its signal was already aborted; it must reject');
    if (aborted.state === 'late') {
      problems.push(`did not settle within ${abortGraceMs} ms although its signal was already aborted`);
    }
  }
  return done();
}

/** `checkPlugin`, throwing an error that lists every problem (for `await expectPluginToPass(...)` in tests). */
export async function expectPluginToPass<K extends PluginKind>(
  plugin: AnyPlugin & { kind: K },
  options: CheckPluginOptions<K>,
): Promise<void> {
  const { ok, problems } = await checkPlugin(plugin, options);
  if (!ok) {
    throw new Error(
      `${describePlugin(plugin)} breaks the plugin contract:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
}
