import type { DocumentSummary } from './tailoring-types';
// Response and request shapes of the Dossier HTTP API v1, transcribed from docs/api.md.
// When @dossier/core/browser exports the domain types, these should be replaced by re-exports.

export type Role = 'user' | 'admin';

export interface User {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  createdAt: string;
}

export interface AuthTokens {
  accessToken: string;
  refreshToken: string;
}

export interface AuthResponse extends AuthTokens {
  user: User;
}

export const EVIDENCE_STATUSES = [
  'unchecked',
  'valid',
  'redirected',
  'unverifiable',
  'broken',
  'blocked',
] as const;
export type EvidenceStatus = (typeof EVIDENCE_STATUSES)[number];

export const EVIDENCE_KINDS = [
  'repo',
  'pull-request',
  'commit',
  'site',
  'doi',
  'article',
  'video',
  'other',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export interface Evidence {
  id: string;
  url: string;
  title: string | null;
  kind: EvidenceKind;
  status: EvidenceStatus;
  httpStatus: number | null;
  finalUrl: string | null;
  lastCheckedAt: string | null;
  consecutiveFailures: number;
  // The fields below come with the link checker; an older server leaves them out.
  /** Why the last check gave its verdict, in words ("HTTP 404", "bot wall (HTTP 999)"). */
  reason?: string | null;
  /** Failed its last check(s) but not yet long enough to count as broken. */
  failing?: boolean;
  /** For a broken link: where an archived copy may be found. */
  archiveUrl?: string | null;
  nextCheckAt?: string | null;
}

/** A link that needs the owner's attention, as listed by the evidence health summary. */
export interface AttentionEvidence extends Evidence {
  artifactId: string;
  artifactTitle: string;
}

export interface EvidenceHealthCounts {
  total: number;
  checked: number;
  verifiable: number;
  valid: number;
  redirected: number;
  broken: number;
  failing: number;
  blocked: number;
  unverifiable: number;
  unchecked: number;
  /** Valid links as a share of the verifiable ones; null before anything verifiable was checked. */
  share: number | null;
  target: number;
}

export interface EvidenceHealth {
  health: EvidenceHealthCounts;
  attention: AttentionEvidence[];
}

export interface EvidenceCheck {
  at: string;
  status: EvidenceStatus;
  httpStatus: number | null;
  finalUrl: string | null;
  reason: string | null;
  /** The validator plugin that gave the verdict. */
  validator?: string | null;
}

export interface LabelRef {
  id: string;
  name: string;
  colour: string | null;
}

export interface SkillRef {
  id: string;
  name: string;
}

export type Visibility = 'private' | 'public';

export interface Artifact {
  id: string;
  title: string;
  summary: string;
  role: string | null;
  startDate: string;
  endDate: string | null;
  technologies: string[];
  skills: SkillRef[];
  collaborators: string[];
  outcomes: string[];
  visibility: Visibility;
  evidence: Evidence[];
  labels: LabelRef[];
  createdAt: string;
  updatedAt: string;
  /** Accepted edits so far; sent back as `baseRevision` so an edit cannot undo one made elsewhere. */
  revision: number;
}

export interface ArtifactInput {
  title: string;
  summary: string;
  role?: string | null;
  technologies: string[];
  collaborators: string[];
  outcomes: string[];
  startDate: string;
  endDate?: string | null;
  visibility?: Visibility;
  labelIds: string[];
}

export interface ArtifactCreateInput extends ArtifactInput {
  evidence: { url: string; title?: string }[];
}

export type ArtifactPatch = Partial<ArtifactInput> & {
  /** The revision the edit was made from; a newer one answers 409 EDIT_CONFLICT. */
  baseRevision?: number;
};

export const ARTIFACT_SORTS = ['-startDate', 'startDate', 'title', '-updatedAt'] as const;
export type ArtifactSort = (typeof ARTIFACT_SORTS)[number];

export interface ArtifactQuery {
  q?: string;
  label?: string;
  skill?: string;
  evidenceStatus?: EvidenceStatus;
  from?: string;
  to?: string;
  sort?: ArtifactSort;
  limit?: number;
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Items<T> {
  items: T[];
}

export interface EvidenceInput {
  url: string;
  title?: string;
  kind?: EvidenceKind;
}

export interface Label {
  id: string;
  name: string;
  description: string | null;
  colour: string | null;
  skillFocus: string[];
  artifactCount: number;
}

export interface LabelInput {
  name: string;
  description?: string | null;
  colour?: string;
  skillFocus?: string[];
}

export type SkillCategory = 'language' | 'framework' | 'tool' | 'platform' | 'domain' | 'soft';

export interface Skill {
  id: string;
  name: string;
  category: SkillCategory;
  aliases: string[];
}

export interface SkillMatch {
  id: string;
  name: string;
  category: SkillCategory;
}

export interface SkillNormalization {
  input: string;
  match: SkillMatch | null;
  // The contract leaves the element type open; objects like `match` are expected, strings are tolerated.
  suggestions: (SkillMatch | string)[];
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** A deleted artifact in the trash, restorable until `purgeAfter`. */
export interface TrashedArtifact {
  id: string;
  title: string;
  summary: string;
  role: string | null;
  startDate: string;
  endDate: string | null;
  technologies: string[];
  collaborators: string[];
  outcomes: string[];
  visibility: string;
  evidence: Array<{ id: string; url: string; title: string | null; kind: string; status: EvidenceStatus }>;
  /** The labels it carried that still exist; a restore puts these back. */
  labels: LabelRef[];
  deletedAt: string;
  purgeAfter: string;
}

/** A deleted document in the trash: the document list's fields, how many versions it had, when it goes. */
export interface TrashedDocument extends DocumentSummary {
  versions: number;
  deletedAt: string;
  purgeAfter: string;
}

/** A deleted label; `artifactCount` is how many artifacts carried it. */
export interface TrashedLabel extends Label {
  deletedAt: string;
  purgeAfter: string;
}

/** A sign-in of the account (a browser, a device, a script) and its renewals. */
export interface AccountSession {
  id: string;
  /** The session this browser is using. */
  current: boolean;
  /** "Firefox 133 on Linux"; null when the client did not say. */
  device: string | null;
  userAgent: string | null;
  signedInAt: string;
  renewedAt: string;
  expiresAt: string;
}

export interface CreatedApiKey {
  id: string;
  name: string;
  prefix: string;
  key: string;
}

export interface Features {
  artifactUpload: boolean;
  cvGeneration: boolean;
  coverLetter: boolean;
  exportPdf: boolean;
  exportDocx: boolean;
}

export interface ValidationIssue {
  path: string[] | string;
  message: string;
}

export interface ErrorBody {
  error: {
    code: string;
    message: string;
    details?: { issues?: ValidationIssue[] } & Record<string, unknown>;
    requestId?: string;
  };
}
