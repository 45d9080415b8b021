import {
  contentToText,
  getDefaultTaxonomy,
  type TPipelineArtifact,
  ZDocumentContent,
  ZPipelineArtifact,
} from '@dossier/core';
import { describe, expect, it } from 'vitest';
import { citedArtifacts, mustFeatureRecall, ndcgAtK, selectionRanking } from './artifact-selection.js';
import { markdownToText, withoutTarget } from './document-text.js';
import { evidenceCoverage } from './evidence-coverage.js';
import { findFabrications, groundingScore } from './grounding.js';
import { keywordCoverage } from './keyword-coverage.js';
import { countSyllables, fleschReadingEase } from './readability.js';
import { keywordWeightedOverlap, rougeL } from './similarity.js';

const taxonomy = getDefaultTaxonomy();

const artifact: TPipelineArtifact = ZPipelineArtifact.parse({
  id: 'a1',
  title: 'Card payment ledger',
  summary: 'Built a double-entry ledger service in Go on PostgreSQL.',
  role: 'Tech lead',
  startDate: '2024-01-01',
  endDate: null,
  technologies: ['Go', 'PostgreSQL', 'Kubernetes'],
  skills: ['go', 'postgresql', 'kubernetes'],
  outcomes: ['Reconciled 1.2M transactions a day'],
  evidence: [
    { id: 'e1', url: 'https://example.org/ledger', status: 'unchecked' },
    { id: 'e2', url: 'https://example.org/dead', status: 'broken' },
  ],
});

function content(
  items: Array<Record<string, unknown>>,
  kind: 'cv' | 'cover-letter' = 'cv',
  section = 'experience',
) {
  return ZDocumentContent.parse({
    kind,
    title: 'CV',
    profile: { name: 'Ana Okafor' },
    sections: [{ id: section, kind: section, heading: 'Experience', items }],
    meta: {
      generator: 'test',
      generatedAt: '2026-06-01T00:00:00Z',
      jobTitle: 'Senior Java Engineer',
      company: 'Acme Pay',
    },
  });
}

describe('keywordCoverage', () => {
  it('counts taxonomy aliases and reports what is missing', () => {
    const text = 'Ran services on k8s with Postgres and Go.';
    const r = keywordCoverage(text, ['Kubernetes', 'PostgreSQL', 'Go', 'Kafka'], taxonomy);
    expect(r.missing).toEqual(['Kafka']);
    expect(r.coverage).toBe(0.75);
  });

  it('does not take ordinary words for capitalised skill names', () => {
    expect(keywordCoverage('We go to the rust belt.', ['Go', 'Rust'], taxonomy).coverage).toBe(0);
    expect(keywordCoverage('anything', [], taxonomy).coverage).toBe(1);
  });
});

describe('artifact selection', () => {
  it('grades nDCG@5 by must-feature order', () => {
    expect(ndcgAtK(['a', 'b', 'c'], ['a', 'b', 'c'])).toBe(1);
    // Reversed: rel 1,2,3 at ranks 1..3 against the ideal 3,2,1.
    const dcg = 1 + 3 / Math.log2(3) + 7 / 2;
    const ideal = 7 + 3 / Math.log2(3) + 1 / 2;
    expect(ndcgAtK(['c', 'b', 'a'], ['a', 'b', 'c'])).toBeCloseTo(dcg / ideal, 10);
    expect(ndcgAtK(['x', 'y', 'z', 'w', 'v', 'a'], ['a'])).toBe(0);
    expect(ndcgAtK([], [])).toBe(1);
  });

  it('computes must-feature recall from cited artifacts and ranks by the matcher', () => {
    const doc = content([
      { id: 'i1', title: 'Card payment ledger', sources: [{ artifactId: 'a2' }] },
      { id: 'i2', title: 'Other', sources: [{ artifactId: 'a1' }, { artifactId: 'a2' }] },
    ]);
    expect(citedArtifacts(doc)).toEqual(['a2', 'a1']);
    expect(mustFeatureRecall(new Set(citedArtifacts(doc)), ['a1', 'a3'])).toBe(0.5);
    expect(selectionRanking(['a1', 'a9', 'a2'], ['a2', 'a1', 'a5'])).toEqual(['a1', 'a2', 'a5']);
  });
});

describe('similarity', () => {
  it('computes ROUGE-L F1 from the longest common subsequence', () => {
    // LCS("the cat sat on the mat", "the cat lay on the mat") = 5 of 6 words each way.
    expect(rougeL('the cat sat on the mat', 'the cat lay on the mat')).toBeCloseTo(5 / 6, 10);
    expect(rougeL('a b c d', 'd c b a')).toBeCloseTo(0.25, 10);
    expect(rougeL('', 'x')).toBe(0);
  });

  it('weighs the job keywords in the overlap', () => {
    const ref = 'Built Kafka pipelines for payments';
    const withKeyword = keywordWeightedOverlap('Kafka pipelines', ref, ['Kafka']);
    const withFiller = keywordWeightedOverlap('payments pipelines', ref, ['Kafka']);
    expect(withKeyword).toBeGreaterThan(withFiller);
    // Candidate terms {kafka(3), pipelines(1)}; reference {built, kafka(3), pipelines, payments}: P = 1, R = 4/6.
    expect(withKeyword).toBeCloseTo((2 * 1 * (4 / 6)) / (1 + 4 / 6), 10);
  });

  it('strips Markdown from references', () => {
    expect(markdownToText('# Title\n- **Go** and [site](https://x.y)\n').trim()).toBe('Title\nGo and site');
  });
});

describe('readability', () => {
  it('counts syllables and scores easy text higher than dense text', () => {
    expect(countSyllables('cat')).toBe(1);
    expect(countSyllables('reconciliation')).toBeGreaterThanOrEqual(5);
    const easy = fleschReadingEase(['The cat sat on the mat. It was warm.']);
    const hard = fleschReadingEase([
      'Comprehensive infrastructural modernisation necessitated organisational reconfiguration.',
    ]);
    expect(easy).toBeGreaterThan(90);
    expect(hard).toBeLessThan(0);
    expect(fleschReadingEase([])).toBe(0);
  });
});

describe('evidence coverage', () => {
  it('counts artifact items showing a link that is not broken or blocked', () => {
    const doc = content([
      {
        id: 'i1',
        sources: [{ artifactId: 'a1' }],
        links: [{ url: 'https://example.org/ledger', label: 'x', evidenceId: 'e1', status: 'unchecked' }],
      },
      {
        id: 'i2',
        sources: [{ artifactId: 'a1' }],
        links: [{ url: 'https://example.org/dead', label: 'x', evidenceId: 'e2', status: 'broken' }],
      },
      { id: 'i3', sources: [{ artifactId: 'a1' }] },
    ]);
    expect(evidenceCoverage(doc)).toBeCloseTo(1 / 3, 10);
    expect(
      evidenceCoverage(content([{ id: 's', text: 'Hi', sources: [{ artifactId: 'a1' }] }], 'cv', 'summary')),
    ).toBe(0);
  });
});

describe('grounding and fabrications', () => {
  it('finds nothing wrong in a document that says only what the artifact says', () => {
    const doc = content([
      {
        id: 'i1',
        title: 'Card payment ledger',
        bullets: [
          'Built a double-entry ledger service in Go on PostgreSQL.',
          'Reconciled 1.2M transactions a day',
        ],
        skills: ['Go', 'Kubernetes'],
        sources: [{ artifactId: 'a1', evidenceIds: ['e1'] }],
      },
    ]);
    expect(groundingScore(doc, [artifact], taxonomy).grounding).toBe(1);
    expect(findFabrications(doc, [artifact], taxonomy, ['Kafka', 'Java'])).toEqual([]);
  });

  it('flags invented skills, figures and must-not-claim terms, but not the role applied for', () => {
    const doc = content(
      [
        {
          id: 'i1',
          title: 'Card payment ledger',
          bullets: ['Reconciled 9.9M transactions a day with Kafka.'],
          sources: [{ artifactId: 'a1' }],
        },
        { id: 'i2', text: 'I am applying for the Senior Java Engineer role at Acme Pay.', sources: [] },
      ],
      'cover-letter',
      'body',
    );
    const fabricated = findFabrications(doc, [artifact], taxonomy, ['Kafka', 'Java']);
    expect(fabricated.some((f) => f.startsWith('number:'))).toBe(true);
    expect(fabricated.some((f) => f.startsWith('skill:') && /kafka/i.test(f))).toBe(true);
    expect(fabricated).toContain('must not claim: Kafka');
    expect(fabricated).not.toContain('must not claim: Java');
    const g = groundingScore(doc, [artifact], taxonomy);
    expect(g.grounding).toBe(0);
    expect(g.violations.length).toBeGreaterThan(0);
  });

  it('counts a quoted requirement as a claim; not longer skill names the portfolio has, nor sentence breaks', () => {
    const netsuite = ZPipelineArtifact.parse({
      id: 'a2',
      title: 'Month-end close',
      summary: 'Closed the books at Scioto Medical Center in NetSuite.',
      startDate: '2023-01-01',
      technologies: ['NetSuite'],
      skills: [taxonomy.normalize('NetSuite')!.id],
    });
    const doc = content(
      [
        {
          id: 'i1',
          text: 'I closed the books at Scioto Medical Center. In that work I used Oracle NetSuite. This maps directly to your requirement for experience with CPQ (Salesforce CPQ or DealHub).',
          skills: ['Oracle NetSuite'],
          sources: [{ artifactId: 'a2' }],
        },
      ],
      'cover-letter',
      'body',
    );
    expect(findFabrications(doc, [netsuite], taxonomy, ['Oracle', 'DealHub'])).toEqual([
      expect.stringMatching(/^skill: .*Salesforce/),
      'must not claim: DealHub',
    ]);
    // "Oracle" is only part of "Oracle NetSuite", which the portfolio has.
    expect(findFabrications(doc, [netsuite], taxonomy, ['Oracle'])).not.toContain('must not claim: Oracle');
  });

  it('blanks out the job title and company', () => {
    expect(
      withoutTarget('the Senior Java Engineer role at Acme Pay', 'Senior Java Engineer', 'Acme Pay'),
    ).not.toMatch(/Java|Acme/);
    expect(contentToText(content([{ id: 'i', title: 'T', bullets: ['b'], sources: [] }]))).toContain(
      'Experience',
    );
  });
});
