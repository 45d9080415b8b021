import type { TAtsResult } from '../domain/ats-report.js';
import type { TDiagnostic } from '../domain/diagnostic.js';
import type { TDocumentContent, TDocumentKind } from '../domain/document-content.js';
import type { TParsedJob } from '../domain/job-description.js';
import type { TPipelineArtifact, TPipelinePortfolio, TProfile } from '../domain/pipeline-artifact.js';
import type { LlmPort, LlmUsage } from '../llm/llm-port.js';
import type { Taxonomy } from '../taxonomy/create-taxonomy.js';

export const PLUGIN_KINDS = [
  'parser',
  'matcher',
  'generator',
  'ats-checker',
  'exporter',
  'evidence-validator',
] as const;
export type PluginKind = (typeof PLUGIN_KINDS)[number];

export interface PluginLogger {
  debug(msg: string, data?: Record<string, unknown>): void;
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

/** Per-phase deadlines of one guarded request, in milliseconds. */
export interface GuardedFetchTimeouts {
  /** TCP (and TLS) connect. */
  connectMs?: number;
  /** From sending the request to the end of the response headers. */
  headersMs?: number;
  /** Longest pause between two body chunks. */
  bodyMs?: number;
  /** The whole exchange: every hop and the body. */
  totalMs?: number;
}

export interface GuardedFetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /** `follow` (default) follows redirects, checking every hop; `manual` returns the 3xx as it is (its
   * `location` header resolved against the request URL), for callers that walk the chain themselves. */
  redirect?: 'follow' | 'manual';
  /** Largest body read for this call; defaults to the guard's own limit. */
  maxBytes?: number;
  /** Past `maxBytes`, stop reading and return what was read (`truncated: true`) instead of failing. */
  truncate?: boolean;
  timeouts?: GuardedFetchTimeouts;
}

export interface GuardedFetchResponse {
  status: number;
  headers: Record<string, string>;
  url: string;
  /** The body was cut at `maxBytes` (only with `truncate`). */
  truncated?: boolean;
  text(): Promise<string>;
  bytes(): Promise<Uint8Array>;
}

/** A fetch that goes through the SSRF guard; plugins never reach the network any other way. */
export type GuardedFetch = (url: string, init?: GuardedFetchInit) => Promise<GuardedFetchResponse>;

/** What the runner injects into every plugin. Plugins read no environment variables and no globals. */
export interface PluginDeps {
  logger: PluginLogger;
  clock: () => Date;
  taxonomy: Taxonomy;
  llm?: LlmPort;
  http?: GuardedFetch;
}

/** Per-call context: cancellation and non-fatal findings. */
export interface StageContext {
  signal: AbortSignal;
  report(diagnostic: Omit<TDiagnostic, 'plugin' | 'stage'>): void;
  /** 0–100 within the stage. */
  progress(percent: number, message?: string): void;
}

export interface ParserInput {
  mediaType: string;
  filename?: string;
  bytes?: Uint8Array;
  text?: string;
}

export type ParserOutput =
  | { type: 'job'; job: TParsedJob }
  | { type: 'portfolio'; portfolio: TPipelinePortfolio };

export interface ParserHandler {
  /** Media types this parser reads, e.g. `application/pdf`, `text/markdown`. */
  accepts: string[];
  /** What it turns them into. */
  produces: 'job' | 'portfolio';
  parse(input: ParserInput, ctx: StageContext): Promise<ParserOutput>;
}

export interface MatchReason {
  kind: string;
  detail: string;
  /** The reason's share of the score. */
  weight: number;
}

export interface ArtifactScore {
  artifactId: string;
  /** 0–1 from this matcher. */
  score: number;
  reasons: MatchReason[];
  matchedSkills: string[];
  matchedKeywords: string[];
}

export interface MatchInput {
  job: TParsedJob;
  artifacts: TPipelineArtifact[];
  /** Labels the user chose for this application; artifacts carrying them get a boost. */
  labelIds: string[];
  now: Date;
}

export interface MatcherHandler {
  match(input: MatchInput, ctx: StageContext): Promise<ArtifactScore[]>;
}

/** An artifact with its combined score over all matchers, best first. */
export interface RankedArtifact {
  artifact: TPipelineArtifact;
  score: number;
  reasons: MatchReason[];
  matchedSkills: string[];
  matchedKeywords: string[];
}

export interface GenerateOptions {
  tone: 'formal' | 'warm' | 'concise';
  length: 'short' | 'standard' | 'long';
  /** Maximum artifacts to feature. */
  maxArtifacts: number;
}

export interface GenerateInput {
  kind: TDocumentKind;
  job: TParsedJob;
  profile: TProfile;
  ranked: RankedArtifact[];
  options: GenerateOptions;
}

export interface GenerateOutput {
  content: TDocumentContent;
  usage?: LlmUsage;
  model?: string;
}

export interface GeneratorHandler {
  kinds: TDocumentKind[];
  generate(input: GenerateInput, ctx: StageContext): Promise<GenerateOutput>;
}

export interface ExportInput {
  content: TDocumentContent;
  options?: { evidenceFootnotes?: boolean; brokenEvidence?: 'mark' | 'omit' | 'keep' };
}

export interface ExportOutput {
  bytes: Uint8Array;
  mediaType: string;
  extension: string;
}

export interface ExporterHandler {
  /** The format name users ask for: `pdf`, `docx`, `md`, `html`, `txt`, `json-resume`. */
  format: string;
  export(input: ExportInput, ctx: StageContext): Promise<ExportOutput>;
}

export interface AtsInput {
  content: TDocumentContent;
  job: TParsedJob;
  artifacts: TPipelineArtifact[];
  /** Renders the content with a named exporter, for round-trip checks. */
  render(format: string): Promise<ExportOutput>;
}

export interface AtsCheckerHandler {
  /** Share of the combined score. */
  weight: number;
  check(input: AtsInput, ctx: StageContext): Promise<Omit<TAtsResult, 'checker'>>;
}

export interface EvidenceVerdict {
  status: 'valid' | 'redirected' | 'unverifiable' | 'broken' | 'blocked';
  httpStatus: number | null;
  finalUrl: string | null;
  reason: string | null;
  /** Set when the answer is provisional (429, 503, a timeout): asking again after this many milliseconds
   * may give a better one. Validators that retry by themselves leave it unset once they give up. */
  retryAfterMs?: number;
}

/** What a validation may know beyond the URL; every field is optional. */
export interface EvidenceValidateInput {
  /** For the content check: the page should still name the artifact's title or the user's handle. */
  expect?: { title?: string; handle?: string };
  /** Extra request headers for this URL (for example an Authorization header from configuration). */
  headers?: Record<string, string>;
}

export interface EvidenceValidatorHandler {
  handles(url: URL): boolean;
  validate(url: string, ctx: StageContext, input?: EvidenceValidateInput): Promise<EvidenceVerdict>;
}

export interface HandlerByKind {
  parser: ParserHandler;
  matcher: MatcherHandler;
  generator: GeneratorHandler;
  'ats-checker': AtsCheckerHandler;
  exporter: ExporterHandler;
  'evidence-validator': EvidenceValidatorHandler;
}

/**
 * A plugin: a named, versioned definition whose `create(options, deps)` returns the handler for its stage.
 * `optionsSchema` (JSON Schema) is checked with ajv when the plugin is registered, so bad configuration fails
 * at start-up naming the plugin and the option.
 */
export interface PluginDefinition<K extends PluginKind = PluginKind, O = Record<string, unknown>> {
  name: string;
  kind: K;
  version: string;
  description?: string;
  optionsSchema?: Record<string, unknown>;
  /** Lower runs first where order matters (parsers tried, ATS checkers listed). */
  order?: number;
  create(options: O, deps: PluginDeps): HandlerByKind[K] | Promise<HandlerByKind[K]>;
}

// biome-ignore lint/suspicious/noExplicitAny: plugin lists mix option types
export type AnyPlugin = PluginDefinition<PluginKind, any>;

/** Identity with types: `export default definePlugin({ name, kind: 'matcher', version, create })`. */
export function definePlugin<K extends PluginKind, O = Record<string, unknown>>(
  def: PluginDefinition<K, O>,
): PluginDefinition<K, O> {
  return def;
}
