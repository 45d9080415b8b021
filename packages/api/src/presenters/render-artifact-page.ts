import { CUSTOM_SKILL_PREFIX } from '../commands/derive-artifact-skills.js';
import type { UrlCipher } from '../crypto/url-cipher.js';
import type { Taxonomy } from '../services/create-services.js';
import {
  type ArtifactRow,
  DEFAULT_ARCHIVE_ENDPOINT,
  type EvidenceRow,
  presentArtifact,
  presentEvidence,
  presentSkills,
} from './present-artifact.js';

// A card is the JSON text PostgreSQL's json_build_object writes (`"key" : value`), with `skills` and then
// `evidence` as its last two keys (view `artifact_cards_source`). Inside a JSON string every quote is escaped,
// so these key sequences can only be the keys themselves.
const SKILLS = '"skills" : ';
const EVIDENCE = ', "evidence" : ';
const TECHNOLOGIES = '"technologies" : ';
const COLLABORATORS = ', "collaborators" : ';

/**
 * One artifact of a list page as JSON text, the same value `presentArtifact` gives: everything before the skills
 * is copied from the card as it is; only skills (ids to names) and evidence (URLs decrypted, derived fields) are
 * parsed and written. The list is the hottest read, and parsing and re-serialising the whole card was most of its
 * CPU time in the API.
 */
export function renderArtifactJson(
  row: ArtifactRow,
  cipher: UrlCipher,
  taxonomy: Taxonomy,
  archiveEndpoint: string = DEFAULT_ARCHIVE_ENDPOINT,
): string {
  const card = row.card;
  const skillsAt = card.indexOf(SKILLS);
  const evidenceAt = skillsAt < 0 ? -1 : card.indexOf(EVIDENCE, skillsAt);
  if (evidenceAt < 0 || !card.endsWith('}')) {
    return JSON.stringify(presentArtifact(row, cipher, taxonomy, archiveEndpoint));
  }
  let skillIds: string[];
  let evidence: EvidenceRow[];
  try {
    skillIds = JSON.parse(card.slice(skillsAt + SKILLS.length, evidenceAt)) as string[];
    evidence = JSON.parse(card.slice(evidenceAt + EVIDENCE.length, -1)) as EvidenceRow[];
  } catch {
    // A card written in another key order (an older view): the whole card, parsed.
    return JSON.stringify(presentArtifact(row, cipher, taxonomy, archiveEndpoint));
  }
  return `${card.slice(0, skillsAt)}"skills":${JSON.stringify(
    presentSkills(skillIds, skillIds.some(isCustom) ? technologiesOf(card) : [], taxonomy),
  )},"evidence":${JSON.stringify(evidence.map((e) => presentEvidence(e, cipher, archiveEndpoint)))}}`;
}

/** A list page `{items, nextCursor}` as JSON text. */
export function renderArtifactPage(
  rows: readonly ArtifactRow[],
  nextCursor: string | null,
  cipher: UrlCipher,
  taxonomy: Taxonomy,
  archiveEndpoint?: string,
): string {
  const items = rows.map((r) => renderArtifactJson(r, cipher, taxonomy, archiveEndpoint));
  return `{"items":[${items.join(',')}],"nextCursor":${JSON.stringify(nextCursor)}}`;
}

const isCustom = (id: string) => id.startsWith(CUSTOM_SKILL_PREFIX);

function technologiesOf(card: string): string[] {
  const from = card.indexOf(TECHNOLOGIES);
  const to = from < 0 ? -1 : card.indexOf(COLLABORATORS, from);
  if (to < 0) return (JSON.parse(card) as { technologies: string[] }).technologies;
  return JSON.parse(card.slice(from + TECHNOLOGIES.length, to)) as string[];
}
