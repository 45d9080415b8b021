export { ApiKey, type IApiKey } from './api-key.js';
export { Artifact, type IArtifact } from './artifact.js';
export { AuditEvent, type IAuditEvent } from './audit-event.js';
export { DeletedArtifact, type IDeletedArtifact, type TrashSnapshot } from './deleted-artifact.js';
export {
  DeletedDocument,
  type DocumentTrashSnapshot,
  type IDeletedDocument,
} from './deleted-document.js';
export { DeletedLabel, type IDeletedLabel, type LabelTrashSnapshot } from './deleted-label.js';
export { Document, type IDocument } from './document.js';
export { DocumentVersion, type IDocumentVersion } from './document-version.js';
export { EVAL_RUN_STATUSES, EvalRun, type EvalRunStatus, type IEvalRun } from './eval-run.js';
export {
  EVIDENCE_STATUSES,
  type EvidenceCheck,
  EvidenceLink,
  type EvidenceStatus,
  type IEvidenceLink,
} from './evidence-link.js';
export { ExportLog, type IExportLog } from './export-log.js';
export { GENERATION_STATUSES, Generation, type GenerationInputs, type IGeneration } from './generation.js';
export { type IImportJob, ImportJob } from './import-job.js';
export { type IJobDescription, JobDescription } from './job-description.js';
export { type ILabel, Label } from './label.js';
export { type INotification, Notification } from './notification.js';
export { type IRefreshToken, RefreshToken } from './refresh-token.js';
export { type ISessionRevocation, SessionRevocation } from './session-revocation.js';
export { type IShareLink, ShareLink } from './share-link.js';
export { type ISkill, Skill } from './skill.js';
export { type ITokenUsage, TokenUsage } from './token-usage.js';
export { type IUser, User } from './user.js';

import { ApiKey } from './api-key.js';
import { Artifact } from './artifact.js';
import { AuditEvent } from './audit-event.js';
import { DeletedArtifact } from './deleted-artifact.js';
import { DeletedDocument } from './deleted-document.js';
import { DeletedLabel } from './deleted-label.js';
import { Document } from './document.js';
import { DocumentVersion } from './document-version.js';
import { EvalRun } from './eval-run.js';
import { EvidenceLink } from './evidence-link.js';
import { ExportLog } from './export-log.js';
import { Generation } from './generation.js';
import { ImportJob } from './import-job.js';
import { JobDescription } from './job-description.js';
import { Label } from './label.js';
import { Notification } from './notification.js';
import { RefreshToken } from './refresh-token.js';
import { SessionRevocation } from './session-revocation.js';
import { ShareLink } from './share-link.js';
import { Skill } from './skill.js';
import { TokenUsage } from './token-usage.js';
import { User } from './user.js';

export const ENTITIES = [
  User,
  ApiKey,
  RefreshToken,
  SessionRevocation,
  Label,
  Artifact,
  DeletedArtifact,
  EvidenceLink,
  Skill,
  AuditEvent,
  JobDescription,
  Generation,
  Document,
  DocumentVersion,
  DeletedDocument,
  DeletedLabel,
  ExportLog,
  ShareLink,
  Notification,
  TokenUsage,
  ImportJob,
  EvalRun,
];
