import { createCircuitBreakerRegistry, LlmError, ZDocumentContent } from '@dossier/core';
import { type FakeLlmServer, type FakeLlmServerOptions, startFakeLlmServer } from '@dossier/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { buildLlmPortFromConfig, type TLlmProviderConfig } from '../../llm/build-llm-port-from-config.js';
import { llmCvGenerator } from './llm-cv-generator.js';
import { ARTIFACTS, cvReply, generateInput, pluginDeps, stageContext } from './llm-fixtures.test-support.js';

let server: FakeLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
async function start(options: FakeLlmServerOptions) {
  server = await startFakeLlmServer(options);
  return server;
}

function portFor(s: FakeLlmServer, type: TLlmProviderConfig['type'] = 'openai', budgetTokens = 50_000) {
  const provider: TLlmProviderConfig =
    type === 'anthropic'
      ? { name: 'main', type, model: 'claude-haiku-4-5', apiKey: 'k', baseUrl: s.url }
      : type === 'openai'
        ? { name: 'main', type, model: 'gpt-4o-mini', apiKey: 'k', baseUrl: `${s.url}/v1` }
        : { name: 'main', type, model: 'llama3.1:8b', baseUrl: `${s.url}/v1` };
  return buildLlmPortFromConfig({
    providers: [provider],
    budgetTokens,
    breakers: createCircuitBreakerRegistry(),
    retry: { sleep: async () => {} },
  });
}

async function generate(port: ReturnType<typeof portFor> | undefined, options: Record<string, unknown> = {}) {
  const handler = await llmCvGenerator.create(options, pluginDeps(port));
  const { ctx, reports } = stageContext();
  const output = await handler.generate(generateInput('cv'), ctx);
  return { output, reports };
}

describe('llm-cv', () => {
  it('writes a grounded CV from the OpenAI reply, with evidence links, education and the prompt version', async () => {
    const s = await start({
      script: [{ json: cvReply(), usage: { inputTokens: 3_000, outputTokens: 900 } }],
    });
    const { output, reports } = await generate(portFor(s));
    expect(reports).toEqual([]);
    const content = ZDocumentContent.parse(output.content);
    expect(content.sections.map((x) => x.kind)).toEqual([
      'summary',
      'experience',
      'projects',
      'skills',
      'education',
    ]);
    expect(content.meta).toMatchObject({
      generator: 'llm-cv',
      promptVersion: 'cv.v1',
      jobTitle: 'Senior Backend Engineer',
      company: 'Fjord Cloud',
      generatedAt: '2026-02-01T10:00:00.000Z',
    });
    const billing = content.sections[1]!.items[0]!;
    expect(billing.links).toEqual([
      {
        url: 'https://github.com/acme-example/billing/pull/42',
        label: 'Billing rewrite PR',
        evidenceId: 'ev-billing-pr',
        status: 'valid',
      },
    ]);
    // An entry citing no evidence shows its artifact's evidence, with the link status for exporters.
    expect(content.sections[1]!.items[1]!.links[0]).toMatchObject({
      evidenceId: 'ev-search-talk',
      status: 'broken',
    });
    expect(content.sections[4]!.items[0]).toMatchObject({
      title: 'TU Berlin',
      subtitle: 'MSc, Computer Science',
    });
    // gpt-4o-mini: 3,000 × $0.15/M + 900 × $0.60/M.
    expect(output.usage).toEqual({ inputTokens: 3_000, outputTokens: 900, costUsd: 0.00099 });
    expect(output.model).toBe('gpt-4o-mini');
  });

  it('sends the job, weighted skills, profile and artifacts with their ids, asking for the derived schema', async () => {
    const s = await start({ script: [{ json: cvReply() }] });
    await generate(portFor(s), { temperature: 0.1, maxOutputTokens: 1_500 });
    const body = s.requests[0]!.body!;
    const prompt = s.requests[0]!.prompt;
    for (const id of ARTIFACTS.map((a) => a.id)) expect(prompt).toContain(`"id":"${id}"`);
    expect(prompt).toContain('"title":"Senior Backend Engineer"');
    expect(prompt).toContain('"name":"Kubernetes"');
    expect(prompt).toContain('"weight":0.4');
    expect(prompt).toContain('Production experience with Go');
    expect(prompt).toContain('"institution":"TU Berlin"');
    expect(prompt).toContain('formal tone');
    expect(prompt).not.toMatch(/\{\{\w+\}\}/);
    expect(body.temperature).toBe(0.1);
    expect(body.max_completion_tokens).toBe(1_500);
    const format = body.response_format as {
      json_schema: { name: string; strict: boolean; schema: unknown };
    };
    expect(format.json_schema.name).toBe('cv_document');
    expect(format.json_schema.strict).toBe(true);
    expect(JSON.stringify(format.json_schema.schema)).toContain('"sources"');
  });

  it('works through Anthropic tool use and through an OpenAI-compatible base URL', async () => {
    const s = await start({ defaultReply: () => ({ json: cvReply() }) });
    const viaAnthropic = await generate(portFor(s, 'anthropic'));
    expect(viaAnthropic.output.content.sections).toHaveLength(5);
    const viaLocal = await generate(portFor(s, 'openai-compatible'));
    expect(viaLocal.output.content.sections).toHaveLength(5);
    expect(viaLocal.output.usage?.costUsd).toBe(0);
    expect(s.requests.map((r) => r.api)).toEqual(['anthropic', 'openai']);
    expect(s.requests[0]!.body!.tool_choice).toEqual({
      type: 'tool',
      name: 'cv_document',
      disable_parallel_tool_use: true,
    });
  });

  it('repairs a hallucinated skill with one request listing the violation', async () => {
    const s = await start({
      script: [
        { json: cvReply('Kubernetes'), usage: { inputTokens: 3_000, outputTokens: 900 } },
        { json: cvReply(), usage: { inputTokens: 4_000, outputTokens: 900 } },
      ],
    });
    const { output, reports } = await generate(portFor(s));
    expect(s.requests).toHaveLength(2);
    const repair = s.requests[1]!;
    const messages = repair.body!.messages as { role: string; content: string }[];
    expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(messages[2]!.content).toContain('Kubernetes');
    expect(messages[3]!.content).toMatch(/item "exp-1" \(section "experience"\), skill: skill "Kubernetes"/);
    const skills = output.content.sections.flatMap((x) => x.items.flatMap((i) => i.skills));
    expect(skills).not.toContain('Kubernetes');
    expect(skills).toContain('gRPC');
    expect(reports).toEqual([]);
    expect(output.usage).toMatchObject({ inputTokens: 7_000, outputTokens: 1_800 });
  });

  it('drops and reports what the repair did not fix, when few items are affected', async () => {
    const s = await start({ script: [{ json: cvReply('Kubernetes') }, { json: cvReply('Kubernetes') }] });
    const { output, reports } = await generate(portFor(s));
    const billing = output.content.sections[1]!.items[0]!;
    expect(billing.skills).toEqual(['Go', 'PostgreSQL', 'gRPC']);
    expect(reports).toEqual([
      expect.objectContaining({
        ruleId: 'llm/grounding-skill',
        severity: 'warning',
        ref: { sectionId: 'experience', itemId: 'exp-1' },
      }),
    ]);
  });

  it('gives up with bad-response when too many items stay ungrounded, so the runner falls back', async () => {
    const ghost = cvReply();
    for (const section of ghost.sections)
      for (const it of section.items) it.sources = [{ artifactId: 'art-ghost', evidenceIds: [] }];
    const s = await start({ defaultReply: () => ({ json: ghost }) });
    const error = await generate(portFor(s)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmError);
    expect(error).toMatchObject({ kind: 'bad-response' });
    expect((error as Error).message).toMatch(/grounding failed: 6 of 6 items/);
    expect(s.requests).toHaveLength(2);
  });

  it('keeps the first answer when the repair is over budget, dropping its ungrounded parts', async () => {
    const s = await start({
      script: [{ json: cvReply('Kubernetes'), usage: { inputTokens: 4_500, outputTokens: 900 } }],
    });
    const { output, reports } = await generate(portFor(s, 'openai', 8_000));
    expect(s.requests).toHaveLength(1);
    expect(reports.map((r) => r.ruleId)).toEqual(['llm/repair-failed', 'llm/grounding-skill']);
    expect(output.content.sections[1]!.items[0]!.skills).not.toContain('Kubernetes');
  });

  it('rejects a reply that does not match the schema', async () => {
    const s = await start({
      script: [{ json: { sections: [{ id: 's', kind: 'hobbies', heading: 'x', items: [] }] } }],
    });
    await expect(generate(portFor(s))).rejects.toMatchObject({ kind: 'bad-response' });
  });

  it('throws a config error without an LLM or without the named provider', async () => {
    await expect(generate(undefined)).rejects.toMatchObject({ kind: 'config' });
    const s = await start({});
    await expect(generate(portFor(s), { provider: 'elsewhere' })).rejects.toMatchObject({ kind: 'config' });
    expect(s.requests).toHaveLength(0);
  });

  it('makes no request when the budget cannot cover the call', async () => {
    const s = await start({ defaultReply: () => ({ json: cvReply() }) });
    await expect(generate(portFor(s, 'openai', 2_000))).rejects.toMatchObject({ kind: 'budget' });
    expect(s.requests).toHaveLength(0);
  });
});
