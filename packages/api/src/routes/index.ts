import type { AnyRoute } from '../http/define-route.js';
import { accountRoutes } from './account/account.routes.js';
import { artifactRoutes } from './artifacts/artifacts.routes.js';
import { authRoutes } from './auth/auth.routes.js';
import { documentRoutes } from './documents/documents.routes.js';
import { evalRoutes } from './eval/eval.routes.js';
import { evidenceRoutes } from './evidence/evidence.routes.js';
import { exportRoutes } from './export/export.routes.js';
import { generationRoutes } from './generations/generations.routes.js';
import { importRoutes } from './imports/imports.routes.js';
import { jobDescriptionRoutes } from './job-descriptions/job-descriptions.routes.js';
import { labelRoutes } from './labels/labels.routes.js';
import { notificationRoutes } from './notifications/notifications.routes.js';
import { portfolioRoutes } from './portfolio/portfolio.routes.js';
import { shareRoutes } from './shares/shares.routes.js';
import { skillRoutes } from './skills/skills.routes.js';
import { trashRoutes } from './trash/trash.routes.js';

/** Every API route; the OpenAPI document and the authorization matrix are built from this list. */
export const ALL_ROUTES: AnyRoute[] = [
  ...authRoutes,
  ...artifactRoutes,
  ...trashRoutes,
  ...portfolioRoutes,
  ...accountRoutes,
  ...evidenceRoutes,
  ...labelRoutes,
  ...skillRoutes,
  ...documentRoutes,
  ...exportRoutes,
  ...shareRoutes,
  ...importRoutes,
  ...generationRoutes,
  ...jobDescriptionRoutes,
  ...notificationRoutes,
  ...evalRoutes,
];
