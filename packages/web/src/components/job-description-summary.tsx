import type { JobDescription } from '../api/tailoring-types';
import { formatDay } from '../lib/format';

const MAX_SKILLS = 12;

export function jobTitle(jd: Pick<JobDescription, 'title' | 'parsed'>): string {
  return jd.title || jd.parsed?.title || 'Untitled job';
}

export function jobCompany(jd: Pick<JobDescription, 'company' | 'parsed'>): string | null {
  return jd.company || jd.parsed?.company || null;
}

/** Skills the parser found, required ones first, then by weight. */
export function jobSkills(jd: JobDescription): { name: string; required: boolean }[] {
  const skills = [...(jd.parsed?.skills ?? [])].sort(
    (a, b) => Number(b.required) - Number(a.required) || b.weight - a.weight,
  );
  return skills.map((skill) => ({ name: skill.name, required: skill.required }));
}

export function JobSkillChips({ jd, max = MAX_SKILLS }: { jd: JobDescription; max?: number }) {
  const skills = jobSkills(jd);
  if (skills.length === 0) return <p className="muted small">No skills recognised.</p>;
  const shown = skills.slice(0, max);
  const hidden = skills.length - shown.length;
  return (
    <ul className="chip-list" aria-label="Skills">
      {shown.map((skill) => (
        <li
          key={skill.name}
          className={`chip chip-tech${skill.required ? ' chip-required' : ''}`}
          title={skill.required ? 'Required' : 'Nice to have'}
        >
          {skill.name}
          {skill.required && <span className="sr-only"> (required)</span>}
        </li>
      ))}
      {hidden > 0 && (
        <li
          className="chip chip-more"
          title={skills
            .slice(max)
            .map((s) => s.name)
            .join(', ')}
        >
          +{hidden} more
        </li>
      )}
    </ul>
  );
}

/** Title, company, seniority and skills of a parsed job description. */
export function JobDescriptionSummary({ jd }: { jd: JobDescription }) {
  const company = jobCompany(jd);
  const parsed = jd.parsed;
  const facts = [
    company,
    parsed?.location,
    parsed?.seniority ? `${parsed.seniority[0]?.toUpperCase()}${parsed.seniority.slice(1)}` : null,
    parsed?.yearsOfExperience ? `${parsed.yearsOfExperience.min}+ years` : null,
  ].filter(Boolean);
  return (
    <div className="jd-summary">
      <p className="jd-summary-title">{jobTitle(jd)}</p>
      {facts.length > 0 && <p className="jd-summary-meta">{facts.join(' · ')}</p>}
      <JobSkillChips jd={jd} />
      <p className="muted small">Saved {formatDay(jd.createdAt)}</p>
    </div>
  );
}
