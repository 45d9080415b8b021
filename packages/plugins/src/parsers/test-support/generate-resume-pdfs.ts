import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');
// pdfkit shapes "fi"/"fl" into ligature glyphs by default; resumes must keep plain letters.
const PLAIN = { features: { liga: false, clig: false } as unknown as [] };

function collect(doc: PDFKit.PDFDocument): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    doc.end();
  });
}

export const TWO_COLUMN_RESUME = {
  name: 'Zoë Dvořák-Łukasiewicz',
  headline: 'Staff Backend Engineer',
  email: 'zoe.dvorak@example.dev',
  github: 'https://github.com/zoe-dvorak',
  experience: [
    {
      role: 'Staff Backend Engineer',
      org: 'Quayside Payments',
      dates: 'Mar 2021 – Present',
      start: '2021-03',
      end: null,
    },
    {
      role: 'Backend Engineer',
      org: 'Parcelwise',
      dates: 'Jan 2017 – Feb 2021',
      start: '2017-01',
      end: '2021-02',
    },
  ],
  project: { title: 'ledgerkit', url: 'https://github.com/zoe-dvorak/ledgerkit', start: '2022', end: '2024' },
} as const;

/**
 * A two-column resume: a full-width name and headline, a sidebar (contact, skills, education, languages) and a
 * main column (summary, experience, projects), so the parser must find the gutter and read each column whole.
 */
export async function generateTwoColumnPdf(): Promise<Uint8Array> {
  const r = TWO_COLUMN_RESUME;
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: 36,
    info: { Title: 'Resume', CreationDate: new Date(0) },
  });
  doc.registerFont('body', FONT);
  doc.registerFont('bold', FONT_BOLD);
  doc
    .font('bold')
    .fontSize(24)
    .text(r.name, 36, 40, { ...PLAIN });
  doc
    .font('body')
    .fontSize(13)
    .text(r.headline, 36, 72, { ...PLAIN });

  const side = { x: 36, width: 160 };
  let y = 110;
  const sideHeading = (text: string) => {
    doc
      .font('bold')
      .fontSize(13)
      .text(text, side.x, y, { width: side.width, ...PLAIN });
    y += 20;
  };
  const sideLine = (text: string, link?: string) => {
    doc
      .font('body')
      .fontSize(9.5)
      .text(text, side.x, y, { width: side.width, ...PLAIN, ...(link ? { link } : {}) });
    y += 14;
  };
  sideHeading('Contact');
  sideLine(r.email);
  sideLine('+49 30 5550 1234');
  sideLine('github.com/zoe-dvorak', r.github);
  sideLine('Berlin, Germany');
  y += 10;
  sideHeading('Skills');
  for (const line of [
    'Go, Python, SQL',
    'PostgreSQL, Kafka',
    'Kubernetes, Terraform',
    'AWS, Grafana',
    'Event sourcing',
    'Distributed systems',
    'Code review culture',
  ])
    sideLine(line);
  y += 10;
  sideHeading('Education');
  sideLine('M.Sc. in Computer Science');
  sideLine('Technische Universität Berlin');
  sideLine('2014 – 2016');
  y += 10;
  sideHeading('Languages');
  for (const line of ['English (fluent)', 'German (fluent)', 'Czech (native)', 'Polish (basic)'])
    sideLine(line);
  y += 10;
  sideHeading('Interests');
  for (const line of ['Bouldering and alpine hiking', 'Analogue photography', 'Board game design'])
    sideLine(line);

  const main = { x: 226, width: 350 };
  let my = 110;
  const heading = (text: string) => {
    doc
      .font('bold')
      .fontSize(13)
      .text(text, main.x, my, { width: main.width, ...PLAIN });
    my += 20;
  };
  const paragraph = (text: string, font = 'body', size = 10) => {
    doc
      .font(font)
      .fontSize(size)
      .text(text, main.x, my, { width: main.width, ...PLAIN });
    my = doc.y + 3;
  };
  const bullet = (text: string) => {
    doc
      .font('body')
      .fontSize(10)
      .text('•', main.x, my, { ...PLAIN });
    doc.text(text, main.x + 12, my, { width: main.width - 12, ...PLAIN });
    my = doc.y + 2;
  };
  heading('Summary');
  paragraph(
    'Backend engineer with nine years of experience building payment and logistics systems. I like boring technology, clear runbooks and small pull requests that are easy to review.',
  );
  my += 8;
  heading('Experience');
  const [first, second] = r.experience;
  paragraph(`${first.role} — ${first.org}`, 'bold', 10.5);
  paragraph(first.dates);
  bullet(
    'Cut settlement batch time from four hours to twenty-five minutes by moving reconciliation to streaming Kafka consumers written in Go.',
  );
  bullet(
    'Designed the idempotency layer that removed duplicate payouts; no duplicate payout incidents in eighteen months.',
  );
  bullet('Mentored four engineers, two of whom were promoted to senior.');
  my += 6;
  paragraph(`${second.role} — ${second.org}`, 'bold', 10.5);
  paragraph(second.dates);
  bullet('Built the route pricing API in Python, serving three thousand requests per second at peak.');
  bullet('Introduced contract tests that caught more than forty breaking changes before release.');
  my += 8;
  heading('Projects');
  doc
    .font('bold')
    .fontSize(10.5)
    .text(r.project.title, main.x, my, { width: main.width, link: r.project.url, ...PLAIN });
  my = doc.y + 3;
  paragraph(`${r.project.start} – ${r.project.end}`);
  bullet('An open-source double-entry bookkeeping library for Go with property-based tests.');
  bullet('Used in production by three small companies; 1,200 stars on GitHub.');
  return collect(doc);
}

/** A short resume encrypted with a user password: it cannot be opened without one. */
export async function generateEncryptedPdf(): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: 'LETTER',
    userPassword: 'open-sesame',
    ownerPassword: 'owner-secret',
    pdfVersion: '1.7',
    info: { CreationDate: new Date(0) },
  });
  doc.registerFont('body', FONT);
  doc
    .font('body')
    .fontSize(12)
    .text('Zoë Dvořák — Staff Backend Engineer', { ...PLAIN });
  return collect(doc);
}
