import type { AnyRoute } from '../http/define-route.js';
import { accountRoutes } from './account/account.routes.js';
import { artifactRoutes } from './artifacts/artifacts.routes.js';
import { authRoutes } from './auth/auth.routes.js';
import { evidenceRoutes } from './evidence/evidence.routes.js';
import { labelRoutes } from './labels/labels.routes.js';
import { portfolioRoutes } from './portfolio/portfolio.routes.js';
import { skillRoutes } from './skills/skills.routes.js';

/** Every API route; the OpenAPI document and the authorization matrix are built from this list. */
export const ALL_ROUTES: AnyRoute[] = [
  ...authRoutes,
  ...artifactRoutes,
  ...portfolioRoutes,
  ...accountRoutes,
  ...evidenceRoutes,
  ...labelRoutes,
  ...skillRoutes,
];
