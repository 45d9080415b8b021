import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createProgressThrottle, type ProgressStep } from './progress-throttle.js';

const step = (stage: string, percent: number): ProgressStep => ({
  stage,
  percent,
  message: `${stage} ${percent}`,
});

describe('createProgressThrottle', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('passes the first step, then the latest one per interval', async () => {
    const seen: string[] = [];
    const t = createProgressThrottle(async (s) => void seen.push(`${s.stage}:${s.percent}`), {
      intervalMs: 100,
    });
    t.push(step('match', 5));
    t.push(step('match', 8));
    t.push(step('match', 11));
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual(['match:5']);
    await vi.advanceTimersByTimeAsync(100);
    expect(seen).toEqual(['match:5', 'match:11']);
    t.push(step('generate', 20));
    await vi.advanceTimersByTimeAsync(50);
    expect(seen).toEqual(['match:5', 'match:11']);
    await vi.advanceTimersByTimeAsync(50);
    expect(seen).toEqual(['match:5', 'match:11', 'generate:20']);
  });

  it('with eager stages, passes the first step of every stage at once, in order', async () => {
    const seen: string[] = [];
    const t = createProgressThrottle(async (s) => void seen.push(`${s.stage}:${s.percent}`), {
      intervalMs: 100,
      eagerStages: true,
    });
    for (const s of [
      step('parse', 0),
      step('parse', 5),
      step('match', 5),
      step('match', 20),
      step('generate', 20),
    ]) {
      t.push(s);
    }
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual(['parse:0', 'match:5', 'generate:20']);
  });

  it('drops what is still waiting when closed, after the writes already started have finished', async () => {
    const seen: string[] = [];
    let release!: () => void;
    const t = createProgressThrottle(
      (s) =>
        new Promise<void>((resolve) => {
          release = () => {
            seen.push(`${s.stage}:${s.percent}`);
            resolve();
          };
        }),
      { intervalMs: 100 },
    );
    t.push(step('ats', 75));
    t.push(step('ats', 90));
    const closed = t.close();
    let done = false;
    void closed.then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(false);
    release();
    await closed;
    await vi.advanceTimersByTimeAsync(200);
    expect(seen).toEqual(['ats:75']);
  });
});
