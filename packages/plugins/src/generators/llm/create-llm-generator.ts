import {
  checkGrounding,
  definePlugin,
  type GenerateInput,
  type GenerateOutput,
  LlmError,
  type LlmMessage,
  type LlmProvider,
  type LlmResponse,
  type LlmUsage,
  type PluginDefinition,
  type StageContext,
  type TDocumentContent,
  type TDocumentKind,
} from '@dossier/core';
import { z } from 'zod';
import { buildPromptValues, selectArtifacts } from './build-prompt-values.js';
import { replySchemaFor } from './build-reply-schema.js';
import type { PromptTemplate } from './load-prompt.js';
import { countClaimItems, toDocumentContent } from './to-document-content.js';

export const ZLlmGeneratorOptions = z.strictObject({
  /** Which of the port's providers to use; the port's default when absent. */
  provider: z.string().min(1).optional(),
  maxOutputTokens: z.number().int().min(256).max(32_000).optional(),
  temperature: z.number().min(0).max(2).optional(),
  /** Time for one request, retries included (each attempt gets what is left). */
  timeoutMs: z.number().int().min(1_000).max(600_000).optional(),
  maxAttempts: z.number().int().min(1).max(10).optional(),
  /** Share of claim items that may still violate grounding after the repair before the generator gives up. */
  maxViolationShare: z.number().min(0).max(1).optional(),
});
export type TLlmGeneratorOptions = z.infer<typeof ZLlmGeneratorOptions>;

export interface LlmGeneratorSpec {
  name: string;
  version: string;
  description: string;
  kind: TDocumentKind;
  /** Read at create() time, so a missing or broken prompt file fails at start-up. */
  loadPrompt: () => PromptTemplate;
  defaults: { maxOutputTokens: number; temperature: number; timeoutMs: number; maxAttempts: number };
}

type GroundingViolation = ReturnType<typeof checkGrounding>['violations'][number];

const DEFAULT_MAX_VIOLATION_SHARE = 0.2;
const SCHEMA_NAME = { cv: 'cv_document', 'cover-letter': 'cover_letter_document' } as const;

const addUsage = (a: LlmUsage, b: LlmUsage): LlmUsage => ({
  inputTokens: a.inputTokens + b.inputTokens,
  outputTokens: a.outputTokens + b.outputTokens,
  costUsd: Math.round((a.costUsd + b.costUsd) * 1e8) / 1e8,
});

export function formatViolations(violations: readonly GroundingViolation[]): string {
  return violations
    .map((v) => `- item "${v.itemId}" (section "${v.sectionId}"), ${v.kind}: ${v.detail}`)
    .join('\n');
}

function repairPrompt(violations: readonly GroundingViolation[]): string {
  return (
    'Some claims in your answer are not supported by the artifacts they cite:\n' +
    `${formatViolations(violations)}\n\n` +
    'Return the whole document again, as one JSON object with the same schema. For each listed claim, either ' +
    'remove it or cite the artifact that really supports it. Keep everything else as it was, and add no fact ' +
    'that is not in the artifacts.'
  );
}

/**
 * An LLM generator plugin: asks the port's provider for structured content from a versioned prompt, checks
 * every claim against the cited artifacts, sends one repair request listing the violations, drops what is
 * still ungrounded (reporting each), and gives up with `LlmError('bad-response')` when too much is left —
 * so the runner falls back to the template generator. No port or provider: `LlmError('config')`.
 */
export function createLlmGenerator(
  spec: LlmGeneratorSpec,
): PluginDefinition<'generator', TLlmGeneratorOptions> {
  return definePlugin<'generator', TLlmGeneratorOptions>({
    name: spec.name,
    kind: 'generator',
    version: spec.version,
    description: spec.description,
    optionsSchema: z.toJSONSchema(ZLlmGeneratorOptions, { io: 'input' }) as Record<string, unknown>,
    create(rawOptions, deps) {
      const options = { ...spec.defaults, ...ZLlmGeneratorOptions.parse(rawOptions ?? {}) };
      const maxShare = options.maxViolationShare ?? DEFAULT_MAX_VIOLATION_SHARE;
      const prompt = spec.loadPrompt();
      const { schema, jsonSchema } = replySchemaFor(spec.kind);

      const ask = async (
        provider: LlmProvider,
        system: string,
        messages: LlmMessage[],
        signal: AbortSignal,
      ) => {
        const response = await provider.complete({
          system,
          messages,
          jsonSchema,
          schemaName: SCHEMA_NAME[spec.kind],
          maxOutputTokens: options.maxOutputTokens,
          temperature: options.temperature,
          timeoutMs: options.timeoutMs,
          deadlineMs: options.timeoutMs,
          maxAttempts: options.maxAttempts,
          signal,
        });
        return response;
      };

      return {
        kinds: [spec.kind],
        async generate(input: GenerateInput, ctx: StageContext): Promise<GenerateOutput> {
          if (!deps.llm) throw new LlmError('config', `${spec.name}: no LLM is configured`);
          const provider = deps.llm.provider(options.provider);
          if (!provider) {
            throw new LlmError(
              'config',
              `${spec.name}: LLM provider "${options.provider ?? '(default)'}" is missing`,
            );
          }
          const selected = selectArtifacts(input);
          const artifacts = input.ranked.map((r) => r.artifact);
          const rendered = prompt.render(buildPromptValues(input, selected));
          const generatedAt = deps.clock().toISOString();
          let usage: LlmUsage = { inputTokens: 0, outputTokens: 0, costUsd: 0 };

          const readReply = (response: LlmResponse): TDocumentContent => {
            const parsed = schema.safeParse(response.json);
            if (!parsed.success) {
              const issue = parsed.error.issues[0];
              const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid';
              throw new LlmError(
                'bad-response',
                `${spec.name}: the reply does not match the schema (${where})`,
              );
            }
            return toDocumentContent({
              kind: spec.kind,
              reply: parsed.data,
              job: input.job,
              profile: input.profile,
              artifacts,
              generator: spec.name,
              promptVersion: prompt.version,
              tone: input.options.tone,
              generatedAt,
            });
          };
          const ground = (content: TDocumentContent) =>
            checkGrounding(content, artifacts, deps.taxonomy, input.profile);

          const messages: LlmMessage[] = [{ role: 'user', content: rendered.user }];
          ctx.progress(10, `${spec.name}: asking ${provider.name}`);
          const first = await ask(provider, rendered.system, messages, ctx.signal);
          usage = addUsage(usage, first.usage);
          let model = first.model;
          let content = readReply(first);
          let grounded = ground(content);

          if (grounded.violations.length > 0) {
            ctx.progress(60, `${spec.name}: repairing ${grounded.violations.length} ungrounded claims`);
            const repairMessages: LlmMessage[] = [
              ...messages,
              { role: 'assistant', content: first.text || JSON.stringify(first.json) },
              { role: 'user', content: repairPrompt(grounded.violations) },
            ];
            try {
              const second = await ask(provider, rendered.system, repairMessages, ctx.signal);
              usage = addUsage(usage, second.usage);
              model = second.model;
              const repaired = readReply(second);
              const regrounded = ground(repaired);
              // A repair that made things worse is not kept.
              if (regrounded.violations.length <= grounded.violations.length) {
                content = repaired;
                grounded = regrounded;
              }
            } catch (error) {
              if (!(error instanceof LlmError) || error.kind === 'aborted') throw error;
              ctx.report({
                ruleId: 'llm/repair-failed',
                severity: 'info',
                message: `${spec.name}: the repair request failed (${error.kind}); ungrounded claims are dropped instead`,
              });
            }
          }

          const violating = new Set(grounded.violations.map((v) => v.itemId));
          const total = countClaimItems(content);
          if (total === 0 || violating.size / total > maxShare) {
            throw new LlmError(
              'bad-response',
              `${spec.name}: grounding failed: ${violating.size} of ${total} items make unsupported claims`,
            );
          }
          for (const v of grounded.violations) {
            ctx.report({
              ruleId: `llm/grounding-${v.kind}`,
              severity: 'warning',
              message: `dropped an unsupported claim: ${v.detail}`,
              ref: { sectionId: v.sectionId, itemId: v.itemId },
            });
          }
          ctx.progress(100, `${spec.name}: done`);
          return { content: grounded.content, usage, model };
        },
      };
    },
  });
}
