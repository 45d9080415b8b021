import { definePlugin, type ParserOutput, type Portfolio, toPipelinePortfolio } from '@dossier/core';
import { z } from 'zod';
import { ParseError } from './parse-error.js';
import { assertMediaType, MAX_BYTES_OPTIONS_SCHEMA, readInputText } from './shared/read-parser-input.js';

/**
 * What the API names a JSON upload whose `format` is one of Dossier's own exports, so this parser, not the
 * JSON Resume one, reads it.
 */
export const DOSSIER_PORTFOLIO_MEDIA_TYPE = 'application/vnd.dossier.portfolio+json';

export interface DossierPortfolioParserOptions {
  /** Largest document accepted, in bytes. */
  maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

// What an export must hold to be restored. Fields Dossier computes or owns (ids, skills, evidence status and
// check history, timestamps, revisions) are read past: a restore writes new artifacts, checks the links again
// and derives the skills again.
const ZEvidence = z.object({
  url: z.string().min(1),
  title: z.string().nullish(),
  kind: z.string().optional(),
});
const ZArtifact = z.object({
  title: z.string(),
  summary: z.string().default(''),
  role: z.string().nullish(),
  startDate: z.string(),
  endDate: z.string().nullish(),
  technologies: z.array(z.string()).default([]),
  collaborators: z.array(z.string()).default([]),
  outcomes: z.array(z.string()).default([]),
  visibility: z.enum(['private', 'public']).optional(),
  evidence: z.array(ZEvidence).default([]),
  labels: z.array(z.object({ name: z.string().min(1) })).default([]),
});
const ZPortfolio = z.object({
  format: z.literal('dossier-portfolio'),
  version: z.literal(1),
  exportedAt: z.string().default(''),
  profile: z
    .object({ name: z.string().nullish(), email: z.string().nullish(), headline: z.string().nullish() })
    .default({}),
  labels: z
    .array(
      z.object({
        name: z.string().min(1),
        description: z.string().nullish(),
        colour: z.string().optional(),
        skillFocus: z.array(z.string()).optional(),
      }),
    )
    .default([]),
  artifacts: z.array(ZArtifact),
});
/** `GET /account/export` carries the portfolio export whole. */
const ZAccountExport = z.object({
  format: z.literal('dossier-account-export'),
  version: z.number().int().min(1),
  portfolio: z.unknown(),
});

function fail(error: z.ZodError, prefix = ''): never {
  const problems = error.issues
    .slice(0, 10)
    .map((i) => `${[prefix, ...i.path].filter((p) => p !== '').join('.') || '(document)'}: ${i.message}`);
  throw new ParseError(
    'INVALID_PORTFOLIO',
    `Not a Dossier portfolio export Dossier can restore: ${problems.join('; ')}`,
    {
      details: { problems },
    },
  );
}

/** The portfolio inside a Dossier portfolio export or account export, checked. */
function readDossierExport(document: unknown): Portfolio {
  const account = ZAccountExport.safeParse(document);
  const inner = account.success ? account.data.portfolio : document;
  const checked = ZPortfolio.safeParse(inner);
  if (!checked.success) fail(checked.error, account.success ? 'portfolio' : '');
  // What the schema kept is already a portfolio (it reads past what Dossier computes); toPipelinePortfolio
  // fills in the defaults.
  const p = checked.data;
  return {
    ...p,
    profile: {
      name: p.profile.name ?? null,
      email: p.profile.email ?? null,
      headline: p.profile.headline ?? null,
    },
  };
}

/**
 * Dossier's own exports (`GET /portfolio/export`, or the portfolio inside `GET /account/export`) → portfolio,
 * so an export can be restored into an account (this instance or another) through the usual review and commit.
 * Artifacts keep their fields, visibility, evidence links and the names of their labels, and the labels their
 * description, colour and skill focus; skills are derived again from the technologies and text.
 */
export const dossierPortfolioParser = definePlugin<'parser', DossierPortfolioParserOptions>({
  name: 'dossier-portfolio',
  kind: 'parser',
  version: '1.0.0',
  description:
    "Restores Dossier's own portfolio and account exports as artifacts with their evidence and labels.",
  order: 15,
  optionsSchema: MAX_BYTES_OPTIONS_SCHEMA,
  create(options, deps) {
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    return {
      accepts: [DOSSIER_PORTFOLIO_MEDIA_TYPE],
      produces: 'portfolio',
      async parse(input, ctx): Promise<ParserOutput> {
        ctx.signal.throwIfAborted();
        assertMediaType(input, [DOSSIER_PORTFOLIO_MEDIA_TYPE], 'dossier-portfolio');
        let document: unknown;
        try {
          document = JSON.parse(readInputText(input, maxBytes).replace(/^\uFEFF/, ''));
        } catch (error) {
          if (error instanceof ParseError) throw error;
          throw new ParseError('CORRUPT_FILE', `Not valid JSON: ${(error as Error).message}`, {
            cause: error,
          });
        }
        const portfolio = toPipelinePortfolio(readDossierExport(document), (technologies, text) =>
          deps.taxonomy.deriveSkills({ technologies, text }),
        );
        ctx.progress(100);
        return { type: 'portfolio', portfolio };
      },
    };
  },
});
