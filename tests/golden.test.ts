import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { detectEvidenceKind, type Portfolio } from '@dossier/core';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { CAREER_STAGES, GOLDEN_FIELDS } from '../packages/api/src/eval/types.js';

// The golden evaluation set is data that the gate trusts: these checks keep it well-formed (JSON Schema),
// internally consistent (every reference resolves) and honest (every critical keyword is something the persona
// can show; no forbidden claim is in the portfolio or the reference documents).
// GOLDEN_DIR points the checks at another copy of the set (for example a merge being prepared).
const GOLDEN = path.resolve(process.env.GOLDEN_DIR ?? path.join(import.meta.dirname, '..', 'golden'));

// The set is written in two halves; GOLDEN_PARTIAL=1 checks one half against half the totals.
const PARTIAL = process.env.GOLDEN_PARTIAL === '1';
const MIN = PARTIAL
  ? { personas: 6, personaFields: 6, cases: 60, withReferences: 15, jobFields: 6 }
  : { personas: 12, personaFields: 10, cases: 120, withReferences: 30, jobFields: 10 };

interface Persona {
  id: string;
  field: string;
  stage: string;
  portfolio: Portfolio;
}
interface Case {
  id: string;
  persona: string;
  job: string;
  field: string;
  criticalKeywords: string[];
  mustFeature: string[];
  mustNotClaim: string[];
  reference?: { cv: string; coverLetter: string };
  source?: string;
}

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));
const jsonFiles = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => name.endsWith('.json'))
        .sort()
    : [];
const words = (text: string): number => text.split(/\s+/).filter(Boolean).length;

/** Case-insensitive whole-term match: the term is not directly preceded or followed by a letter or digit. */
function mentions(text: string, term: string): boolean {
  const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu').test(text);
}

/** Where a critical keyword may be supported: technologies, summaries, outcomes and labels' skill focus. */
function supportText(p: Portfolio): string {
  return [
    ...p.artifacts.flatMap((a) => [...a.technologies, a.summary, ...a.outcomes]),
    ...p.labels.flatMap((l) => l.skillFocus ?? []),
  ].join('\n');
}

/** Every string anywhere in the portfolio: what a forbidden claim must not match. */
function allText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(allText).join('\n');
  if (value && typeof value === 'object') return Object.values(value).map(allText).join('\n');
  return '';
}

const ajv = new Ajv2020({ strict: true, allErrors: true });
const personaSchema = readJson(path.join(GOLDEN, 'schema', 'persona.schema.json')) as Record<string, unknown>;
const casesSchema = readJson(path.join(GOLDEN, 'schema', 'cases.schema.json')) as Record<string, unknown>;
const validatePersona = ajv.compile(personaSchema);
const validateCases = ajv.compile(casesSchema);
const errorsOf = (validate: ValidateFunction): string =>
  ajv.errorsText(validate.errors, { separator: '\n', dataVar: '' });

const personaFiles = jsonFiles(path.join(GOLDEN, 'personas'));
const personas = new Map<string, Persona>();
for (const name of personaFiles) {
  const data = readJson(path.join(GOLDEN, 'personas', name)) as Persona;
  personas.set(name.replace(/\.json$/, ''), data);
}

const jobs = new Map<string, { field: string; file: string; text: string }>();
const duplicateJobs: string[] = [];
const jobsDir = path.join(GOLDEN, 'jobs');
const jobFolders = existsSync(jobsDir)
  ? readdirSync(jobsDir).filter((name) => statSync(path.join(jobsDir, name)).isDirectory())
  : [];
for (const field of jobFolders) {
  for (const name of readdirSync(path.join(jobsDir, field)).filter((n) => n.endsWith('.md'))) {
    const id = name.replace(/\.md$/, '');
    if (jobs.has(id)) duplicateJobs.push(id);
    const file = path.join(jobsDir, field, name);
    jobs.set(id, { field, file, text: readFileSync(file, 'utf8') });
  }
}

const caseFiles = jsonFiles(path.join(GOLDEN, 'cases'));
const caseDocs = caseFiles.map((name) => ({
  name,
  data: readJson(path.join(GOLDEN, 'cases', name)) as { cases: Case[] },
}));
const cases: Case[] = caseDocs.flatMap((doc) => (Array.isArray(doc.data?.cases) ? doc.data.cases : []));

describe('golden schemas', () => {
  it('use the field and career-stage lists of the evaluation types', () => {
    const props = personaSchema.properties as { field: { enum: string[] }; stage: { enum: string[] } };
    expect(props.field.enum).toEqual([...GOLDEN_FIELDS]);
    expect(props.stage.enum).toEqual([...CAREER_STAGES]);
    const defs = casesSchema.$defs as { case: { properties: { field: { enum: string[] } } } };
    expect(defs.case.properties.field.enum).toEqual([...GOLDEN_FIELDS]);
  });

  it('reject a persona with an unknown field, a missing artifact id and an extra property', () => {
    const sample = personas.values().next().value as Persona;
    const broken = structuredClone(sample) as unknown as Record<string, unknown> & Persona;
    broken.field = 'astrology';
    delete (broken.portfolio.artifacts[0] as { id?: string }).id;
    broken.extra = true;
    expect(validatePersona(broken)).toBe(false);
    const paths = (validatePersona.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`);
    expect(paths).toContain('/field enum');
    expect(paths).toContain('/portfolio/artifacts/0 required');
    expect(paths).toContain(' additionalProperties');
  });

  it('reject a case with too few keywords, a malformed id and a reference outside references/', () => {
    const bad = {
      cases: [
        {
          id: 'Bad Id',
          persona: 'software-priya',
          job: 'software-backend-fintech',
          field: 'software',
          criticalKeywords: ['Kotlin'],
          mustFeature: ['sw-a1', 'sw-a2'],
          mustNotClaim: ['Rust', 'Stripe', 'Scala'],
          reference: { cv: '../cv.md', coverLetter: 'references/x/cover-letter.md' },
        },
      ],
    };
    expect(validateCases(bad)).toBe(false);
    const paths = (validateCases.errors ?? []).map((e) => e.instancePath);
    expect(paths).toEqual(
      expect.arrayContaining(['/cases/0/id', '/cases/0/criticalKeywords', '/cases/0/reference/cv']),
    );
  });
});

describe('golden personas', () => {
  it.each(personaFiles)('%s matches the persona schema', (name) => {
    const data = personas.get(name.replace(/\.json$/, ''));
    const ok = validatePersona(data);
    expect(ok ? '' : errorsOf(validatePersona)).toBe('');
  });

  it.each(personaFiles)('%s is internally consistent', (name) => {
    const id = name.replace(/\.json$/, '');
    const persona = personas.get(id) as Persona;
    expect(persona.id).toBe(id);
    expect(id.startsWith(`${persona.field}-`)).toBe(true);
    const p = persona.portfolio;
    const artifactIds = p.artifacts.map((a) => a.id);
    expect(new Set(artifactIds).size).toBe(artifactIds.length);
    const evidenceIds = p.artifacts.flatMap((a) => a.evidence.map((e) => e.id));
    expect(new Set(evidenceIds).size).toBe(evidenceIds.length);
    const labelNames = new Set(p.labels.map((l) => l.name));
    expect(labelNames.size).toBe(p.labels.length);
    const exported = p.exportedAt.slice(0, 10);
    for (const a of p.artifacts) {
      for (const l of a.labels ?? []) expect(labelNames, `${a.id} label ${l.name}`).toContain(l.name);
      for (const e of a.evidence)
        expect(`${e.url} → ${e.kind}`).toBe(`${e.url} → ${detectEvidenceKind(e.url)}`);
      expect(a.startDate <= exported, `${a.id} starts after the export`).toBe(true);
      if (a.endDate) {
        expect(a.startDate <= a.endDate, `${a.id} ends before it starts`).toBe(true);
        expect(a.endDate <= exported, `${a.id} ends after the export`).toBe(true);
      }
    }
  });

  it('cover enough fields and every career stage', () => {
    const all = [...personas.values()];
    expect(all.length).toBeGreaterThanOrEqual(MIN.personas);
    expect(new Set(all.map((p) => p.field)).size).toBeGreaterThanOrEqual(MIN.personaFields);
    const stages = new Set(all.map((p) => p.stage));
    if (PARTIAL) expect(stages.size).toBeGreaterThanOrEqual(3);
    else expect(stages).toEqual(new Set(CAREER_STAGES));
  });
});

describe('golden jobs', () => {
  it('are unique across fields, filed under a known field, and named after it', () => {
    expect(duplicateJobs).toEqual([]);
    expect(jobs.size).toBeGreaterThan(0);
    for (const folder of jobFolders) expect(GOLDEN_FIELDS as readonly string[]).toContain(folder);
    for (const [id, job] of jobs) {
      expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)+$/);
      expect(id.startsWith(`${job.field}-`), id).toBe(true);
    }
    expect(jobFolders.length).toBeGreaterThanOrEqual(MIN.jobFields);
  });

  it('open with "# Title — Company" and read like a posting (200–350 words)', () => {
    for (const [id, job] of jobs) {
      const first = job.text.split('\n', 1)[0];
      expect(first, id).toMatch(/^# \S.* — \S.*$/);
      const n = words(job.text);
      expect(n >= 200 && n <= 350, `${id} has ${n} words`).toBe(true);
    }
  });
});

describe('golden cases', () => {
  it.each(caseFiles)('%s matches the cases schema and belongs to its persona', (name) => {
    const doc = caseDocs.find((d) => d.name === name);
    const ok = validateCases(doc?.data);
    expect(ok ? '' : errorsOf(validateCases)).toBe('');
    const personaId = name.replace(/\.json$/, '');
    expect(personas.has(personaId), `no persona ${personaId}`).toBe(true);
    for (const c of doc?.data.cases ?? []) expect(c.persona).toBe(personaId);
  });

  it('every persona has a case file and every job is used', () => {
    expect(caseFiles.map((n) => n.replace(/\.json$/, '')).sort()).toEqual([...personas.keys()].sort());
    const used = new Set(cases.map((c) => c.job));
    expect([...jobs.keys()].filter((id) => !used.has(id))).toEqual([]);
  });

  it('have unique ids of the form <persona>--<job>', () => {
    const ids = cases.map((c) => c.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    for (const c of cases) expect(c.id).toBe(`${c.persona}--${c.job}`);
  });

  it('refer to existing jobs (with the job field) and artifacts', () => {
    const problems: string[] = [];
    for (const c of cases) {
      const job = jobs.get(c.job);
      if (!job) problems.push(`${c.id}: no job ${c.job}`);
      else if (job.field !== c.field) problems.push(`${c.id}: field ${c.field}, job is ${job.field}`);
      const persona = personas.get(c.persona);
      if (!persona) {
        problems.push(`${c.id}: no persona ${c.persona}`);
        continue;
      }
      const ids = new Set(persona.portfolio.artifacts.map((a) => a.id));
      for (const id of c.mustFeature) if (!ids.has(id)) problems.push(`${c.id}: no artifact ${id}`);
    }
    expect(problems).toEqual([]);
  });

  it('ask only for critical keywords the job names and the portfolio supports, and forbid only claims it does not make', () => {
    const problems: string[] = [];
    for (const c of cases) {
      const persona = personas.get(c.persona);
      if (!persona) continue;
      const support = supportText(persona.portfolio);
      const everything = allText(persona.portfolio);
      const posting = (jobs.get(c.job)?.text ?? '').replace(/\s+/g, ' ').toLowerCase();
      for (const k of c.criticalKeywords) {
        if (!mentions(support, k)) problems.push(`${c.id}: critical keyword "${k}" is not in the portfolio`);
        if (!posting.includes(k.toLowerCase()))
          problems.push(`${c.id}: critical keyword "${k}" is not in the job`);
      }
      for (const claim of c.mustNotClaim) {
        if (mentions(everything, claim))
          problems.push(`${c.id}: forbidden claim "${claim}" is in the portfolio`);
        if (c.criticalKeywords.some((k) => k.toLowerCase() === claim.toLowerCase())) {
          problems.push(`${c.id}: "${claim}" is both critical and forbidden`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('have reference documents that exist, fit a page, cover the keywords and avoid forbidden claims', () => {
    const problems: string[] = [];
    for (const c of cases.filter((x) => x.reference)) {
      const ref = c.reference as { cv: string; coverLetter: string };
      if (ref.cv !== `references/${c.id}/cv.md` || ref.coverLetter !== `references/${c.id}/cover-letter.md`) {
        problems.push(`${c.id}: reference paths must be references/${c.id}/{cv,cover-letter}.md`);
        continue;
      }
      const cvFile = path.join(GOLDEN, ref.cv);
      const letterFile = path.join(GOLDEN, ref.coverLetter);
      if (!existsSync(cvFile) || !existsSync(letterFile)) {
        problems.push(`${c.id}: reference file missing`);
        continue;
      }
      const cv = readFileSync(cvFile, 'utf8');
      const letter = readFileSync(letterFile, 'utf8');
      const name = personas.get(c.persona)?.portfolio.profile.name ?? '';
      if (!cv.startsWith(`# ${name}\n`)) problems.push(`${c.id}: CV must start with "# ${name}"`);
      const cvWords = words(cv);
      const letterWords = words(letter);
      if (cvWords < 300 || cvWords > 450) problems.push(`${c.id}: CV has ${cvWords} words`);
      if (letterWords < 200 || letterWords > 320) problems.push(`${c.id}: letter has ${letterWords} words`);
      const covered = c.criticalKeywords.filter((k) => mentions(cv, k)).length / c.criticalKeywords.length;
      if (covered < 0.9)
        problems.push(`${c.id}: CV covers ${Math.round(covered * 100)}% of critical keywords`);
      for (const claim of c.mustNotClaim) {
        if (mentions(cv, claim) || mentions(letter, claim))
          problems.push(`${c.id}: reference claims "${claim}"`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('leave no reference folder without a case', () => {
    const dir = path.join(GOLDEN, 'references');
    const folders = existsSync(dir) ? readdirSync(dir) : [];
    const referenced = new Set(cases.filter((c) => c.reference).map((c) => c.id));
    expect(folders.filter((f) => !referenced.has(f))).toEqual([]);
  });

  it('reach the required totals', () => {
    expect(cases.length).toBeGreaterThanOrEqual(MIN.cases);
    expect(cases.filter((c) => c.reference).length).toBeGreaterThanOrEqual(MIN.withReferences);
    expect(new Set(cases.map((c) => c.field)).size).toBeGreaterThanOrEqual(MIN.jobFields);
  });
});
