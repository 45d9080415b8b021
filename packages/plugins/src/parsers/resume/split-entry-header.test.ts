import { describe, expect, it } from 'vitest';
import { classifyResumeHeading } from './classify-resume-heading.js';
import { splitEducationHeader, splitEntryHeader } from './split-entry-header.js';

describe('splitEntryHeader', () => {
  it.each([
    [['Nexus AI, Co-Founder & CTO'], 'Co-Founder & CTO', 'Nexus AI'],
    [['Co-Founder & CTO, Nexus AI – San Francisco, CA'], 'Co-Founder & CTO', 'Nexus AI'],
    [['Nexus AI – San Francisco, CA', 'Co-Founder & CTO'], 'Co-Founder & CTO', 'Nexus AI'],
    [['Research Intern', 'NVIDIA Research'], 'Research Intern', 'NVIDIA Research'],
    [
      ['Full Stack Java Developer, ABC Company, Inc., Anywhere, USA'],
      'Full Stack Java Developer',
      'ABC Company, Inc.',
    ],
    [['Product Manager, Google, Mountain View, CA, USA'], 'Product Manager', 'Google'],
    [['Backend Engineer at Parcelwise'], 'Backend Engineer', 'Parcelwise'],
    [['Chief Tinkerer — Quayside'], 'Chief Tinkerer', 'Quayside'],
  ])('%j → role %s, organisation %s', (lines, role, organization) => {
    expect(splitEntryHeader(lines, 'experience')).toMatchObject({
      role,
      organization,
      title: `${role} at ${organization}`,
    });
  });

  it('keeps a project or paper title whole', () => {
    expect(
      splitEntryHeader(['Sparse Mixture-of-Experts at Scale: Efficient Routing, Revisited'], 'publications')
        .title,
    ).toBe('Sparse Mixture-of-Experts at Scale: Efficient Routing, Revisited');
    expect(splitEntryHeader(['ledgerkit — Open Source'], 'projects')).toMatchObject({
      title: 'ledgerkit',
      organization: 'Open Source',
    });
  });
});

describe('splitEducationHeader', () => {
  it.each([
    [['PhD Princeton University, Computer Science'], 'Princeton University', 'PhD', 'Computer Science'],
    [
      ['Princeton University, PhD in Computer Science – Princeton, NJ'],
      'Princeton University',
      'PhD',
      'Computer Science',
    ],
    [['BS | Boğaziçi University, Computer Engineering'], 'Boğaziçi University', 'BS', 'Computer Engineering'],
    [
      ['Master of Business Administration, Stanford University, Stanford, CA, USA'],
      'Stanford University',
      'Master of Business Administration',
      null,
    ],
    [
      ['Bachelor of Science in Computer Science, State University, Anywhere, USA'],
      'State University',
      'Bachelor of Science',
      'Computer Science',
    ],
    [
      ['B.Tech, Computer Science and Engineering, Indian Institute of Technology'],
      'Indian Institute of Technology',
      'B.Tech',
      'Computer Science and Engineering',
    ],
  ])('%j', (lines, institution, studyType, area) => {
    expect(splitEducationHeader(lines)).toEqual({ institution, studyType, area });
  });
});

describe('classifyResumeHeading', () => {
  it.each([
    ['WORK EXPERIENCE', 'experience'],
    ['Berufserfahrung', 'experience'],
    ['Projects & Open Source', 'projects'],
    ['Selected Honors', 'awards'],
    ['Licenses & Certifications', 'certifications'],
    ['Invited Talks', 'talks'],
    ['Welcome to RenderCV', 'other'],
  ])('%s → %s', (heading, kind) => {
    expect(classifyResumeHeading(heading)).toBe(kind);
  });
});
