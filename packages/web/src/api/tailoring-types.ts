// Shapes of the tailoring API (job descriptions, generations, documents, exports, shares, notifications,
// imports). Document content and ATS reports are the core domain types, which the server validates with
// the same zod schemas; everything else is transcribed from the API contract.
import type {
  TAtsFinding,
  TAtsReport,
  TAtsResult,
  TDocumentContent,
  TDocumentItem,
  TDocumentSection,
  TParsedJob,
  TPipelineArtifact,
  TProfile,
} from '@dossier/core/browser';
import type { EvidenceStatus } from './types';

export type DocumentContent = TDocumentContent;
export type DocumentSection = TDocumentSection;
export type DocumentItem = TDocumentItem;
export type AtsReport = TAtsReport;
export type AtsResult = TAtsResult;
export type AtsFinding = TAtsFinding;
export type ParsedJob = TParsedJob;

export type DocumentKind = 'cv' | 'cover-letter';

// ---------- job descriptions ----------

export interface JobDescription {
  id: string;
  title: string | null;
  company: string | null;
  source: string | null;
  sourceUrl: string | null;
  contentHash: string;
  parsed: ParsedJob | null;
  createdAt: string;
}

export type JobDescriptionInput = { text: string } | { url: string };

// ---------- generations ----------

export const GENERATION_STAGES = ['parse', 'match', 'generate', 'ground', 'ats', 'export'] as const;
export type GenerationStage = (typeof GENERATION_STAGES)[number];

export const GENERATION_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type GenerationStatus = (typeof GENERATION_STATUSES)[number];

export type GeneratorChoice = 'auto' | 'template' | 'llm';
export type Tone = 'formal' | 'warm' | 'concise';
export type Length = 'short' | 'standard' | 'long';

export interface GenerateInput {
  jobDescriptionId?: string;
  jobDescriptionText?: string;
  labelIds?: string[];
  include?: string[];
  exclude?: string[];
  generator?: GeneratorChoice;
  tone?: Tone;
  length?: Length;
  force?: boolean;
}

/** 202 `{id, status}` for a queued generation; 200 with `reused: true` and `documentId` for a recent identical one. */
export interface GenerateAnswer {
  id: string;
  status: GenerationStatus;
  documentId?: string | null;
  reused?: boolean;
}

export interface Generation {
  id: string;
  kind: DocumentKind;
  status: GenerationStatus;
  stage: string | null;
  progress: number | null;
  timings: Record<string, number> | null;
  generator: string | null;
  fallbackReason: string | null;
  tokens: number | Record<string, number> | null;
  cost: number | null;
  documentId: string | null;
  error: string | { code?: string; message?: string } | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface ProgressEvent {
  stage: string;
  percent: number;
  message?: string | null;
}

export interface StatusEvent {
  status: GenerationStatus;
}

export interface DoneEvent {
  status: GenerationStatus;
  documentId: string | null;
}

// ---------- documents ----------

export interface DocumentSummary {
  id: string;
  kind: DocumentKind;
  title: string;
  currentVersion: number;
  saved: boolean;
  expiresAt: string | null;
  jobDescriptionId: string | null;
  atsScore: number | null;
  createdAt: string;
  updatedAt: string;
}

export type VersionAuthor = 'generator' | 'user';

export interface DocumentVersion {
  number: number;
  content: DocumentContent;
  atsReport: AtsReport | null;
  author: VersionAuthor;
  createdAt: string;
}

export interface DocumentEvidence {
  status: EvidenceStatus;
  url: string;
  lastCheckedAt: string | null;
  // Sent by servers with the link checker; absent on older ones.
  reason?: string | null;
  archiveUrl?: string | null;
}

export interface DocumentDetail extends DocumentSummary {
  version: DocumentVersion;
  evidence: Record<string, DocumentEvidence>;
}

export interface VersionSummary {
  number: number;
  author: VersionAuthor;
  atsScore: number | null;
  createdAt: string;
}

export type ChangeType = 'added' | 'removed' | 'changed';

export interface DocumentChange {
  sectionId: string;
  itemId: string | null;
  type: ChangeType;
  before?: unknown;
  after?: unknown;
}

export interface DocumentDiff {
  from: number;
  to: number;
  changes: DocumentChange[];
}

export interface DocumentQuery {
  kind?: DocumentKind;
  saved?: boolean;
  q?: string;
  jobDescriptionId?: string;
  cursor?: string;
}

export const EXPORT_FORMATS = ['pdf', 'docx', 'md', 'html', 'txt', 'json-resume'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ShareLink {
  id: string;
  version: number | null;
  expiresAt: string | null;
  revokedAt: string | null;
  createdAt: string;
}

export interface CreatedShareLink {
  id: string;
  url: string;
  token: string;
  expiresAt: string | null;
}

// ---------- notifications ----------

export interface AppNotification {
  id: string;
  type: string;
  title: string;
  body: string | null;
  link: string | null;
  readAt: string | null;
  createdAt: string;
}

export interface NotificationPage {
  items: AppNotification[];
  nextCursor: string | null;
  unreadCount: number;
}

// ---------- imports ----------

export const IMPORT_STATUSES = ['queued', 'parsing', 'ready', 'failed', 'committed', 'discarded'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** A proposed artifact as the import view shows it: label names (from a restored Dossier export), visibility. */
export type ProposedArtifact = Omit<TPipelineArtifact, 'labels' | 'visibility'> & {
  labels: string[];
  visibility: 'private' | 'public';
  /** One of your artifacts with the same title and start date (importing the same file twice). */
  existingArtifactId?: string | null;
};

export interface ImportProposal {
  profile: TProfile | null;
  artifacts: ProposedArtifact[];
}

export interface ImportJob {
  id: string;
  status: ImportStatus;
  filename: string | null;
  proposal: ImportProposal | null;
  error: string | { code?: string; message?: string } | null;
}
