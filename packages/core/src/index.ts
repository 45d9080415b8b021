export * from './domain/index.js';
export * from './grounding/index.js';
export * from './llm/index.js';
export * from './net/index.js';
export * from './pipeline/index.js';
export * from './plugins/index.js';
export * from './portfolio/index.js';
export * from './taxonomy/index.js';
