import { z } from 'zod';

export const ZPipelineEvidence = z.object({
  id: z.string().min(1),
  url: z.string().min(1),
  title: z.string().nullable().default(null),
  kind: z.string().default('other'),
  status: z
    .enum(['unchecked', 'valid', 'redirected', 'unverifiable', 'broken', 'blocked'])
    .default('unchecked'),
});
export type TPipelineEvidence = z.infer<typeof ZPipelineEvidence>;

/**
 * An artifact as the pipeline sees it: the facts a document may state. Grounding checks every claim of a
 * generated document against the artifacts it cites.
 */
export const ZPipelineArtifact = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  summary: z.string().default(''),
  role: z.string().nullable().default(null),
  /** Employer or client, when the artifact was done for one (from JSON Resume `work[].name`). */
  organization: z.string().nullable().default(null),
  startDate: z.string().min(4),
  endDate: z.string().nullable().default(null),
  technologies: z.array(z.string()).default([]),
  /** Normalised skill ids (taxonomy ids or `x:<key>`). */
  skills: z.array(z.string()).default([]),
  collaborators: z.array(z.string()).default([]),
  outcomes: z.array(z.string()).default([]),
  evidence: z.array(ZPipelineEvidence).default([]),
  labels: z.array(z.object({ id: z.string(), name: z.string() })).default([]),
  /** Who may see it, when the source says (a Dossier export does); an imported artifact is private otherwise. */
  visibility: z.enum(['private', 'public']).optional(),
});
export type TPipelineArtifact = z.infer<typeof ZPipelineArtifact>;

export const ZEducation = z.object({
  institution: z.string(),
  area: z.string().nullable().default(null),
  studyType: z.string().nullable().default(null),
  startDate: z.string().nullable().default(null),
  endDate: z.string().nullable().default(null),
});

/** Who the documents are about: contact details and education, which are not claims needing evidence. */
export const ZProfile = z.object({
  name: z.string().min(1),
  headline: z.string().nullable().default(null),
  email: z.string().nullable().default(null),
  phone: z.string().nullable().default(null),
  location: z.string().nullable().default(null),
  links: z.array(z.object({ label: z.string(), url: z.string() })).default([]),
  education: z.array(ZEducation).default([]),
});
export type TProfile = z.infer<typeof ZProfile>;

/** A portfolio as the pipeline consumes it. */
/** How a label the artifacts name looks, when the source describes it (a Dossier export does). */
export const ZPipelineLabel = z.object({
  name: z.string().min(1),
  description: z.string().nullable().optional(),
  colour: z.string().optional(),
  skillFocus: z.array(z.string()).optional(),
});

export const ZPipelinePortfolio = z.object({
  profile: ZProfile,
  artifacts: z.array(ZPipelineArtifact),
  /** The labels named by `artifacts[].labels`, described; absent when the source has no labels of its own. */
  labels: z.array(ZPipelineLabel).optional(),
});
export type TPipelinePortfolio = z.infer<typeof ZPipelinePortfolio>;
