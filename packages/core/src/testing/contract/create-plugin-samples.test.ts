import { describe, expect, it } from 'vitest';
import { ZDocumentContent } from '../../domain/document-content.js';
import { ZParsedJob } from '../../domain/job-description.js';
import { checkGrounding } from '../../grounding/check-grounding.js';
import { getDefaultTaxonomy } from '../../taxonomy/default-taxonomy.js';
import { createPluginSamples } from './create-plugin-samples.js';

describe('createPluginSamples', () => {
  it('gives valid, grounded sample data', () => {
    const samples = createPluginSamples();
    expect(ZParsedJob.parse(samples.job)).toEqual(samples.job);
    expect(ZDocumentContent.parse(samples.content)).toEqual(samples.content);
    const { portfolio, content } = samples;
    const grounded = checkGrounding(content, portfolio.artifacts, getDefaultTaxonomy(), portfolio.profile);
    expect(grounded.violations).toEqual([]);
    expect(grounded.content).toEqual(content);
    expect(samples.generator.ranked.map((r) => r.artifact.id)).toEqual([
      'art-ledger',
      'art-tracker',
      'art-talk',
    ]);
  });

  it('returns fresh objects on every call', () => {
    const a = createPluginSamples();
    a.matcher.artifacts.pop();
    expect(createPluginSamples().matcher.artifacts).toHaveLength(3);
  });
});
