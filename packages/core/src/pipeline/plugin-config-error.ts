/**
 * Bad plugin definition or options, or a bad `dossier.config.json`: raised while the pipeline is assembled,
 * so configuration mistakes fail at start-up. The message names the plugin (or config entry) and the option.
 */
export class PluginConfigError extends Error {
  override name = 'PluginConfigError';
  readonly code = 'PLUGIN_CONFIG';

  constructor(
    message: string,
    /** The plugin concerned, when one is known. */
    readonly plugin: string | null = null,
    /** One line per problem, each already naming its option or config path. */
    readonly problems: string[] = [message],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
