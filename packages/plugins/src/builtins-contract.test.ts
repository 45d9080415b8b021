import {
  type AnyPlugin,
  createCircuitBreakerRegistry,
  createLlmPort,
  type GuardedFetch,
  type LlmProvider,
  type LlmRequest,
} from '@dossier/core';
import { checkPlugin, createPluginSamples, createTestDeps } from '@dossier/core/testing';
import { describe, expect, it } from 'vitest';
import { coverLetterReply, cvReply, generateInput } from './generators/llm/llm-fixtures.test-support.js';
import { BUILTIN_PLUGINS } from './index.js';

// Every built-in goes through the plugin-author contract kit. Parsers, exporters and ATS checkers are checked
// in their own folders with kind-specific samples (PDF, DOCX, JSON Resume inputs); this file covers the rest
// and proves nothing is left out.
const COVERED_ELSEWHERE = new Set(['parser', 'exporter', 'ats-checker']);

/** A provider that answers like a model would, so the LLM generators can run without a server. */
function scriptedProvider(): LlmProvider {
  return {
    name: 'scripted',
    model: 'scripted-model',
    estimateTokens: (text) => Math.ceil(text.length / 4),
    async complete(req: LlmRequest) {
      if (req.signal?.aborted) throw req.signal.reason;
      const json =
        req.system.toLowerCase().includes('cover letter') || req.schemaName?.includes('letter')
          ? coverLetterReply()
          : cvReply();
      return {
        text: JSON.stringify(json),
        json,
        usage: { inputTokens: 1000, outputTokens: 500, costUsd: 0 },
        model: 'scripted-model',
        provider: 'scripted',
      };
    },
  };
}

/** Answers like GitHub's API, the DOI handle API or any web page would, without a network. */
const fakeHttp: GuardedFetch = async (url, init) => {
  init?.signal?.throwIfAborted();
  const body = url.startsWith('https://api.github.com/')
    ? JSON.stringify({ full_name: 'example/ledger', html_url: 'https://github.com/example/ledger' })
    : url.includes('/api/handles/')
      ? JSON.stringify({
          responseCode: 1,
          values: [{ type: 'URL', data: { value: 'https://example.org/p' } }],
        })
      : '<html><title>ok</title></html>';
  return {
    status: 200,
    headers: { 'content-type': 'text/html' },
    url,
    text: async () => body,
    bytes: async () => new TextEncoder().encode(body),
  };
};
const VALIDATOR_SAMPLES: Record<string, string> = {
  github: 'https://github.com/example/ledger',
  doi: 'https://doi.org/10.1000/182',
  http: 'https://example.org/',
};

const llmDeps = () =>
  createTestDeps({
    llm: createLlmPort({
      providers: [scriptedProvider()],
      budget: { generationTokens: 100_000 },
      breakers: createCircuitBreakerRegistry({}),
    }),
  });

describe('built-in plugins through the contract kit', () => {
  it('every kind is covered', () => {
    const kinds = new Set(BUILTIN_PLUGINS.map((p) => p.kind));
    for (const k of kinds)
      expect(['matcher', 'generator', 'evidence-validator', ...COVERED_ELSEWHERE]).toContain(k);
  });

  const samples = createPluginSamples();
  for (const plugin of BUILTIN_PLUGINS.filter((p: AnyPlugin) => !COVERED_ELSEWHERE.has(p.kind))) {
    it(`${plugin.kind} ${plugin.name}`, async () => {
      let result: Awaited<ReturnType<typeof checkPlugin>>;
      if (plugin.kind === 'evidence-validator') {
        result = await checkPlugin(plugin, {
          sample: VALIDATOR_SAMPLES[plugin.name]!,
          deps: createTestDeps({ http: fakeHttp }),
        });
      } else if (plugin.kind === 'matcher') {
        result = await checkPlugin(plugin, { sample: samples.matcher });
      } else if (plugin.name.startsWith('llm-')) {
        const kind = plugin.name === 'llm-cv' ? 'cv' : 'cover-letter';
        result = await checkPlugin(plugin, { sample: generateInput(kind), deps: llmDeps() });
      } else {
        const kind = plugin.name.includes('letter') ? 'cover-letter' : 'cv';
        result = await checkPlugin(plugin, { sample: { ...samples.generator, kind } });
      }
      expect(result.problems).toEqual([]);
      expect(result.ok).toBe(true);
    });
  }
});
