import { describe, expect, it } from 'vitest';
import {
  computeCostUsd,
  createBudget,
  DEFAULT_PRICES,
  estimatePromptTokens,
  estimateTokens,
  findModelPrice,
  MESSAGE_OVERHEAD_TOKENS,
  ZERO_PRICE,
} from './create-budget.js';
import type { LlmRequest } from './llm-port.js';

const request = (chars: number, maxOutputTokens: number): LlmRequest => ({
  system: 'x'.repeat(chars),
  messages: [],
  maxOutputTokens,
  timeoutMs: 1_000,
});

describe('estimateTokens', () => {
  it('counts about four characters a token, rounded up', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abc')).toBe(1);
    expect(estimateTokens('abcd')).toBe(1);
    expect(estimateTokens('abcde')).toBe(2);
  });

  it('adds a per-message overhead and the schema to a request', () => {
    const tokens = estimatePromptTokens({
      system: 'a'.repeat(40),
      messages: [
        { role: 'user', content: 'b'.repeat(8) },
        { role: 'assistant', content: 'c'.repeat(9) },
      ],
      jsonSchema: { type: 'object' },
      maxOutputTokens: 100,
      timeoutMs: 1,
    });
    const schemaTokens = estimateTokens(JSON.stringify({ type: 'object' }));
    expect(tokens).toBe(10 + 2 + 3 + 3 * MESSAGE_OVERHEAD_TOKENS + schemaTokens);
  });
});

describe('prices', () => {
  it('finds exact models, dated snapshots by family, and nothing for local models', () => {
    expect(findModelPrice('gpt-4o')).toEqual(DEFAULT_PRICES['gpt-4o']);
    expect(findModelPrice('gpt-4o-mini-2024-07-18')).toEqual(DEFAULT_PRICES['gpt-4o-mini']);
    expect(findModelPrice('claude-sonnet-4-5-20250929')).toEqual(DEFAULT_PRICES['claude-sonnet-4-5']);
    expect(findModelPrice('llama3.1:8b')).toEqual(ZERO_PRICE);
  });

  it('uses an overriding table', () => {
    const prices = { 'my-model': { inputPerMillion: 1, outputPerMillion: 2 } };
    expect(findModelPrice('my-model', prices)).toEqual({ inputPerMillion: 1, outputPerMillion: 2 });
    expect(findModelPrice('gpt-4o', prices)).toEqual(ZERO_PRICE);
  });

  it('computes the cost from input and output tokens', () => {
    // gpt-4o-mini: $0.15 in, $0.60 out per 1M.
    expect(computeCostUsd('gpt-4o-mini', 1_000_000, 1_000_000)).toBeCloseTo(0.75, 10);
    expect(computeCostUsd('claude-sonnet-4-5', 2_000, 500)).toBeCloseTo(0.0135, 10);
    expect(computeCostUsd('qwen2.5', 10_000, 10_000)).toBe(0);
  });
});

describe('createBudget', () => {
  it('allows a call whose prompt and maximum output fit the generation budget (default 8,000)', async () => {
    const budget = createBudget();
    await expect(budget.check(request(4 * 5_000, 2_990))).resolves.toMatchObject({ worstCaseTokens: 7_994 });
    expect(budget.remaining()).toBe(8_000);
  });

  it('refuses a call that could overspend, before anything is sent', async () => {
    const budget = createBudget({ generationTokens: 1_000 });
    await expect(budget.check(request(4 * 600, 500))).rejects.toMatchObject({ kind: 'budget' });
  });

  it('counts what earlier calls spent', async () => {
    const budget = createBudget({ generationTokens: 1_000 });
    budget.record({ inputTokens: 500, outputTokens: 200, costUsd: 0.01 });
    expect(budget.remaining()).toBe(300);
    await expect(budget.check(request(400, 250))).rejects.toMatchObject({ kind: 'budget' });
    await expect(budget.check(request(40, 250))).resolves.toBeDefined();
    budget.record({ inputTokens: 10, outputTokens: 20, costUsd: 0.02 });
    expect(budget.spent()).toEqual({ inputTokens: 510, outputTokens: 220, costUsd: 0.03 });
  });

  it("asks the host for the user's daily budget before each call", async () => {
    const asked: string[] = [];
    let left = 1_000;
    const budget = createBudget({
      userId: 'u1',
      userDailyRemaining: async (id) => {
        asked.push(id);
        return left;
      },
    });
    await expect(budget.check(request(400, 500))).resolves.toBeDefined();
    budget.record({ inputTokens: 300, outputTokens: 100, costUsd: 0 });
    expect(budget.remaining()).toBe(600);
    left = 200;
    await expect(budget.check(request(400, 500))).rejects.toThrow(/daily budget has 200 left/);
    expect(asked).toEqual(['u1', 'u1']);
  });
});
