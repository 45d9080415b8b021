import type { PluginKind } from '../plugins/contract.js';

type Expectation = [property: string, type: 'function' | 'string' | 'number' | 'string[]'];

const EXPECTED: Record<PluginKind, Expectation[]> = {
  parser: [
    ['accepts', 'string[]'],
    ['produces', 'string'],
    ['parse', 'function'],
  ],
  matcher: [['match', 'function']],
  generator: [
    ['kinds', 'string[]'],
    ['generate', 'function'],
  ],
  'ats-checker': [
    ['weight', 'number'],
    ['check', 'function'],
  ],
  exporter: [
    ['format', 'string'],
    ['export', 'function'],
  ],
  'evidence-validator': [
    ['handles', 'function'],
    ['validate', 'function'],
  ],
};

const hasType = (value: unknown, type: Expectation[1]): boolean =>
  type === 'string[]'
    ? Array.isArray(value) && value.every((item) => typeof item === 'string')
    : typeof value === type && (type !== 'number' || Number.isFinite(value));

/** Problems with what `create` returned for a plugin of this kind; empty when it has every member. */
export function checkHandlerShape(kind: PluginKind, handler: unknown): string[] {
  if (typeof handler !== 'object' || handler === null) return [`create must return a ${kind} handler object`];
  const problems: string[] = [];
  const record = handler as Record<string, unknown>;
  for (const [property, type] of EXPECTED[kind]) {
    if (!hasType(record[property], type)) problems.push(`${kind} handler: ${property} must be a ${type}`);
  }
  if (kind === 'parser' && record.produces !== 'job' && record.produces !== 'portfolio') {
    problems.push(`parser handler: produces must be "job" or "portfolio"`);
  }
  if (kind === 'ats-checker' && typeof record.weight === 'number' && record.weight < 0) {
    problems.push('ats-checker handler: weight must not be negative');
  }
  return [...new Set(problems)];
}
