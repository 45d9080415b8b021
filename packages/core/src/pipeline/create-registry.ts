import type { AnyPlugin, HandlerByKind, PluginDeps, PluginKind } from '../plugins/contract.js';
import { checkHandlerShape } from './check-handler-shape.js';
import { createOptionsValidator } from './create-options-validator.js';
import { PluginConfigError } from './plugin-config-error.js';
import { describePlugin, validatePluginDefinition } from './validate-plugin-definition.js';

export interface PluginSummary {
  name: string;
  kind: PluginKind;
  version: string;
  description: string | null;
}

export interface RegistryEntry<K extends PluginKind = PluginKind> {
  readonly plugin: AnyPlugin & { kind: K };
  /** Validated options with schema defaults applied. */
  readonly options: Readonly<Record<string, unknown>>;
  /**
   * The plugin's handler, created by `create(options, deps)` on first use and cached per `deps` object, so a
   * worker that keeps one deps object creates each handler once. Rejects with a message naming the plugin
   * when `create` throws or returns something that is not a handler of the plugin's kind.
   */
  handler(deps: PluginDeps): Promise<HandlerByKind[K]>;
}

export interface PluginRegistry {
  /** Validates the definition and its options (throws `PluginConfigError`) and adds it. */
  register(plugin: AnyPlugin, options?: Record<string, unknown>): RegistryEntry;
  has(name: string): boolean;
  get(name: string): RegistryEntry | undefined;
  /** Every plugin, in registration order. */
  list(): PluginSummary[];
  /** Plugins of one kind, lowest `order` first (no order counts as 0; ties keep registration order). */
  byKind<K extends PluginKind>(kind: K): RegistryEntry<K>[];
}

function createEntry(plugin: AnyPlugin, options: Record<string, unknown>): RegistryEntry {
  const handlers = new WeakMap<PluginDeps, Promise<HandlerByKind[PluginKind]>>();
  const build = async (deps: PluginDeps): Promise<HandlerByKind[PluginKind]> => {
    let handler: unknown;
    try {
      handler = await plugin.create(options, deps);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`plugin "${plugin.name}": create failed: ${message}`, { cause: error });
    }
    const problems = checkHandlerShape(plugin.kind, handler);
    if (problems.length > 0) throw new Error(`plugin "${plugin.name}": ${problems.join('; ')}`);
    return handler as HandlerByKind[PluginKind];
  };
  return {
    plugin,
    options,
    handler(deps) {
      let pending = handlers.get(deps);
      if (!pending) {
        pending = build(deps);
        handlers.set(deps, pending);
        // A failed create is not cached: the next run may succeed (a provider that was briefly unreachable).
        pending.catch(() => handlers.delete(deps));
      }
      return pending;
    },
  } as RegistryEntry;
}

/**
 * A set of plugins with validated options. Definitions are checked for shape and options against the plugin's
 * `optionsSchema` when registered, so configuration mistakes fail at start-up naming the plugin and option.
 */
export function createRegistry(): PluginRegistry {
  const entries = new Map<string, RegistryEntry>();
  const validator = createOptionsValidator();

  return {
    register(plugin, options) {
      const label = describePlugin(plugin);
      const name = typeof plugin?.name === 'string' ? plugin.name : null;
      const shape = validatePluginDefinition(plugin);
      if (shape.length > 0) {
        throw new PluginConfigError(`${label}: ${shape.join('; ')}`, name, shape);
      }
      if (entries.has(plugin.name)) {
        const message = `${label} is already registered (plugin names must be unique)`;
        throw new PluginConfigError(message, plugin.name);
      }
      const checked = validator.check(plugin.optionsSchema, options);
      if (checked.problems.length > 0) {
        throw new PluginConfigError(
          `${label}: ${checked.problems.join('; ')}`,
          plugin.name,
          checked.problems,
        );
      }
      const entry = createEntry(plugin, checked.options);
      entries.set(plugin.name, entry);
      return entry;
    },
    has: (name) => entries.has(name),
    get: (name) => entries.get(name),
    list: () =>
      [...entries.values()].map(({ plugin }) => ({
        name: plugin.name,
        kind: plugin.kind,
        version: plugin.version,
        description: plugin.description ?? null,
      })),
    byKind<K extends PluginKind>(kind: K) {
      return [...entries.values()]
        .filter((entry): entry is RegistryEntry<K> => entry.plugin.kind === kind)
        .sort((a, b) => (a.plugin.order ?? 0) - (b.plugin.order ?? 0));
    },
  };
}
