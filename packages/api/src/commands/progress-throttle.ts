export interface ProgressStep {
  stage: string;
  percent: number;
  message: string;
}

/**
 * Passes progress on at most every `intervalMs`, in order, the latest step winning; a step into a new stage goes
 * at once when `eagerStages` is set. Steps still waiting when the run ends are dropped: the terminal write says
 * more. The pipeline reports about twenty steps per run, most of them within milliseconds of each other.
 */
export function createProgressThrottle(
  write: (step: ProgressStep) => Promise<void>,
  { intervalMs, eagerStages = false }: { intervalMs: number; eagerStages?: boolean },
) {
  let last = 0;
  let lastStage: string | undefined;
  let next: ProgressStep | undefined;
  let timer: NodeJS.Timeout | undefined;
  let chain: Promise<void> = Promise.resolve();
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const value = next;
    next = undefined;
    if (!value) return;
    last = Date.now();
    lastStage = value.stage;
    chain = chain.then(() => write(value)).catch(() => {});
  };
  return {
    push(step: ProgressStep) {
      next = step;
      if (eagerStages && step.stage !== lastStage) return flush();
      if (timer) return;
      const wait = last + intervalMs - Date.now();
      if (wait <= 0) flush();
      else timer = setTimeout(flush, wait);
    },
    async close() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      next = undefined;
      await chain;
    },
  };
}
