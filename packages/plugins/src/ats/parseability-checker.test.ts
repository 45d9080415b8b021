import { createRequire } from 'node:module';
import type { TDocumentContent } from '@dossier/core';
import type { AtsCheckerHandler, ExportOutput } from '@dossier/core/plugins';
import PDFDocument from 'pdfkit';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildSampleArtifacts,
  buildSampleCv,
  buildSampleJob,
  buildSampleLetter,
  createTestContext,
  createTestDeps,
  createTestRenderer,
} from '../test-support/sample-content.js';
import { parseabilityChecker } from './parseability-checker.js';

let checker: AtsCheckerHandler;
beforeAll(async () => {
  checker = (await parseabilityChecker.create({}, createTestDeps())) as AtsCheckerHandler;
});

const check = (content: TDocumentContent, render: (format: string) => Promise<ExportOutput>) =>
  checker.check(
    { content, job: buildSampleJob(), artifacts: buildSampleArtifacts(), render },
    createTestContext(),
  );

/**
 * A careless PDF writer: pdfkit defaults (ligatures on), sections in reverse order, the e-mail and the
 * Kubernetes bullet left out.
 */
async function carelessPdf(content: TDocumentContent): Promise<ExportOutput> {
  const require = createRequire(import.meta.url);
  const doc = new PDFDocument({ info: { CreationDate: new Date(0) } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => doc.on('end', resolve));
  doc.font(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
  doc.text(content.profile.name);
  for (const section of [...content.sections].reverse()) {
    doc.text(section.heading);
    for (const item of section.items) {
      for (const line of [item.title, item.text, ...item.bullets, item.skills.join(', ')]) {
        if (line && !line.includes('Kubernetes')) doc.text(line);
      }
    }
  }
  doc.end();
  await ended;
  return { bytes: new Uint8Array(Buffer.concat(chunks)), mediaType: 'application/pdf', extension: 'pdf' };
}

describe('parseability', () => {
  it('reads back contact details, headings in order and every critical keyword from PDF and DOCX', async () => {
    const content = buildSampleCv();
    const { render } = await createTestRenderer(content);
    const result = await check(content, render);
    expect(checker.weight).toBe(0.35);
    expect(result).toMatchObject({ score: 100, passed: true, findings: [] });
    expect(result.details).toMatchObject({ formats: { pdf: 100, docx: 100 } });
    expect(result.details.criticalTermsChecked).toEqual(
      expect.arrayContaining(['TypeScript', 'Node.js', 'PostgreSQL', 'Kubernetes', 'CI/CD']),
    );
  });

  it('passes a cover letter, which has no headings to find', async () => {
    const content = buildSampleLetter();
    const { render } = await createTestRenderer(content);
    expect((await check(content, render)).passed).toBe(true);
  });

  it('fails a careless rendering with a finding and a fix for each problem', async () => {
    const content = buildSampleCv();
    const { render: good } = await createTestRenderer(content);
    const render = (format: string) =>
      format === 'pdf' ? carelessPdf(content) : Promise.reject(new Error('no exporter for format "docx"'));
    const result = await check(content, render);
    expect(result.passed).toBe(false);
    expect(result.details.formats).toMatchObject({ docx: 0 });
    const rules = result.findings.map((f) => f.ruleId);
    expect(rules).toEqual(
      expect.arrayContaining([
        'parseability/render-failed',
        'parseability/name',
        'parseability/email',
        'parseability/reading-order',
        'parseability/keywords',
        'parseability/ligatures',
        'parseability/replacement-characters',
      ]),
    );
    expect(result.findings.find((f) => f.ruleId === 'parseability/keywords')!.message).toContain(
      'Kubernetes',
    );
    for (const finding of result.findings) expect(finding.fix.length).toBeGreaterThan(10);
    // The same content through the real exporters passes, so the failures come from the rendering.
    expect((await check(content, good)).passed).toBe(true);
  });
});
