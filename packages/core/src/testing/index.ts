export * from './contract/index.js';
export * from './fake-llm-server.js';
