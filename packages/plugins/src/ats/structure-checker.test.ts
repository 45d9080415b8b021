import type { AtsCheckerHandler } from '@dossier/core/plugins';
import { describe, expect, it } from 'vitest';
import {
  buildBadCv,
  buildSampleArtifacts,
  buildSampleCv,
  buildSampleJob,
  buildSampleLetter,
  createTestContext,
  createTestDeps,
  createTestRenderer,
} from '../test-support/sample-content.js';
import { checkContentStructure, structureChecker } from './structure-checker.js';

async function check(content = buildSampleCv(), options = {}) {
  const checker = (await structureChecker.create(options, createTestDeps())) as AtsCheckerHandler;
  const { render } = await createTestRenderer(content);
  const input = { content, job: buildSampleJob(), artifacts: buildSampleArtifacts(), render };
  return checker.check(input, createTestContext());
}

describe('structure', () => {
  it('passes the sample CV and letter, measuring the PDF page count', async () => {
    const cv = await check();
    expect(cv).toMatchObject({ score: 100, passed: true, findings: [] });
    expect(cv.details.pageCount).toBe(1);
    const letter = await check(buildSampleLetter());
    expect(letter.passed).toBe(true);
    expect(letter.findings).toEqual([]);
  });

  it('fails a badly structured CV with a specific finding and fix for each problem', async () => {
    const result = await check(buildBadCv());
    expect(result.passed).toBe(false);
    const rules = result.findings.map((f) => `${f.ruleId}@${f.ref ?? ''}`);
    expect(rules).toEqual(
      expect.arrayContaining([
        'structure/missing-heading@sec-story',
        'structure/non-standard-heading@sec-journey',
        'structure/empty-section@sec-empty',
        'structure/long-bullet@it-bakery',
        'structure/short-bullet@it-bakery',
        'structure/unparseable-date@it-bakery',
        'structure/mixed-date-formats@',
        'structure/no-skills@',
        'structure/missing-email@',
      ]),
    );
    const heading = result.findings.find((f) => f.ruleId === 'structure/non-standard-heading')!;
    expect(heading.message).toContain('My Journey');
    expect(heading.fix).toContain('Experience');
    for (const finding of result.findings) expect(finding.fix).toMatch(/\w+ \w+/);
  });

  it('flags a CV over two pages and a letter over one', () => {
    expect(checkContentStructure(buildSampleCv(), 3).map((f) => f.ruleId)).toContain(
      'structure/too-many-pages',
    );
    expect(checkContentStructure(buildSampleCv(), 2)).toEqual([]);
    expect(checkContentStructure(buildSampleLetter(), 2).map((f) => f.ruleId)).toEqual([
      'structure/too-many-pages',
    ]);
  });

  it('reports an unknown page count when no PDF exporter is available', async () => {
    const checker = (await structureChecker.create({}, createTestDeps())) as AtsCheckerHandler;
    const content = buildSampleCv();
    const render = () => Promise.reject(new Error('no exporter for format "pdf"'));
    const result = await checker.check(
      { content, job: buildSampleJob(), artifacts: [], render },
      createTestContext(),
    );
    expect(result.findings.map((f) => f.ruleId)).toEqual(['structure/page-count-unknown']);
    expect(result.passed).toBe(true);
  });
});
