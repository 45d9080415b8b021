import type { TPipelinePortfolio } from '@dossier/core';
import { expectPluginToPass } from '@dossier/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { DOSSIER_PORTFOLIO_MEDIA_TYPE, dossierPortfolioParser } from './dossier-portfolio-parser.js';
import { ParseError } from './parse-error.js';
import { createParserHarness, type ParserHarness } from './test-support/create-parser-harness.js';

// An export as GET /portfolio/export writes it, with the fields a restore reads past.
const EXPORT = {
  format: 'dossier-portfolio',
  version: 1,
  exportedAt: '2026-11-22T10:00:00.000Z',
  profile: { name: 'Ada Example', email: 'ada@example.test' },
  labels: [
    {
      id: '6b0f3a1e-0000-4000-8000-000000000001',
      name: 'Backend',
      description: 'Server work',
      colour: '#0f766e',
      skillFocus: ['go'],
      artifactCount: 1,
    },
  ],
  artifacts: [
    {
      id: '6b0f3a1e-0000-4000-8000-000000000002',
      title: 'Ledger service',
      summary: 'Rebuilt the ledger in Go.',
      role: 'Lead',
      startDate: '2023-01-01',
      endDate: null,
      technologies: ['Go', 'k8s'],
      skills: [{ id: 'go', name: 'Go' }],
      collaborators: ['Ines'],
      outcomes: ['Cut reconciliation from 2 days to 4 hours'],
      visibility: 'public',
      evidence: [
        {
          id: '6b0f3a1e-0000-4000-8000-000000000003',
          url: 'https://github.com/ada/ledger',
          title: 'Repository',
          kind: 'repo',
          status: 'broken',
          httpStatus: 404,
          history: [],
        },
      ],
      labels: [{ id: '6b0f3a1e-0000-4000-8000-000000000001', name: 'Backend', colour: '#0f766e' }],
    },
  ],
};

let harness: ParserHarness;
beforeAll(async () => {
  harness = await createParserHarness(dossierPortfolioParser);
});

async function restore(document: unknown): Promise<TPipelinePortfolio> {
  const output = await harness.parse({
    mediaType: DOSSIER_PORTFOLIO_MEDIA_TYPE,
    text: JSON.stringify(document),
  });
  if (output.type !== 'portfolio') throw new Error('expected a portfolio');
  return output.portfolio;
}

async function refusal(text: string, mediaType = DOSSIER_PORTFOLIO_MEDIA_TYPE): Promise<ParseError> {
  const error = await harness.parse({ mediaType, text }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ParseError);
  return error as ParseError;
}

describe('dossier-portfolio parser', () => {
  it('passes the plugin contract kit', async () => {
    await expectPluginToPass(dossierPortfolioParser, {
      sample: { mediaType: DOSSIER_PORTFOLIO_MEDIA_TYPE, text: JSON.stringify(EXPORT) },
    });
  });

  it('keeps what the owner wrote and drops what Dossier computed', async () => {
    const { profile, artifacts, labels } = await restore(EXPORT);
    expect(profile.name).toBe('Ada Example');
    expect(artifacts).toHaveLength(1);
    const [ledger] = artifacts;
    expect(ledger).toMatchObject({
      title: 'Ledger service',
      summary: 'Rebuilt the ledger in Go.',
      role: 'Lead',
      startDate: '2023-01-01',
      endDate: null,
      technologies: ['Go', 'k8s'],
      collaborators: ['Ines'],
      outcomes: ['Cut reconciliation from 2 days to 4 hours'],
      visibility: 'public',
      labels: [{ name: 'Backend' }],
    });
    // Skills are derived again (k8s → kubernetes), not copied; evidence is to be checked again.
    expect(ledger!.skills).toEqual(expect.arrayContaining(['go', 'kubernetes']));
    expect(ledger!.evidence).toEqual([
      expect.objectContaining({
        url: 'https://github.com/ada/ledger',
        title: 'Repository',
        kind: 'repo',
        status: 'unchecked',
      }),
    ]);
    expect(labels).toEqual([
      { name: 'Backend', description: 'Server work', colour: '#0f766e', skillFocus: ['go'] },
    ]);
  });

  it('reads the portfolio inside an account export', async () => {
    const account = { format: 'dossier-account-export', version: 2, portfolio: EXPORT, documents: [] };
    expect((await restore(account)).artifacts.map((a) => a.title)).toEqual(['Ledger service']);
  });

  it('names what is wrong with an export it cannot restore', async () => {
    const wrongVersion = await refusal(JSON.stringify({ ...EXPORT, version: 2 }));
    expect(wrongVersion.code).toBe('INVALID_PORTFOLIO');
    expect(wrongVersion.message).toMatch(/^Not a Dossier portfolio export .*version/);
    const badArtifact = await refusal(
      JSON.stringify({ ...EXPORT, artifacts: [{ ...EXPORT.artifacts[0], startDate: 20230101 }] }),
    );
    expect(badArtifact.message).toContain('artifacts.0.startDate');
    const account = await refusal(
      JSON.stringify({ format: 'dossier-account-export', version: 2, portfolio: {} }),
    );
    expect(account.message).toContain('portfolio.format');
    expect((await refusal('{"format": "dossier-portfolio",')).code).toBe('CORRUPT_FILE');
    expect((await refusal(JSON.stringify(EXPORT), 'application/json')).code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});
