import { DOCUMENT_KINDS } from '../domain/document-content.js';
import type { AnyPlugin } from '../plugins/contract.js';
import { createRegistry, type PluginRegistry } from './create-registry.js';
import { parsePipelineConfig } from './pipeline-config.js';
import { PluginConfigError } from './plugin-config-error.js';

export interface ResolvePipelineConfigOptions {
  /** Plugins that `use` may name directly (the host passes `@dossier/plugins`' list). */
  builtins: readonly AnyPlugin[];
  /**
   * Loads anything that is not a built-in name: the host passes `(s) => import(s)` after resolving relative
   * paths against the config file, so core itself does no I/O.
   */
  importModule: (specifier: string) => Promise<unknown>;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

const looksLikePlugin = (value: unknown): boolean =>
  isObject(value) && !Array.isArray(value) && typeof value.create === 'function' && 'kind' in value;

const asPlugins = (value: unknown): AnyPlugin[] | null => {
  if (looksLikePlugin(value)) return [value as AnyPlugin];
  if (Array.isArray(value) && value.length > 0 && value.every(looksLikePlugin)) return value as AnyPlugin[];
  return null;
};

/**
 * The plugins a module provides: its default export, else a named `plugin` or `plugins`, each a plugin or an
 * array of plugins. A CommonJS module compiled from ESM nests the default one level deeper; that is accepted.
 */
function pluginsOfModule(mod: unknown): AnyPlugin[] | null {
  if (!isObject(mod)) return asPlugins(mod);
  const nested = isObject(mod.default) ? mod.default.default : undefined;
  for (const candidate of [mod.default, nested, mod.plugin, mod.plugins]) {
    const plugins = asPlugins(candidate);
    if (plugins) return plugins;
  }
  return asPlugins(mod);
}

function optionsFor(
  plugins: AnyPlugin[],
  options: Record<string, unknown> | undefined,
  where: string,
): Array<Record<string, unknown> | undefined> {
  if (plugins.length === 1 || options === undefined) return plugins.map(() => options);
  const names = new Set(plugins.map((plugin) => plugin.name));
  const unknown = Object.keys(options).filter((key) => !names.has(key));
  if (unknown.length > 0) {
    throw new PluginConfigError(
      `${where}: options of a module with several plugins are keyed by plugin name (${[...names].join(', ')}); unknown: ${unknown.join(', ')}`,
    );
  }
  return plugins.map((plugin) => options[plugin.name] as Record<string, unknown> | undefined);
}

/**
 * Validates a `dossier.config.json` and builds its registry: each `use` entry is a built-in plugin or a
 * module loaded through `importModule`; generators named in fallback chains but not listed are added from the
 * built-ins with default options. Every error names the config entry (`plugins[2] ("./my-plugin.js")`).
 */
export async function resolvePipelineConfig(
  config: unknown,
  { builtins, importModule }: ResolvePipelineConfigOptions,
): Promise<PluginRegistry> {
  const parsed = parsePipelineConfig(config);
  const registry = createRegistry();
  const builtinByName = new Map(builtins.map((plugin) => [plugin.name, plugin]));

  for (const [index, { use, options }] of parsed.plugins.entries()) {
    const where = `plugins[${index}] (use "${use}")`;
    let plugins: AnyPlugin[];
    const builtin = builtinByName.get(use);
    if (builtin) {
      plugins = [builtin];
    } else {
      let mod: unknown;
      try {
        mod = await importModule(use);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new PluginConfigError(`${where}: could not load the module: ${message}`, null, undefined, {
          cause: error,
        });
      }
      const found = pluginsOfModule(mod);
      if (!found) {
        throw new PluginConfigError(
          `${where}: the module exports no plugin (expected a default export, or a named "plugin" or "plugins", holding a plugin or an array of plugins)`,
        );
      }
      plugins = found;
    }
    const perPlugin = optionsFor(plugins, options, where);
    for (const [i, plugin] of plugins.entries()) {
      try {
        registry.register(plugin, perPlugin[i]);
      } catch (error) {
        if (!(error instanceof PluginConfigError)) throw error;
        const problems = error.problems.map((problem) => `${where}: ${problem}`);
        throw new PluginConfigError(`${where}: ${error.message}`, error.plugin, problems, { cause: error });
      }
    }
  }

  for (const kind of DOCUMENT_KINDS) {
    for (const [index, name] of parsed.generators[kind].entries()) {
      const where = `generators.${kind}[${index}]`;
      const builtin = builtinByName.get(name);
      if (!registry.has(name) && builtin) registry.register(builtin);
      const entry = registry.get(name);
      if (!entry) throw new PluginConfigError(`${where}: "${name}" is neither loaded nor a built-in plugin`);
      if (entry.plugin.kind !== 'generator') {
        throw new PluginConfigError(
          `${where}: "${name}" is not a generator (kind: ${entry.plugin.kind})`,
          name,
        );
      }
    }
  }

  for (const name of Object.keys(parsed.matchers.weights)) {
    if (registry.get(name)?.plugin.kind !== 'matcher') {
      throw new PluginConfigError(`matchers.weights.${name}: "${name}" is not a loaded matcher`, name);
    }
  }
  return registry;
}
