import { fileURLToPath } from 'node:url';
import { createCircuitBreakerRegistry, estimatePromptTokens, ZDocumentContent } from '@dossier/core';
import { type FakeLlmServer, startFakeLlmServer } from '@dossier/core/testing';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterEach, describe, expect, it } from 'vitest';
import { buildLlmPortFromConfig } from '../../llm/build-llm-port-from-config.js';
import { buildPromptValues, selectArtifacts } from './build-prompt-values.js';
import { replySchemaFor } from './build-reply-schema.js';
import { llmGeneratorPlugins } from './index.js';
import { llmCoverLetterGenerator } from './llm-cover-letter-generator.js';
import { coverLetterReply, generateInput, pluginDeps, stageContext } from './llm-fixtures.test-support.js';
import { loadPrompt, parsePrompt } from './load-prompt.js';

let server: FakeLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const promptUrl = (name: string) => new URL(`../../../prompts/${name}`, import.meta.url);

describe('llm-cover-letter', () => {
  it('writes a grounded letter through Anthropic, greeting and closing citing nothing', async () => {
    server = await startFakeLlmServer({
      script: [{ json: coverLetterReply(), usage: { inputTokens: 2_500, outputTokens: 400 } }],
    });
    const port = buildLlmPortFromConfig({
      providers: [
        { name: 'claude', type: 'anthropic', model: 'claude-haiku-4-5', apiKey: 'k', baseUrl: server.url },
      ],
      breakers: createCircuitBreakerRegistry(),
    });
    const handler = await llmCoverLetterGenerator.create({}, pluginDeps(port));
    expect(handler.kinds).toEqual(['cover-letter']);
    const { ctx, reports } = stageContext();
    const { content, usage } = await handler.generate(generateInput('cover-letter'), ctx);
    expect(reports).toEqual([]);
    expect(ZDocumentContent.parse(content).kind).toBe('cover-letter');
    expect(content.title).toBe('Cover letter — Senior Backend Engineer at Fjord Cloud');
    expect(content.sections.map((s) => [s.kind, s.items.length])).toEqual([
      ['greeting', 1],
      ['body', 2],
      ['closing', 1],
    ]);
    expect(content.sections[0]!.items[0]!.sources).toEqual([]);
    expect(content.sections[2]!.items[0]!.text).toBe('Kind regards,\nAda Park');
    expect(content.meta.promptVersion).toBe('cover-letter.v1');
    // claude-haiku-4-5: 2,500 × $1/M + 400 × $5/M.
    expect(usage).toEqual({ inputTokens: 2_500, outputTokens: 400, costUsd: 0.0045 });
    const body = server.requests[0]!.body!;
    expect(body.max_tokens).toBe(1_200);
    expect((body.tools as { name: string }[])[0]!.name).toBe('cover_letter_document');
    expect(server.requests[0]!.prompt).toContain('three items');
  });

  it('defaults to a 15 s request deadline (30 s for CVs) and validates its options up front', async () => {
    const ajv = new Ajv2020({ strict: false });
    const validate = ajv.compile(llmCoverLetterGenerator.optionsSchema!);
    expect(validate({ provider: 'claude', timeoutMs: 20_000, maxAttempts: 2, temperature: 0.2 })).toBe(true);
    expect(validate({ timeoutMs: 10 })).toBe(false);
    expect(validate({ colour: 'red' })).toBe(false);
    expect(() => llmCoverLetterGenerator.create({ maxAttempts: 0 }, pluginDeps(undefined))).toThrow();
    expect(llmGeneratorPlugins.map((p) => [p.name, p.kind])).toEqual([
      ['llm-cv', 'generator'],
      ['llm-cover-letter', 'generator'],
    ]);
  });

  it('asks with the request deadline and attempts from its options', async () => {
    const seen: { timeoutMs: number; deadlineMs?: number; maxAttempts?: number }[] = [];
    const port = {
      provider: () => ({
        name: 'spy',
        model: 'spy-model',
        estimateTokens: (t: string) => t.length,
        complete: async (req: { timeoutMs: number; deadlineMs?: number; maxAttempts?: number }) => {
          seen.push(req);
          return {
            text: '',
            json: coverLetterReply(),
            usage: { inputTokens: 1, outputTokens: 1, costUsd: 0 },
            model: 'm',
            provider: 'spy',
          };
        },
      }),
      remainingBudget: () => 8_000,
      recordUsage: () => {},
    };
    const handler = await llmCoverLetterGenerator.create({ maxAttempts: 2 }, pluginDeps(port));
    await handler.generate(generateInput('cover-letter'), stageContext().ctx);
    expect(seen[0]).toMatchObject({ timeoutMs: 15_000, deadlineMs: 15_000, maxAttempts: 2 });
  });
});

describe('prompts', () => {
  it.each(['cv.v1.md', 'cover-letter.v1.md'])('%s renders every placeholder and stays small', (file) => {
    const prompt = loadPrompt(promptUrl(file));
    expect(prompt.version).toBe(file.replace(/\.md$/, ''));
    const kind = file.startsWith('cv') ? 'cv' : 'cover-letter';
    const input = generateInput(kind);
    const { system, user } = prompt.render(buildPromptValues(input, selectArtifacts(input)));
    expect(`${system}\n${user}`).not.toMatch(/\{\{|\}\}|<!--/);
    expect(system).toContain('formal');
    const tokens = estimatePromptTokens({
      system,
      messages: [{ role: 'user', content: user }],
      jsonSchema: replySchemaFor(kind).jsonSchema,
      maxOutputTokens: 0,
      timeoutMs: 1,
    });
    // Three artifacts and the schema leave most of the default 8,000-token budget for the answer and a repair.
    expect(tokens).toBeLessThan(3_500);
  });

  it('needs both parts and a value for every placeholder', () => {
    expect(() => parsePrompt('# system\nonly', 'x.v1')).toThrow(/"# user"/);
    const prompt = parsePrompt('# system\nHi {{name}}\n# user\nDo {{task}}', 'x.v1');
    expect(prompt.render({ name: 'A', task: 'B' })).toEqual({ system: 'Hi A', user: 'Do B' });
    expect(() => prompt.render({ name: 'A' })).toThrow(/no value for \{\{task\}\}/);
  });

  it('ships inside the package folder the generator resolves', () => {
    expect(fileURLToPath(promptUrl('cv.v1.md'))).toMatch(/packages[/\\]plugins[/\\]prompts[/\\]cv\.v1\.md$/);
  });
});
