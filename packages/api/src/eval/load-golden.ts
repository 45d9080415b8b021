import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import {
  CAREER_STAGES,
  GOLDEN_FIELDS,
  type GoldenCase,
  type GoldenField,
  type GoldenJob,
  type GoldenPersona,
  type GoldenSet,
} from './types.js';

/** A golden set that cannot be used; the message names the file and, for schema errors, the JSON path. */
export class GoldenSetError extends Error {
  override name = 'GoldenSetError';
  constructor(
    message: string,
    readonly problems: string[] = [message],
  ) {
    super(message);
  }
}

const isField = (v: unknown): v is GoldenField => (GOLDEN_FIELDS as readonly unknown[]).includes(v);

function listJson(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
}

function readJson(file: string, rel: string, problems: string[]): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    problems.push(`${rel}: not valid JSON: ${(err as Error).message}`);
    return undefined;
  }
}

function formatAjvErrors(rel: string, errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).slice(0, 20).map((e) => {
    const where = e.instancePath || '/';
    const extra =
      e.keyword === 'additionalProperties'
        ? ` (${(e.params as { additionalProperty: string }).additionalProperty})`
        : e.keyword === 'enum'
          ? ` (${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')})`
          : '';
    return `${rel}: ${where} ${e.message ?? 'is invalid'}${extra}`;
  });
}

function loadSchemas(dir: string): { persona?: ValidateFunction; cases?: ValidateFunction } {
  const schemaDir = path.join(dir, 'schema');
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
  const compile = (name: string): ValidateFunction | undefined => {
    const file = path.join(schemaDir, name);
    if (!existsSync(file)) return undefined;
    try {
      return ajv.compile(JSON.parse(readFileSync(file, 'utf8')));
    } catch (err) {
      throw new GoldenSetError(`schema/${name}: cannot be compiled: ${(err as Error).message}`);
    }
  };
  const persona = compile('persona.schema.json');
  const cases = compile('cases.schema.json');
  return { ...(persona ? { persona } : {}), ...(cases ? { cases } : {}) };
}

/** `# Title — Company` (or `-`, `–`, `|`, ` at `): the heading of a golden job posting. */
export function parseJobHeading(text: string): { title: string; company: string | null } | null {
  const first = text.split(/\r?\n/).find((l) => l.trim() !== '');
  const m = first?.match(/^#\s+(.+?)\s*$/);
  if (!m) return null;
  const parts = m[1]!.split(/\s+[—–|-]\s+|\s+at\s+/);
  return { title: parts[0]!.trim(), company: parts.length > 1 ? parts.slice(1).join(' — ').trim() : null };
}

function loadPersonas(dir: string, validate: ValidateFunction | undefined, problems: string[]) {
  const personas = new Map<string, GoldenPersona>();
  const personaDir = path.join(dir, 'personas');
  for (const file of listJson(personaDir)) {
    const rel = `personas/${file}`;
    const json = readJson(path.join(personaDir, file), rel, problems) as GoldenPersona | undefined;
    if (json === undefined) continue;
    if (validate && !validate(json)) {
      problems.push(...formatAjvErrors(rel, validate.errors));
      continue;
    }
    const id = file.replace(/\.json$/, '');
    if (typeof json !== 'object' || json === null || json.id !== id) {
      problems.push(`${rel}: /id must equal the file name ("${id}")`);
      continue;
    }
    if (!isField(json.field)) problems.push(`${rel}: /field "${String(json.field)}" is not a golden field`);
    if (!(CAREER_STAGES as readonly unknown[]).includes(json.stage))
      problems.push(`${rel}: /stage "${String(json.stage)}" is not a career stage`);
    const artifacts = json.portfolio?.artifacts;
    if (json.portfolio?.format !== 'dossier-portfolio' || !Array.isArray(artifacts)) {
      problems.push(`${rel}: /portfolio is not a dossier-portfolio export`);
      continue;
    }
    const seen = new Set<string>();
    artifacts.forEach((a, i) => {
      if (!a.id) problems.push(`${rel}: /portfolio/artifacts/${i} has no id`);
      else if (seen.has(a.id)) problems.push(`${rel}: /portfolio/artifacts/${i}/id "${a.id}" is used twice`);
      else seen.add(a.id);
    });
    personas.set(id, json);
  }
  return personas;
}

function loadJobs(dir: string, problems: string[]) {
  const jobs = new Map<string, GoldenJob>();
  const jobsDir = path.join(dir, 'jobs');
  if (!existsSync(jobsDir)) return jobs;
  for (const field of readdirSync(jobsDir).sort()) {
    const fieldDir = path.join(jobsDir, field);
    if (!statSync(fieldDir).isDirectory()) continue;
    if (!isField(field)) {
      problems.push(`jobs/${field}: not a golden field (${GOLDEN_FIELDS.join(', ')})`);
      continue;
    }
    for (const file of readdirSync(fieldDir)
      .filter((f) => f.endsWith('.md'))
      .sort()) {
      const rel = `jobs/${field}/${file}`;
      const id = file.replace(/\.md$/, '');
      const text = readFileSync(path.join(fieldDir, file), 'utf8');
      if (!parseJobHeading(text)) problems.push(`${rel}: the first line must be "# <Title> — <Company>"`);
      const other = jobs.get(id);
      if (other) problems.push(`${rel}: job id "${id}" is also used in jobs/${other.field}`);
      else jobs.set(id, { id, field, text });
    }
  }
  return jobs;
}

/**
 * Reads a golden set (`personas/`, `jobs/<field>/`, `cases/`, `references/`), validates persona and case files
 * with the JSON Schemas in `schema/` when they are there, and checks that every case refers to a persona, a
 * job of its field, the persona's artifacts and existing reference files. Throws one `GoldenSetError` listing
 * every problem (file and JSON path first).
 */
export async function loadGolden(dir: string): Promise<GoldenSet> {
  const abs = path.resolve(dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory())
    throw new GoldenSetError(`golden set ${abs} does not exist or is not a folder`);
  if (!existsSync(path.join(abs, 'personas')))
    throw new GoldenSetError(`golden set ${abs} has no personas/ folder`);
  const problems: string[] = [];
  const schemas = loadSchemas(abs);
  const personas = loadPersonas(abs, schemas.persona, problems);
  const jobs = loadJobs(abs, problems);
  const cases: GoldenCase[] = [];
  const references = new Map<string, string>();
  const caseIds = new Set<string>();
  const casesDir = path.join(abs, 'cases');
  for (const file of listJson(casesDir)) {
    const rel = `cases/${file}`;
    const json = readJson(path.join(casesDir, file), rel, problems) as { cases?: GoldenCase[] } | undefined;
    if (json === undefined) continue;
    if (schemas.cases && !schemas.cases(json)) {
      problems.push(...formatAjvErrors(rel, schemas.cases.errors));
      continue;
    }
    if (!Array.isArray(json?.cases)) {
      problems.push(`${rel}: /cases must be an array`);
      continue;
    }
    json.cases.forEach((c, i) => {
      const at = `${rel}: /cases/${i}`;
      const before = problems.length;
      if (typeof c?.id !== 'string' || c.id === '') {
        problems.push(`${at}/id is missing`);
        return;
      }
      if (caseIds.has(c.id)) problems.push(`${at}/id "${c.id}" is used twice`);
      caseIds.add(c.id);
      const persona = personas.get(c.persona);
      if (!persona) problems.push(`${at}/persona "${c.persona}" has no personas/${c.persona}.json`);
      const job = jobs.get(c.job);
      if (!job) problems.push(`${at}/job "${c.job}" has no jobs/<field>/${c.job}.md`);
      else if (job.field !== c.field)
        problems.push(`${at}/field "${c.field}" differs from the job's folder "${job.field}"`);
      for (const key of ['criticalKeywords', 'mustFeature', 'mustNotClaim'] as const) {
        if (!Array.isArray(c[key]) || c[key].some((v) => typeof v !== 'string'))
          problems.push(`${at}/${key} must be an array of strings`);
      }
      if (persona && Array.isArray(c.mustFeature)) {
        const ids = new Set(persona.portfolio.artifacts.map((a) => a.id));
        c.mustFeature.forEach((id, j) => {
          if (!ids.has(id))
            problems.push(`${at}/mustFeature/${j} "${id}" is not an artifact of ${c.persona}`);
        });
      }
      if (c.reference) {
        for (const key of ['cv', 'coverLetter'] as const) {
          const refPath = c.reference[key];
          const file = typeof refPath === 'string' ? path.resolve(abs, refPath) : '';
          if (!file.startsWith(`${abs}${path.sep}`) || !existsSync(file))
            problems.push(`${at}/reference/${key} "${String(refPath)}" does not exist`);
          else references.set(refPath, readFileSync(file, 'utf8'));
        }
      }
      if (problems.length === before) cases.push({ ...c, source: c.source ?? 'golden' });
    });
  }
  if (problems.length > 0) {
    throw new GoldenSetError(
      `golden set ${abs} has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n  ${problems.join('\n  ')}`,
      problems,
    );
  }
  return { dir: abs, personas, jobs, cases, references };
}

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Whole-word, case-insensitive: "ARR" is not in "carried". */
const mentions = (text: string, term: string) =>
  new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(term)}(?![\\p{L}\\p{N}])`, 'iu').test(text);

/**
 * Data-quality warnings that do not stop a run: critical keywords the persona's portfolio does not mention
 * (in technologies, summary, outcomes or a label's skill focus) and must-not-claim terms it does mention
 * anywhere, both as whole words, case-insensitively.
 */
export function lintGolden(set: GoldenSet): string[] {
  const warnings: string[] = [];
  for (const c of set.cases) {
    const persona = set.personas.get(c.persona);
    if (!persona) continue;
    const p = persona.portfolio;
    const supported = [
      ...p.artifacts.flatMap((a) => [...a.technologies, a.summary, ...a.outcomes]),
      ...p.labels.flatMap((l) => l.skillFocus ?? []),
    ].join('\n');
    for (const k of c.criticalKeywords)
      if (!mentions(supported, k))
        warnings.push(`${c.id}: critical keyword "${k}" is not in ${c.persona}'s portfolio`);
    const all = JSON.stringify(p);
    for (const k of c.mustNotClaim)
      if (mentions(all, k))
        warnings.push(`${c.id}: must-not-claim "${k}" appears in ${c.persona}'s portfolio`);
  }
  return warnings;
}
