export * from './domain/evidence-kind.js';
export * from './portfolio/index.js';
export * from './taxonomy/index.js';
