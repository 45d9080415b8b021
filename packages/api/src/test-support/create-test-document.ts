import { createHash } from 'node:crypto';
import { type TDocumentContent, ZDocumentContent } from '@dossier/core';
import { createPluginSamples } from '@dossier/core/testing';
import { Document, DocumentVersion, JobDescription } from '../db/entities/index.js';
import { parseWithPlugins } from '../pipeline/parse-with-plugins.js';
import type { TestContext } from './create-test-context.js';

type TestUser = { token: string; userId: string };

/** Two artifacts made through the API, shaped like the contract kit's sample portfolio, with real ids. */
export interface TestArtifacts {
  ledger: { id: string; evidenceId: string; evidenceUrl: string };
  tracker: { id: string };
}

export interface TestDocument {
  id: string;
  jobDescriptionId: string | null;
  artifacts: TestArtifacts;
  content: TDocumentContent;
}

const DAY_MS = 86_400_000;

export async function createTestArtifacts(t: TestContext, user: TestUser): Promise<TestArtifacts> {
  const [ledger, tracker] = createPluginSamples().portfolio.artifacts;
  const post = async (a: typeof ledger, evidence: Array<{ url: string; title: string }>) => {
    const res = await t.request('POST', '/api/v1/artifacts', {
      token: user.token,
      body: {
        title: a!.title,
        summary: a!.summary,
        role: a!.role,
        technologies: a!.technologies,
        outcomes: a!.outcomes,
        startDate: a!.startDate,
        endDate: a!.endDate,
        evidence,
      },
    });
    if (res.status !== 201) throw new Error(`artifact: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; evidence: Array<{ id: string; url: string }> };
  };
  const suffix = Math.random().toString(36).slice(2, 8);
  const made = await post(ledger, [
    { url: `https://github.com/example/ledger-${suffix}`, title: 'Repository' },
  ]);
  const other = await post(tracker, []);
  return {
    ledger: { id: made.id, evidenceId: made.evidence[0]!.id, evidenceUrl: made.evidence[0]!.url },
    tracker: { id: other.id },
  };
}

/** The sample job description parsed by the configured job parser, stored once per user (by text hash). */
export async function createTestJobDescription(t: TestContext, user: TestUser): Promise<string> {
  const text = createPluginSamples().parser.text!;
  const contentHash = createHash('sha256').update(text).digest('hex');
  const em = t.services.orm.em.fork();
  const existing = await em.findOne(JobDescription, { owner: user.userId, contentHash });
  if (existing) return existing.id;
  const { output } = await parseWithPlugins({
    registry: t.services.pipeline.registry,
    deps: t.services.pipeline.deps(),
    file: { filename: 'job.txt', mediaType: 'text/plain', bytes: new TextEncoder().encode(text) },
    produces: 'job',
  });
  if (output.type !== 'job') throw new Error('the job parser did not produce a job');
  const job = em.create(JobDescription, {
    owner: user.userId,
    source: 'text',
    sourceUrl: null,
    title: output.job.title.slice(0, 300) || 'Job',
    company: output.job.company,
    text,
    contentHash,
    parsed: output.job,
  });
  await em.flush();
  return job.id;
}

/** Content like the contract kit's sample CV (or a short letter), citing the real artifacts and evidence. */
export function buildTestContent(
  artifacts: TestArtifacts,
  { kind = 'cv', title }: { kind?: 'cv' | 'cover-letter'; title?: string } = {},
): TDocumentContent {
  const samples = createPluginSamples();
  const [ledger, tracker] = samples.portfolio.artifacts;
  const ids = { [ledger!.id]: artifacts.ledger.id, [tracker!.id]: artifacts.tracker.id };
  const link = {
    url: artifacts.ledger.evidenceUrl,
    label: 'Repository',
    evidenceId: artifacts.ledger.evidenceId,
    status: 'unchecked' as const,
  };
  if (kind === 'cover-letter') {
    return ZDocumentContent.parse({
      kind,
      title: title ?? 'Ada Example — cover letter',
      profile: samples.content.profile,
      sections: [
        {
          id: 'greeting',
          kind: 'greeting',
          heading: '',
          items: [{ id: 'hello', text: 'Dear hiring team,' }],
        },
        {
          id: 'body',
          kind: 'body',
          heading: '',
          items: [
            {
              id: 'why',
              text: 'I built a double-entry ledger in Go on PostgreSQL that records every card payment.',
              links: [link],
              sources: [{ artifactId: artifacts.ledger.id, evidenceIds: [artifacts.ledger.evidenceId] }],
            },
          ],
        },
        { id: 'closing', kind: 'closing', heading: '', items: [{ id: 'bye', text: 'Kind regards,\nAda' }] },
      ],
      meta: samples.content.meta,
    });
  }
  const content = structuredClone(samples.content);
  if (title !== undefined) content.title = title;
  for (const item of content.sections[0]!.items) {
    for (const source of item.sources) {
      const real = ids[source.artifactId]!;
      source.evidenceIds = real === artifacts.ledger.id ? [artifacts.ledger.evidenceId] : [];
      source.artifactId = real;
    }
    if (item.sources[0]?.artifactId === artifacts.ledger.id) item.links = [link];
  }
  return ZDocumentContent.parse(content);
}

/**
 * Inserts a document with version 1 (authored by the generator) for a user, the way a finished generation
 * leaves one: artifacts are created through the API unless given, the job description is parsed by the
 * pipeline's parser. Unsaved documents expire after the configured retention (90 days by default) unless `expiresAt` says otherwise.
 */
export async function createTestDocument(
  t: TestContext,
  user: TestUser,
  opts: {
    kind?: 'cv' | 'cover-letter';
    title?: string;
    saved?: boolean;
    expiresAt?: Date | null;
    artifacts?: TestArtifacts;
    withJobDescription?: boolean;
  } = {},
): Promise<TestDocument> {
  const artifacts = opts.artifacts ?? (await createTestArtifacts(t, user));
  const jobDescriptionId = opts.withJobDescription === false ? null : await createTestJobDescription(t, user);
  const content = buildTestContent(artifacts, { kind: opts.kind, title: opts.title });
  const em = t.services.orm.em.fork();
  const saved = opts.saved ?? false;
  const document = em.create(Document, {
    owner: user.userId,
    kind: content.kind,
    title: content.title.slice(0, 300),
    jobDescription: jobDescriptionId,
    jobDescriptionHash: createHash('sha256').update(createPluginSamples().parser.text!).digest('hex'),
    currentVersion: 1,
    saved,
    expiresAt: saved
      ? null
      : opts.expiresAt === undefined
        ? new Date(Date.now() + t.services.config.documentRetentionDays * DAY_MS)
        : opts.expiresAt,
  });
  em.create(DocumentVersion, {
    document,
    number: 1,
    content,
    atsReport: null,
    author: 'generator',
    generationId: null,
  });
  await em.flush();
  return { id: document.id, jobDescriptionId, artifacts, content };
}
