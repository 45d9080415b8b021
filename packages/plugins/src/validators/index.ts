import type { AnyPlugin } from '@dossier/core';
import { doiValidator } from './doi-validator.js';
import { githubValidator } from './github-validator.js';
import { httpValidator } from './http-validator.js';

export {
  type CheckLinksOptions,
  checkLinks,
  type LinkCheckResult,
  type LinkRules,
  type LinkStatus,
  type StatusOverride,
} from './check-links.js';
export { detectBotWall } from './classify-response.js';
export { type DoiValidatorOptions, doiValidator, parseDoi } from './doi-validator.js';
export { type GithubValidatorOptions, githubValidator, parseGithubUrl } from './github-validator.js';
export {
  createHttpCheck,
  type HttpCheck,
  type HttpValidatorOptions,
  httpValidator,
  linkCheckUserAgent,
} from './http-validator.js';

/** The built-in evidence validators; the lowest `order` whose `handles(url)` is true checks a link. */
export const evidenceValidatorPlugins: AnyPlugin[] = [githubValidator, doiValidator, httpValidator];
