import type { TLabelView } from '../routes/labels/schema.js';

/** Row shape produced by the label read query (snake_case columns, count as an integer). */
export interface LabelRow {
  id: string;
  name: string;
  description: string | null;
  colour: string;
  skill_focus: string[] | null;
  artifact_count: number | string;
}

export function presentLabel(row: LabelRow): TLabelView {
  return {
    id: row.id,
    name: row.name,
    description: row.description ?? null,
    colour: row.colour,
    skillFocus: row.skill_focus ?? [],
    artifactCount: Number(row.artifact_count),
  };
}
