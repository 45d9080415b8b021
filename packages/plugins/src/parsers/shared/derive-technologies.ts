import { normalizeKey, type Taxonomy, type TPipelineArtifact } from '@dossier/core';

const STACK_LINE =
  /^(?:technologies|technologies used|tech(?:nology)? stack|tech|stack|tools|built with|keywords|skills used|technologien|werkzeuge|outils|herramientas)\s*[:–—-]\s*(.+)$/iu;
const TECH_CATEGORIES = new Set(['language', 'framework', 'tool', 'platform']);

/** Items of an explicit "Tech stack: Go, Kafka" line, if the entry has one. */
export function readStackLine(lines: readonly string[]): { items: string[]; rest: string[] } {
  const items: string[] = [];
  const rest: string[] = [];
  for (const line of lines) {
    const stack = STACK_LINE.exec(line.trim());
    if (!stack) {
      rest.push(line);
      continue;
    }
    for (const part of stack[1]!.split(/\s*[,;|·•]\s*|\s+\/\s+/u)) {
      const item = part.replace(/\.$/, '').trim();
      if (item && !items.includes(item)) items.push(item);
    }
  }
  return { items, rest };
}

/**
 * Technologies of an artifact written as free text: the explicit stack list when there is one, otherwise the
 * languages, frameworks, tools and platforms the taxonomy finds in the text (not soft skills or domains).
 */
export function deriveTechnologies(explicit: readonly string[], text: string, taxonomy: Taxonomy): string[] {
  if (explicit.length > 0) return [...explicit];
  return taxonomy
    .findInText(text)
    .filter((mention) => TECH_CATEGORIES.has(taxonomy.get(mention.id)?.category ?? ''))
    .map((mention) => mention.name);
}

function mentions(artifact: TPipelineArtifact, skill: string, skillId: string | null): boolean {
  if (skillId && artifact.skills.includes(skillId)) return true;
  const key = normalizeKey(skill);
  if (!key) return false;
  if (artifact.technologies.some((tech) => normalizeKey(tech) === key)) return true;
  const haystack = normalizeKey([artifact.title, artifact.summary, ...artifact.outcomes].join(' '));
  return ` ${haystack} `.includes(` ${key} `);
}

/**
 * Profile-level skills (a resume's Skills section) are not claims of their own: a skill joins the technologies
 * of every artifact that mentions it, and the ones no artifact mentions are returned so the caller can say so.
 * Mutates and returns the artifacts.
 */
export function attachProfileSkills(
  artifacts: TPipelineArtifact[],
  skills: readonly string[],
  taxonomy: Taxonomy,
): { artifacts: TPipelineArtifact[]; unattached: string[] } {
  const unattached: string[] = [];
  for (const skill of [...new Set(skills.map((s) => s.trim()).filter(Boolean))]) {
    const ref = taxonomy.normalize(skill);
    let used = false;
    for (const artifact of artifacts) {
      if (!mentions(artifact, skill, ref?.id ?? null)) continue;
      used = true;
      const listed = artifact.technologies.some(
        (tech) =>
          normalizeKey(tech) === normalizeKey(skill) ||
          (ref !== null && taxonomy.normalize(tech)?.id === ref.id),
      );
      if (!listed) {
        artifact.technologies.push(skill);
      }
      if (ref && !artifact.skills.includes(ref.id)) artifact.skills.push(ref.id);
    }
    if (!used) unattached.push(skill);
  }
  return { artifacts, unattached };
}
