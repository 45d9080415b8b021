import { LlmError, type LlmRequest, type LlmUsage } from './llm-port.js';

/** Tokens a chat message costs beyond its text (role markers, separators), as the providers count them. */
export const MESSAGE_OVERHEAD_TOKENS = 4;
export const DEFAULT_GENERATION_BUDGET_TOKENS = 8_000;

/** ~4 characters a token: no tokenizer download, and it errs on the generous side for English prose. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Prompt tokens of a request: the system text, every message and the schema, each with its overhead. */
export function estimatePromptTokens(
  req: LlmRequest,
  estimate: (text: string) => number = estimateTokens,
): number {
  let tokens = estimate(req.system) + MESSAGE_OVERHEAD_TOKENS;
  for (const message of req.messages) tokens += estimate(message.content) + MESSAGE_OVERHEAD_TOKENS;
  if (req.jsonSchema) tokens += estimate(JSON.stringify(req.jsonSchema));
  return tokens;
}

/** USD per million tokens. */
export interface ModelPrice {
  inputPerMillion: number;
  outputPerMillion: number;
}

export type PriceTable = Record<string, ModelPrice>;

/** Local OpenAI-compatible servers (Ollama, LM Studio, vLLM) and unknown models cost nothing we can bill. */
export const ZERO_PRICE: ModelPrice = { inputPerMillion: 0, outputPerMillion: 0 };

/**
 * List prices of common hosted models (USD per 1M tokens, standard tier, no caching) — data, not logic:
 * override or extend through the `prices` options when the providers change them.
 */
export const DEFAULT_PRICES: PriceTable = {
  'gpt-5': { inputPerMillion: 1.25, outputPerMillion: 10 },
  'gpt-5-mini': { inputPerMillion: 0.25, outputPerMillion: 2 },
  'gpt-5-nano': { inputPerMillion: 0.05, outputPerMillion: 0.4 },
  'gpt-4.1': { inputPerMillion: 2, outputPerMillion: 8 },
  'gpt-4.1-mini': { inputPerMillion: 0.4, outputPerMillion: 1.6 },
  'gpt-4.1-nano': { inputPerMillion: 0.1, outputPerMillion: 0.4 },
  'gpt-4o': { inputPerMillion: 2.5, outputPerMillion: 10 },
  'gpt-4o-mini': { inputPerMillion: 0.15, outputPerMillion: 0.6 },
  'o4-mini': { inputPerMillion: 1.1, outputPerMillion: 4.4 },
  'claude-opus-4-1': { inputPerMillion: 15, outputPerMillion: 75 },
  'claude-opus-4-5': { inputPerMillion: 5, outputPerMillion: 25 },
  'claude-sonnet-4-5': { inputPerMillion: 3, outputPerMillion: 15 },
  'claude-sonnet-4': { inputPerMillion: 3, outputPerMillion: 15 },
  'claude-haiku-4-5': { inputPerMillion: 1, outputPerMillion: 5 },
  'claude-3-5-haiku': { inputPerMillion: 0.8, outputPerMillion: 4 },
};

/**
 * The price of a model: an exact entry, else the longest entry the name starts with (so dated snapshots like
 * `gpt-4o-mini-2024-07-18` or `claude-sonnet-4-5-20250929` find their family), else `fallback`.
 */
export function findModelPrice(
  model: string,
  prices: PriceTable = DEFAULT_PRICES,
  fallback = ZERO_PRICE,
): ModelPrice {
  const exact = prices[model];
  if (exact) return exact;
  let best: string | undefined;
  for (const key of Object.keys(prices)) {
    if (model.startsWith(`${key}-`) && (!best || key.length > best.length)) best = key;
  }
  return best ? prices[best]! : fallback;
}

export function computeCostUsd(
  model: string,
  inputTokens: number,
  outputTokens: number,
  price?: ModelPrice,
): number {
  const p = price ?? findModelPrice(model);
  const usd = (inputTokens * p.inputPerMillion + outputTokens * p.outputPerMillion) / 1_000_000;
  // Round to a millionth of a cent so sums of many calls do not drift in floating point.
  return Math.round(usd * 1e8) / 1e8;
}

export interface BudgetOptions {
  /** Tokens one generation may spend, prompt and maximum output counted before each call. */
  generationTokens?: number;
  userId?: string;
  /** Tokens the user may still spend today (the host keeps the daily ledger). */
  userDailyRemaining?: (userId: string) => Promise<number>;
  estimate?: (text: string) => number;
}

export interface BudgetCheck {
  promptTokens: number;
  /** Prompt plus the maximum output: what the call may cost at worst. */
  worstCaseTokens: number;
}

export interface LlmBudget {
  /** Throws `LlmError('budget')` when the call could overspend; call before any request is sent. */
  check(req: LlmRequest): Promise<BudgetCheck>;
  record(usage: LlmUsage): void;
  /** Tokens left: the smaller of the generation's and the user's (as last fetched, less what was spent since). */
  remaining(): number;
  spent(): LlmUsage;
}

export function createBudget(options: BudgetOptions = {}): LlmBudget {
  const limit = options.generationTokens ?? DEFAULT_GENERATION_BUDGET_TOKENS;
  const estimate = options.estimate ?? estimateTokens;
  const spent: LlmUsage = { inputTokens: 0, outputTokens: 0, costUsd: 0 };
  let userRemaining = Number.POSITIVE_INFINITY;
  let spentSinceUserFetch = 0;

  const used = () => spent.inputTokens + spent.outputTokens;
  const remaining = () => Math.max(0, Math.min(limit - used(), userRemaining - spentSinceUserFetch));

  return {
    async check(req) {
      const promptTokens = estimatePromptTokens(req, estimate);
      const worstCaseTokens = promptTokens + req.maxOutputTokens;
      const generationLeft = limit - used();
      if (worstCaseTokens > generationLeft) {
        throw new LlmError(
          'budget',
          `the call needs up to ${worstCaseTokens} tokens but the generation has ${Math.max(0, generationLeft)} left`,
        );
      }
      if (options.userDailyRemaining && options.userId !== undefined) {
        userRemaining = await options.userDailyRemaining(options.userId);
        spentSinceUserFetch = 0;
        if (worstCaseTokens > userRemaining) {
          throw new LlmError(
            'budget',
            `the call needs up to ${worstCaseTokens} tokens but the daily budget has ${Math.max(0, userRemaining)} left`,
          );
        }
      }
      return { promptTokens, worstCaseTokens };
    },
    record(usage) {
      spent.inputTokens += usage.inputTokens;
      spent.outputTokens += usage.outputTokens;
      spent.costUsd = Math.round((spent.costUsd + usage.costUsd) * 1e8) / 1e8;
      spentSinceUserFetch += usage.inputTokens + usage.outputTokens;
    },
    remaining,
    spent: () => ({ ...spent }),
  };
}
