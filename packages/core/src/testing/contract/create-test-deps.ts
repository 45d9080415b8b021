import type { PluginDeps, PluginLogger } from '../../plugins/contract.js';
import { getDefaultTaxonomy } from '../../taxonomy/default-taxonomy.js';

/** The instant `createTestDeps().clock()` always returns, so generated content is deterministic in tests. */
export const TEST_NOW = '2026-01-15T12:00:00.000Z';

const silent: PluginLogger = { debug() {}, info() {}, warn() {}, error() {} };

/** Deps for plugin tests: a silent logger, a clock fixed at `TEST_NOW`, the default taxonomy; no LLM, no HTTP. */
export function createTestDeps(overrides: Partial<PluginDeps> = {}): PluginDeps {
  return {
    logger: silent,
    clock: () => new Date(TEST_NOW),
    taxonomy: getDefaultTaxonomy(),
    ...overrides,
  };
}
