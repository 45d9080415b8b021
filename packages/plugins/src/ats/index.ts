import type { AnyPlugin } from '@dossier/core/plugins';
import { keywordCoverageChecker } from './keyword-coverage-checker.js';
import { parseabilityChecker } from './parseability-checker.js';
import { structureChecker } from './structure-checker.js';

export { type CheckExistingDocumentInput, checkExistingDocument } from './check-existing-document.js';
export * from './emulation/index.js';
export { type ExtractedDocument, extractDocumentText } from './extract-document-text.js';
export { keywordCoverageChecker, parseabilityChecker, structureChecker };

/** The built-in ATS checkers; their handler weights are 0.45, 0.35 and 0.20. */
export const atsCheckerPlugins: AnyPlugin[] = [keywordCoverageChecker, parseabilityChecker, structureChecker];
