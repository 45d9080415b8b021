import type { ParserOutput, PluginDeps, PluginRegistry, StageContext, TDiagnostic } from '@dossier/core';
import { type InputFile, isTextual } from './read-input-file.js';

export class NoParserError extends Error {
  override name = 'NoParserError';
}

/** Runs the first parser that accepts the file's media type and produces what is wanted. */
export async function parseWithPlugins({
  registry,
  deps,
  file,
  produces,
  signal = new AbortController().signal,
}: {
  registry: PluginRegistry;
  deps: PluginDeps;
  file: InputFile;
  produces: 'job' | 'portfolio';
  signal?: AbortSignal;
}): Promise<{ output: ParserOutput; parser: string; diagnostics: TDiagnostic[] }> {
  const diagnostics: TDiagnostic[] = [];
  for (const entry of registry.byKind('parser')) {
    const handler = await entry.handler(deps);
    if (handler.produces !== produces || !handler.accepts.includes(file.mediaType)) continue;
    const ctx: StageContext = {
      signal,
      report: (d) => diagnostics.push({ ...d, plugin: entry.plugin.name, stage: 'parse' }),
      progress: () => {},
    };
    const input = isTextual(file.mediaType)
      ? {
          mediaType: file.mediaType,
          filename: file.filename,
          text: new TextDecoder().decode(file.bytes),
          bytes: file.bytes,
        }
      : { mediaType: file.mediaType, filename: file.filename, bytes: file.bytes };
    return { output: await handler.parse(input, ctx), parser: entry.plugin.name, diagnostics };
  }
  throw new NoParserError(
    `no parser reads ${file.mediaType} into a ${produces === 'job' ? 'job description' : 'portfolio'}`,
  );
}
