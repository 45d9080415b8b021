// Test generators, loaded through DOSSIER_PIPELINE_CONFIG by absolute path. Plain JavaScript with no imports, so
// a spawned `dossier worker` can load it as well as vitest.

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
function wait(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(timer);
      reject(signal.reason);
    }
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** The smallest grounded document: one item per top artifact, citing it and claiming nothing but its title. */
function minimalContent(input, generator, now) {
  const items = input.ranked.slice(0, 3).map((r, i) => ({
    id: `item-${i + 1}`,
    title: r.artifact.title,
    sources: [{ artifactId: r.artifact.id, evidenceIds: [] }],
  }));
  return {
    kind: input.kind,
    title: input.job.title,
    profile: { name: input.profile.name },
    sections: [
      {
        id: 'highlights',
        kind: input.kind === 'cv' ? 'projects' : 'body',
        heading: 'Highlights',
        items,
      },
    ],
    meta: {
      jobTitle: input.job.title,
      company: input.job.company,
      generator,
      generatedAt: now.toISOString(),
    },
  };
}

/**
 * Takes `delayMs` (waiting on its signal, so a cancel stops it at once), then writes a minimal document (with a
 * NUL character in a heading when `nul` is set), or gives up when `giveUp` is set so the next generator serves.
 */
export const slowGenerator = {
  name: 'slow-cv',
  kind: 'generator',
  version: '1.0.0',
  optionsSchema: {
    type: 'object',
    properties: {
      delayMs: { type: 'integer', minimum: 0 },
      giveUp: { type: 'boolean' },
      // Writes a NUL character into the document, as a model's reply may.
      nul: { type: 'boolean' },
    },
    additionalProperties: false,
  },
  create(options, deps) {
    const delayMs = options.delayMs ?? 30_000;
    return {
      kinds: ['cv', 'cover-letter'],
      async generate(input, ctx) {
        // Worker-process tests watch for this line to learn which worker holds the generation.
        deps.logger.info('slow-cv generating');
        await wait(delayMs, ctx.signal);
        if (options.giveUp) throw new Error('slow-cv gave up');
        const content = minimalContent(input, 'slow-cv', deps.clock());
        if (options.nul) content.sections[0].heading = 'High\u0000lights';
        return { content };
      },
    };
  },
};

/**
 * Fails its first `failFirst` calls (counted per handler, i.e. per pipeline host), then writes a document and
 * reports 150 tokens, as a model would.
 */
export const flakyGenerator = {
  name: 'flaky-writer',
  kind: 'generator',
  version: '1.0.0',
  optionsSchema: {
    type: 'object',
    properties: { failFirst: { type: 'integer', minimum: 0 } },
    additionalProperties: false,
  },
  create(options, deps) {
    let calls = 0;
    return {
      kinds: ['cv', 'cover-letter'],
      async generate(input) {
        calls += 1;
        if (calls <= (options.failFirst ?? 1)) throw new Error(`flaky-writer failed call ${calls}`);
        return {
          content: minimalContent(input, 'flaky-writer', deps.clock()),
          usage: { inputTokens: 100, outputTokens: 50, costUsd: 0.001 },
          model: 'flaky-model',
        };
      },
    };
  },
};

export default [slowGenerator, flakyGenerator];
