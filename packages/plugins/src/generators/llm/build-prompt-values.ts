import type { GenerateInput, GenerateOptions, RankedArtifact } from '@dossier/core';

const LENGTH_GUIDE: Record<'cv' | 'cover-letter', Record<GenerateOptions['length'], string>> = {
  cv: {
    short: 'Keep it to one page: at most two bullets per entry.',
    standard: 'Aim for one to two pages: two or three bullets per entry.',
    long: 'Up to two pages: three or four bullets per entry where the artifact has that much to say.',
  },
  'cover-letter': {
    short: 'Keep it under 180 words.',
    standard: 'Aim for 250 to 330 words.',
    long: 'Aim for 380 to 450 words.',
  },
};

const SUMMARY_LENGTH: Record<GenerateOptions['length'], string> = {
  short: 'one or two sentences',
  standard: 'two or three sentences',
  long: 'three or four sentences',
};

const PARAGRAPHS: Record<GenerateOptions['length'], string> = {
  short: 'two',
  standard: 'three',
  long: 'four',
};

// Long job texts add tokens, not signal: the parsed requirements carry what the model needs.
const MAX_LIST = 12;

const round = (n: number) => Math.round(n * 100) / 100;

function jobView(input: GenerateInput) {
  const { job } = input;
  return {
    title: job.title,
    company: job.company,
    seniority: job.seniority,
    location: job.location,
    skills: [...job.skills]
      .sort((a, b) => b.weight - a.weight)
      .slice(0, 20)
      .map((s) => ({ name: s.name, weight: round(s.weight), required: s.required })),
    mustHave: job.requirements.mustHave.slice(0, MAX_LIST),
    niceToHave: job.requirements.niceToHave.slice(0, MAX_LIST),
    responsibilities: job.responsibilities.slice(0, MAX_LIST),
    keywords: [...job.keywords]
      .sort((a, b) => b.weight - a.weight)
      .slice(0, MAX_LIST)
      .map((k) => k.term),
  };
}

function artifactView(ranked: RankedArtifact) {
  const a = ranked.artifact;
  return {
    id: a.id,
    title: a.title,
    role: a.role,
    organization: a.organization,
    startDate: a.startDate,
    endDate: a.endDate,
    summary: a.summary,
    technologies: a.technologies,
    skills: a.skills,
    outcomes: a.outcomes,
    collaborators: a.collaborators.length,
    evidence: a.evidence.map((e) => ({ id: e.id, kind: e.kind, title: e.title, status: e.status })),
    relevance: round(ranked.score),
    matchedSkills: ranked.matchedSkills,
  };
}

/** The artifacts the document may feature: the best-ranked ones, as many as the options allow. */
export function selectArtifacts(input: GenerateInput): RankedArtifact[] {
  return input.ranked.slice(0, Math.max(1, input.options.maxArtifacts));
}

/**
 * Values for the prompt's placeholders: the job, the profile and the chosen artifacts as compact JSON with ids
 * (indentation would cost about a sixth more tokens for nothing the model needs).
 */
export function buildPromptValues(input: GenerateInput, selected: RankedArtifact[]): Record<string, string> {
  const { profile, options } = input;
  return {
    tone: options.tone,
    length: options.length,
    lengthGuide: LENGTH_GUIDE[input.kind][options.length],
    summaryLength: SUMMARY_LENGTH[options.length],
    paragraphs: PARAGRAPHS[options.length],
    job: JSON.stringify(jobView(input)),
    profile: JSON.stringify({
      name: profile.name,
      headline: profile.headline,
      location: profile.location,
      education: profile.education,
    }),
    artifacts: JSON.stringify(selected.map(artifactView)),
  };
}
