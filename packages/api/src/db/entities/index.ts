export { ApiKey, type IApiKey } from './api-key.js';
export { Artifact, type IArtifact } from './artifact.js';
export { AuditEvent, type IAuditEvent } from './audit-event.js';
export { EVIDENCE_STATUSES, type EvidenceCheck, EvidenceLink, type IEvidenceLink } from './evidence-link.js';
export { type ILabel, Label } from './label.js';
export { type IRefreshToken, RefreshToken } from './refresh-token.js';
export { type ISkill, Skill } from './skill.js';
export { type IUser, User } from './user.js';

import { ApiKey } from './api-key.js';
import { Artifact } from './artifact.js';
import { AuditEvent } from './audit-event.js';
import { EvidenceLink } from './evidence-link.js';
import { Label } from './label.js';
import { RefreshToken } from './refresh-token.js';
import { Skill } from './skill.js';
import { User } from './user.js';

export const ENTITIES = [User, ApiKey, RefreshToken, Label, Artifact, EvidenceLink, Skill, AuditEvent];
