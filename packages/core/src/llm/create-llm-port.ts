import { type BudgetOptions, createBudget, type LlmBudget } from './create-budget.js';
import {
  type CircuitBreakerOptions,
  type CircuitBreakerRegistry,
  sharedCircuitBreakers,
} from './create-circuit-breaker.js';
import type { LlmPort, LlmProvider, LlmRequest, LlmResponse, LlmUsage } from './llm-port.js';
import { RETRY_DEFAULTS, type RetryOptions, withRetries } from './with-retries.js';

export interface LlmCallEvent {
  provider: string;
  model: string;
  outcome: 'ok' | 'error';
  durationMs: number;
  usage?: LlmUsage;
  error?: unknown;
}

export interface CreateLlmPortOptions {
  /** The first one is the default when a plugin asks for no name. */
  providers: LlmProvider[];
  defaultProvider?: string;
  /** A budget built by the caller (shared with its own ledger) or the options to build one. */
  budget?: LlmBudget | BudgetOptions;
  /** Defaults to the process-wide registry so breakers outlive one generation. */
  breakers?: CircuitBreakerRegistry;
  /** Options for breakers this port creates (ignored for breakers that already exist in the registry). */
  breaker?: CircuitBreakerOptions;
  /** Backoff settings and injected time; a request's own `maxAttempts`/`deadlineMs` take precedence. */
  retry?: Omit<RetryOptions, 'signal'>;
  /** Called after every completed or failed call (all attempts included), for logs and metrics. */
  onCall?: (event: LlmCallEvent) => void;
}

export interface CreatedLlmPort extends LlmPort {
  readonly budget: LlmBudget;
  /** Tokens and cost spent through this port so far. */
  usage(): LlmUsage;
}

const isBudget = (b: LlmBudget | BudgetOptions | undefined): b is LlmBudget =>
  typeof (b as LlmBudget | undefined)?.check === 'function';

/**
 * An `LlmPort` whose providers check the budget before any request, go through the provider's circuit
 * breaker, retry transient failures within one deadline, and record what they spent. Usage of calls made
 * through these providers is recorded automatically; `recordUsage` is for spending made elsewhere.
 */
export function createLlmPort(options: CreateLlmPortOptions): CreatedLlmPort {
  const budget = isBudget(options.budget) ? options.budget : createBudget(options.budget);
  const breakers = options.breakers ?? sharedCircuitBreakers;
  const retry = options.retry ?? {};
  const now = retry.now ?? Date.now;

  const wrap = (inner: LlmProvider): LlmProvider => ({
    name: inner.name,
    model: inner.model,
    estimateTokens: (text) => inner.estimateTokens(text),
    async complete(req: LlmRequest): Promise<LlmResponse> {
      await budget.check(req);
      const breaker = breakers.get(inner.name, options.breaker);
      const maxAttempts = req.maxAttempts ?? retry.maxAttempts ?? RETRY_DEFAULTS.maxAttempts;
      const deadlineMs = req.deadlineMs ?? retry.deadlineMs ?? req.timeoutMs * maxAttempts;
      const started = now();
      try {
        const response = await withRetries(
          ({ remainingMs }) =>
            breaker.execute(() =>
              inner.complete({
                ...req,
                timeoutMs: Math.max(1, Math.min(req.timeoutMs, Math.floor(remainingMs))),
              }),
            ),
          { ...retry, maxAttempts, deadlineMs, ...(req.signal ? { signal: req.signal } : {}) },
        );
        budget.record(response.usage);
        options.onCall?.({
          provider: inner.name,
          model: response.model,
          outcome: 'ok',
          durationMs: now() - started,
          usage: response.usage,
        });
        return response;
      } catch (error) {
        options.onCall?.({
          provider: inner.name,
          model: inner.model,
          outcome: 'error',
          durationMs: now() - started,
          error,
        });
        throw error;
      }
    },
  });

  const wrapped = new Map(options.providers.map((p) => [p.name, wrap(p)]));
  const defaultName = options.defaultProvider ?? options.providers[0]?.name;

  return {
    budget,
    provider: (name) => {
      const key = name ?? defaultName;
      return key === undefined ? undefined : wrapped.get(key);
    },
    remainingBudget: () => budget.remaining(),
    recordUsage: (usage) => budget.record(usage),
    usage: () => budget.spent(),
  };
}
