export { ATS_EXTRACTOR_NAMES, ATS_EXTRACTORS } from './ats-extractors.js';
export {
  ATS_PROFILE_NAMES,
  ATS_PROFILES,
  type AtsProfile,
  type AtsProfileRules,
  selectAtsProfiles,
} from './ats-profiles.js';
export { extractDocxXml } from './extract-docx-xml.js';
export { extractWithMammoth } from './extract-with-mammoth.js';
export { extractWithPdfjs } from './extract-with-pdfjs.js';
export { extractWithPdftotext, type PdftotextMode, type PdftotextOptions } from './extract-with-pdftotext.js';
export {
  type AtsEmulationReport,
  type AtsEmulationResult,
  type RunAtsEmulationInput,
  runAtsEmulation,
} from './run-ats-emulation.js';
export type {
  AtsExtraction,
  AtsExtractionOutcome,
  AtsExtractor,
  AtsExtractorOptions,
  AtsFormat,
  ExtractedLine,
  ExtractorCapabilities,
} from './types.js';
