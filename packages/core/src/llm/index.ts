export * from './create-budget.js';
export * from './create-circuit-breaker.js';
export * from './create-llm-port.js';
export * from './llm-port.js';
export * from './with-retries.js';
