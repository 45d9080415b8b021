import { readFileSync } from 'node:fs';

export interface RendercvExpectation {
  name: string;
  email: string;
  location: string;
  website: string;
  socials: { network: string; username: string }[];
  /** Section titles as rendered: `selected_honors` → "Selected Honors". */
  sections: string[];
  experience: { company: string; position: string; start: string; end: string | null }[];
  education: { institution: string; area: string; degree: string; start: string; end: string }[];
  projects: { name: string; start: string | null }[];
  publications: string[];
}

const unquote = (value: string): string =>
  value
    .trim()
    .replace(/^'(.*)'$/, '$1')
    .replace(/^"(.*)"$/, '$1');
const title = (key: string): string =>
  /[A-Z ]/.test(key)
    ? key
    : key
        .split('_')
        .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
        .join(' ');
const markdownText = (value: string): string => value.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');

/**
 * Reads the few fields the PDF tests compare from a RenderCV input file. Not a YAML parser: it relies on the
 * indentation RenderCV's own examples use (2 spaces per level, `- ` entries) and ignores everything else.
 */
export function readRendercvYaml(file: string): RendercvExpectation {
  const lines = readFileSync(file, 'utf8').split('\n');
  const scalar = (indent: number, key: string, from = 0, to = lines.length): string => {
    const prefix = `${' '.repeat(indent)}${key}:`;
    const line = lines.slice(from, to).find((l) => l.startsWith(prefix));
    return line ? unquote(line.slice(prefix.length)) : '';
  };
  const sectionsAt = lines.indexOf('  sections:');
  const designAt = lines.findIndex((l) => l.startsWith('design:'));
  const sectionStarts: { key: string; at: number }[] = [];
  for (let i = sectionsAt + 1; i < designAt; i++) {
    const match = /^ {4}([^ -][^:]*):\s*$/.exec(lines[i]!);
    if (match) sectionStarts.push({ key: match[1]!, at: i });
  }
  const entriesOf = (key: string): Record<string, string>[] => {
    const index = sectionStarts.findIndex((s) => s.key === key);
    if (index === -1) return [];
    const end = sectionStarts[index + 1]?.at ?? designAt;
    const entries: Record<string, string>[] = [];
    for (let i = sectionStarts[index]!.at + 1; i < end; i++) {
      const match = /^ {6}(- | {2})(\w+):(.*)$/.exec(lines[i]!);
      if (!match) continue;
      if (match[1] === '- ') entries.push({});
      const entry = entries[entries.length - 1];
      if (entry) entry[match[2]!] = unquote(match[3]!);
    }
    return entries;
  };
  const socials: RendercvExpectation['socials'] = [];
  for (let i = 0; i < sectionsAt; i++) {
    const network = /^ {4}- network: (.+)$/.exec(lines[i]!);
    const username = /^ {6}username: (.+)$/.exec(lines[i + 1] ?? '');
    if (network && username) socials.push({ network: network[1]!.trim(), username: username[1]!.trim() });
  }
  return {
    name: scalar(2, 'name', 0, sectionsAt),
    email: scalar(2, 'email', 0, sectionsAt),
    location: scalar(2, 'location', 0, sectionsAt),
    website: scalar(2, 'website', 0, sectionsAt),
    socials,
    sections: sectionStarts.map((s) => title(s.key)),
    experience: entriesOf('experience').map((e) => ({
      company: e.company!,
      position: e.position!,
      start: e.start_date!,
      end: e.end_date === 'present' ? null : (e.end_date ?? null),
    })),
    education: entriesOf('education').map((e) => ({
      institution: e.institution!,
      area: e.area!,
      degree: e.degree!,
      start: e.start_date!,
      end: e.end_date!,
    })),
    projects: entriesOf('projects').map((e) => ({
      name: markdownText(e.name!),
      start: e.start_date || e.date || null,
    })),
    publications: entriesOf('publications').map((e) => e.title!),
  };
}
