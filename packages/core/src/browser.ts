// Browser-safe exports only: no node: imports, no large data.
export * from './domain/evidence-kind.js';
