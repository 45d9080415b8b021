export * from './llm-port.js';
