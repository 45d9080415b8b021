/** What a generator may ask of a language model. Providers (OpenAI, Anthropic, OpenAI-compatible) implement it. */
export interface LlmMessage {
  role: 'user' | 'assistant';
  content: string;
}

export interface LlmRequest {
  system: string;
  messages: LlmMessage[];
  /** JSON Schema the reply must follow (structured output / tool input). */
  jsonSchema?: Record<string, unknown>;
  schemaName?: string;
  maxOutputTokens: number;
  temperature?: number;
  signal?: AbortSignal;
  /** Per-call timeout; providers must not fall back to an SDK default. */
  timeoutMs: number;
  /** Attempts the port may make for this request (retries are the port's, never the SDK's). */
  maxAttempts?: number;
  /** Total time for every attempt and backoff wait; each attempt's timeout is cut to what is left. */
  deadlineMs?: number;
}

export interface LlmUsage {
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

export interface LlmResponse {
  text: string;
  /** Parsed JSON when a schema was asked for and the reply parsed. */
  json?: unknown;
  usage: LlmUsage;
  model: string;
  provider: string;
}

/** Classified so the fallback chain can say why it fell back. */
export type LlmErrorKind =
  | 'timeout'
  | 'rate-limited'
  | 'server-error'
  | 'bad-response'
  | 'circuit-open'
  | 'budget'
  | 'config'
  | 'aborted';

export class LlmError extends Error {
  override name = 'LlmError';
  constructor(
    readonly kind: LlmErrorKind,
    message: string,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface LlmProvider {
  readonly name: string;
  readonly model: string;
  complete(req: LlmRequest): Promise<LlmResponse>;
  /** Rough token count for budgeting before a call (no tokenizer download: ~4 characters a token). */
  estimateTokens(text: string): number;
}

/** The port injected into plugins: named providers plus the budget the caller allows. */
export interface LlmPort {
  provider(name?: string): LlmProvider | undefined;
  /** Tokens this generation may still spend (the per-generation and per-user daily budgets). */
  remainingBudget(): number;
  recordUsage(usage: LlmUsage): void;
}
