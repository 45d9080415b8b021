export * from './ats-report.js';
export * from './content-to-text.js';
export * from './diagnostic.js';
export * from './document-content.js';
export * from './evidence-kind.js';
export * from './job-description.js';
export * from './pipeline-artifact.js';
