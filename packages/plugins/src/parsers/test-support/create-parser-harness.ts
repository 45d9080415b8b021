import type {
  AnyPlugin,
  ParserHandler,
  ParserInput,
  ParserOutput,
  StageContext,
  TDiagnostic,
} from '@dossier/core';
import { createTestDeps } from '@dossier/core/testing';

export interface ParserHarness {
  handler: ParserHandler;
  diagnostics: Omit<TDiagnostic, 'plugin' | 'stage'>[];
  parse(input: ParserInput, signal?: AbortSignal): Promise<ParserOutput>;
}

/** Builds a parser the way the runner would, with the default taxonomy, and records its diagnostics. */
export async function createParserHarness(
  plugin: AnyPlugin,
  options: Record<string, unknown> = {},
): Promise<ParserHarness> {
  const handler = (await plugin.create(options, createTestDeps())) as ParserHandler;
  const diagnostics: ParserHarness['diagnostics'] = [];
  return {
    handler,
    diagnostics,
    parse(input, signal = new AbortController().signal) {
      const ctx: StageContext = {
        signal,
        report: (diagnostic) => diagnostics.push(diagnostic),
        progress: () => {},
      };
      return handler.parse(input, ctx);
    },
  };
}

export const text = (mediaType: string, value: string): ParserInput => ({ mediaType, text: value });
export const bytes = (mediaType: string, value: Uint8Array, filename?: string): ParserInput => ({
  mediaType,
  bytes: value,
  ...(filename ? { filename } : {}),
});
