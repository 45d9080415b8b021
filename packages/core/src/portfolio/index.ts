export type {
  Portfolio,
  PortfolioArtifact,
  PortfolioEvidence,
  PortfolioLabel,
  PortfolioProfile,
} from './portfolio.js';
export { type JsonResume, toJsonResume } from './to-json-resume.js';
export { toPipelinePortfolio } from './to-pipeline-portfolio.js';
