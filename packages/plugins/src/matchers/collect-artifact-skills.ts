import { normalizeKey, type Taxonomy, type TPipelineArtifact } from '@dossier/core';

/**
 * The skill ids an artifact stands for: its normalised skills plus its technologies, normalised through the
 * taxonomy or kept as `x:<key>` (the API's spelling for skills the taxonomy lacks).
 */
export function collectArtifactSkills(artifact: TPipelineArtifact, taxonomy: Taxonomy): Set<string> {
  const ids = new Set(artifact.skills);
  for (const technology of artifact.technologies) {
    ids.add(taxonomy.normalize(technology)?.id ?? `x:${normalizeKey(technology)}`);
  }
  return ids;
}
