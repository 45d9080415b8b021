import { PLUGIN_KINDS } from '../plugins/contract.js';

// Semver core with optional pre-release and build metadata; "1.0" or "v1" are rejected so npm can resolve it.
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** What a plugin is called in messages, even when its name is missing or not a string. */
export function describePlugin(plugin: unknown): string {
  const name = isRecord(plugin) ? plugin.name : undefined;
  return typeof name === 'string' && name !== '' ? `plugin "${name}"` : 'plugin <unnamed>';
}

/**
 * Problems with a plugin definition's shape, one sentence each (empty when it is well formed). Checked before
 * anything of the plugin runs, so a module that exports something else fails with a readable message.
 */
export function validatePluginDefinition(plugin: unknown): string[] {
  if (!isRecord(plugin)) return ['a plugin must be an object'];
  const problems: string[] = [];
  const { name, kind, version, description, optionsSchema, order, create } = plugin;
  if (typeof name !== 'string' || name.trim() === '') problems.push('name must be a non-empty string');
  if (typeof kind !== 'string' || !(PLUGIN_KINDS as readonly string[]).includes(kind)) {
    problems.push(`kind ${JSON.stringify(kind)} must be one of ${PLUGIN_KINDS.join(', ')}`);
  }
  if (typeof version !== 'string' || !SEMVER.test(version)) {
    problems.push(`version ${JSON.stringify(version)} must be a semver version such as 1.0.0`);
  }
  if (description !== undefined && typeof description !== 'string') {
    problems.push('description must be a string when given');
  }
  if (optionsSchema !== undefined && !isRecord(optionsSchema) && typeof optionsSchema !== 'boolean') {
    problems.push('optionsSchema must be a JSON Schema object when given');
  }
  if (order !== undefined && (typeof order !== 'number' || !Number.isFinite(order))) {
    problems.push('order must be a finite number when given');
  }
  if (typeof create !== 'function') problems.push('create must be a function');
  return problems;
}
