import type { AtsCheckerHandler } from '@dossier/core/plugins';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildBadCv,
  buildSampleArtifacts,
  buildSampleCv,
  buildSampleJob,
  buildSampleLetter,
  createTestContext,
  createTestDeps,
} from '../test-support/sample-content.js';
import { keywordCoverageChecker } from './keyword-coverage-checker.js';

let checker: AtsCheckerHandler;
const unusedRender = () => Promise.reject(new Error('keyword coverage renders nothing'));

beforeAll(async () => {
  checker = (await keywordCoverageChecker.create({}, createTestDeps())) as AtsCheckerHandler;
});

const check = (content = buildSampleCv(), artifacts = buildSampleArtifacts()) =>
  checker.check({ content, job: buildSampleJob(), artifacts, render: unusedRender }, createTestContext());

describe('keyword-coverage', () => {
  it('passes the sample CV and lists covered, missing and unsupported terms', async () => {
    const result = await check();
    expect(checker.weight).toBe(0.45);
    expect(result.passed).toBe(true);
    expect(result.score).toBe(100);
    expect(result.details).toMatchObject({
      coverage: 0.875,
      covered: ['TypeScript', 'Node.js', 'PostgreSQL', 'Kubernetes', 'AWS', 'Terraform', 'CI/CD'],
      missing: ['Apache Kafka'],
      missingPortfolioHasIt: [{ term: 'Apache Kafka', artifactIds: ['art-events'] }],
      notInPortfolio: ['GraphQL', 'AWS Certified Solutions Architect'],
    });
    // Low-weight optional skills (Redis 0.3, Rust 0.2) are not critical.
    expect(result.details.critical).not.toContain('Rust');
  });

  it('reports unsupported terms as information, not against the score', async () => {
    const result = await check();
    const graphql = result.findings.find((f) => f.message.includes('GraphQL'))!;
    expect(graphql).toMatchObject({ ruleId: 'keyword-coverage/not-in-portfolio', severity: 'info' });
    expect(graphql.message).toContain('missing — not in your portfolio');
    const kafka = result.findings.find((f) => f.message.includes('Apache Kafka'))!;
    expect(kafka).toMatchObject({ ruleId: 'keyword-coverage/missing', severity: 'warning' });
    expect(kafka.fix).toContain('art-events');
  });

  it('fails a CV without the job keywords, naming each missing required skill', async () => {
    const result = await check(buildBadCv());
    expect(result.passed).toBe(false);
    expect(result.score).toBe(0);
    const required = result.findings.filter((f) => f.ruleId === 'keyword-coverage/missing-required');
    expect(required.map((f) => f.message.split(' ')[0])).toEqual([
      'TypeScript',
      'Node.js',
      'PostgreSQL',
      'Kubernetes',
    ]);
    for (const finding of result.findings) expect(finding.fix.length).toBeGreaterThan(10);
  });

  it('holds a cover letter to a lower target', async () => {
    const result = await check(buildSampleLetter());
    expect(result.details).toMatchObject({
      coverage: 0.75,
      target: 0.6,
      missing: ['Kubernetes', 'Apache Kafka'],
    });
    expect(result.passed).toBe(true);
  });

  it('scales the score with coverage below the target', async () => {
    const cv = buildSampleCv();
    // Drop Kubernetes, Terraform and AWS everywhere: 4 of 8 supported terms left.
    const strip = (s: string) => s.replace(/Kubernetes|Terraform|AWS/g, 'servers');
    for (const section of cv.sections) {
      for (const item of section.items) {
        item.bullets = item.bullets.map(strip);
        item.skills = item.skills.filter((skill) => strip(skill) === skill);
        if (item.text) item.text = strip(item.text);
      }
    }
    const result = await check(cv);
    expect(result.details.coverage).toBe(0.5);
    expect(result.score).toBe(Math.round((0.5 / 0.85) * 100));
    expect(result.passed).toBe(false);
  });
});
