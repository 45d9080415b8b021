import { LlmError } from '@dossier/core';

const FENCED = /```(?:json)?\s*([\s\S]*?)```/i;

/**
 * The JSON value in a model's reply. Strict structured output gives bare JSON; local models in JSON mode
 * sometimes wrap it in a Markdown fence or a sentence, so those are unwrapped before giving up.
 */
export function parseJsonReply(text: string, provider: string): unknown {
  const candidates = [text.trim()];
  const fenced = FENCED.exec(text)?.[1];
  if (fenced) candidates.push(fenced.trim());
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start !== -1 && end > start) candidates.push(text.slice(start, end + 1));
  for (const candidate of candidates) {
    try {
      return JSON.parse(candidate);
    } catch {
      // try the next reading
    }
  }
  const preview = text.length > 80 ? `${text.slice(0, 80)}…` : text;
  throw new LlmError('bad-response', `${provider}: the reply is not JSON: ${JSON.stringify(preview)}`);
}

/** A JSON Schema without the `$schema` marker, which some providers reject inside tool and format schemas. */
export function stripSchemaMarker(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = schema;
  return rest;
}

/**
 * Whether OpenAI's strict structured output can take this schema: every object closed
 * (`additionalProperties: false`) with every property required. Zod strict objects without optional fields
 * produce exactly that; anything else goes without `strict` rather than being refused with a 400.
 */
export function isStrictCompatible(schema: unknown): boolean {
  if (Array.isArray(schema)) return schema.every(isStrictCompatible);
  if (!schema || typeof schema !== 'object') return true;
  const node = schema as Record<string, unknown>;
  if (node.type === 'object' || node.properties) {
    const keys = Object.keys((node.properties as Record<string, unknown>) ?? {});
    const required = new Set((node.required as string[] | undefined) ?? []);
    if (node.additionalProperties !== false || keys.some((key) => !required.has(key))) return false;
  }
  return Object.entries(node).every(([key, value]) => key === 'required' || isStrictCompatible(value));
}
