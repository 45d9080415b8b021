import { LlmError } from './llm-port.js';

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold?: number;
  /** Share of failed calls within `windowMs` that opens the circuit (once `minimumCalls` were made). */
  failureRate?: number;
  windowMs?: number;
  minimumCalls?: number;
  /** How long the circuit stays open before one probe call is let through. */
  cooldownMs?: number;
  /** Which errors say the provider is unhealthy; others (a bad prompt, a budget stop) count as answers. */
  isFailure?: (error: unknown) => boolean;
  now?: () => number;
}

export const CIRCUIT_DEFAULTS = {
  failureThreshold: 5,
  failureRate: 0.5,
  windowMs: 60_000,
  minimumCalls: 10,
  cooldownMs: 30_000,
} as const;

export interface CircuitStats {
  state: CircuitState;
  consecutiveFailures: number;
  callsInWindow: number;
  failuresInWindow: number;
  /** When an open circuit lets its next probe through (ms on the breaker's clock), null unless open. */
  retryAt: number | null;
}

export interface CircuitBreaker {
  readonly name: string;
  state(): CircuitState;
  stats(): CircuitStats;
  /** Runs `fn` unless the circuit is open, in which case it throws `LlmError('circuit-open')` at once. */
  execute<T>(fn: () => Promise<T>): Promise<T>;
  reset(): void;
}

/** Transport trouble opens the circuit; an answer the caller disliked does not. */
export function isProviderFailure(error: unknown): boolean {
  if (!(error instanceof LlmError)) return true;
  return error.kind === 'timeout' || error.kind === 'server-error' || error.kind === 'rate-limited';
}

/**
 * A per-provider circuit breaker: closed until N consecutive failures or a failure rate over a window, then
 * open (failing fast) for `cooldownMs`, then half-open with one probe whose outcome closes or reopens it.
 */
export function createCircuitBreaker(name: string, options: CircuitBreakerOptions = {}): CircuitBreaker {
  const failureThreshold = options.failureThreshold ?? CIRCUIT_DEFAULTS.failureThreshold;
  const failureRate = options.failureRate ?? CIRCUIT_DEFAULTS.failureRate;
  const windowMs = options.windowMs ?? CIRCUIT_DEFAULTS.windowMs;
  const minimumCalls = options.minimumCalls ?? CIRCUIT_DEFAULTS.minimumCalls;
  const cooldownMs = options.cooldownMs ?? CIRCUIT_DEFAULTS.cooldownMs;
  const isFailure = options.isFailure ?? isProviderFailure;
  const now = options.now ?? Date.now;

  let state: CircuitState = 'closed';
  let consecutiveFailures = 0;
  let openedAt = 0;
  let probeInFlight = false;
  let outcomes: { at: number; failed: boolean }[] = [];

  const prune = (t: number) => {
    const from = t - windowMs;
    if (outcomes.length > 0 && outcomes[0]!.at < from) outcomes = outcomes.filter((o) => o.at >= from);
  };

  const currentState = (): CircuitState => {
    if (state === 'open' && now() - openedAt >= cooldownMs) state = 'half-open';
    return state;
  };

  const open = (t: number) => {
    state = 'open';
    openedAt = t;
  };

  const close = () => {
    state = 'closed';
    consecutiveFailures = 0;
    outcomes = [];
  };

  const onOutcome = (failed: boolean, wasProbe: boolean) => {
    const t = now();
    if (wasProbe) {
      probeInFlight = false;
      if (failed) open(t);
      else close();
      return;
    }
    outcomes.push({ at: t, failed });
    prune(t);
    consecutiveFailures = failed ? consecutiveFailures + 1 : 0;
    if (state !== 'closed') return;
    const failures = outcomes.filter((o) => o.failed).length;
    const rateTripped = outcomes.length >= minimumCalls && failures / outcomes.length > failureRate;
    if (consecutiveFailures >= failureThreshold || rateTripped) open(t);
  };

  return {
    name,
    state: currentState,
    stats() {
      const s = currentState();
      prune(now());
      return {
        state: s,
        consecutiveFailures,
        callsInWindow: outcomes.length,
        failuresInWindow: outcomes.filter((o) => o.failed).length,
        retryAt: s === 'open' ? openedAt + cooldownMs : null,
      };
    },
    async execute<T>(fn: () => Promise<T>): Promise<T> {
      const s = currentState();
      if (s === 'open' || (s === 'half-open' && probeInFlight)) {
        const waitMs = s === 'open' ? Math.max(0, openedAt + cooldownMs - now()) : undefined;
        throw new LlmError('circuit-open', `provider "${name}" is failing; its circuit is open`, waitMs);
      }
      const isProbe = s === 'half-open';
      if (isProbe) probeInFlight = true;
      try {
        const result = await fn();
        onOutcome(false, isProbe);
        return result;
      } catch (error) {
        if (error instanceof LlmError && error.kind === 'aborted') {
          // A cancelled call says nothing about the provider's health; free the probe slot for the next one.
          if (isProbe) probeInFlight = false;
        } else {
          onOutcome(isFailure(error), isProbe);
        }
        throw error;
      }
    },
    reset: close,
  };
}

export interface CircuitBreakerRegistry {
  /** The breaker for a provider, created on first use with the registry's options merged with these. */
  get(name: string, options?: CircuitBreakerOptions): CircuitBreaker;
  names(): string[];
  /** Forgets every breaker (tests, configuration reloads). */
  clear(): void;
}

export function createCircuitBreakerRegistry(defaults: CircuitBreakerOptions = {}): CircuitBreakerRegistry {
  const breakers = new Map<string, CircuitBreaker>();
  return {
    get(name, options) {
      let breaker = breakers.get(name);
      if (!breaker) {
        breaker = createCircuitBreaker(name, { ...defaults, ...options });
        breakers.set(name, breaker);
      }
      return breaker;
    },
    names: () => [...breakers.keys()],
    clear: () => breakers.clear(),
  };
}

/**
 * The process-wide registry: every generation in one worker shares a provider's breaker, so a provider that
 * is down is skipped by all of them, not rediscovered by each.
 */
export const sharedCircuitBreakers: CircuitBreakerRegistry = createCircuitBreakerRegistry();
