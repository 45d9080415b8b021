export {
  type CheckPluginOptions,
  checkPlugin,
  expectPluginToPass,
  type PluginCheckResult,
  type PluginSampleByKind,
} from './check-plugin.js';
export { createPluginSamples, type PluginSamples } from './create-plugin-samples.js';
export { createTestDeps, TEST_NOW } from './create-test-deps.js';
export { deepFreeze } from './deep-freeze.js';
