// Browser-safe exports only: domain types and zod schemas; no node: imports, no large data.
export * from './domain/index.js';
