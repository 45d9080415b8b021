export {
  checkGrounding,
  type GroundingResult,
  type GroundingViolation,
  type GroundingViolationKind,
} from './check-grounding.js';
export {
  type ClaimChecker,
  type ClaimCheckerOptions,
  type ClaimIssue,
  type ClaimKind,
  type ClaimSupport,
  createClaimChecker,
} from './create-claim-checker.js';
export {
  comparePartialDates,
  monthsBetween,
  type PartialDate,
  parsePartialDate,
} from './parse-partial-date.js';
