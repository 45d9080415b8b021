export * from './build-llm-port-from-config.js';
export * from './create-anthropic-provider.js';
export type { LlmFetch } from './create-chat-completions-provider.js';
export * from './create-openai-provider.js';
export { mapLlmError, parseRetryAfter } from './map-llm-error.js';
export { parseJsonReply } from './parse-json-reply.js';
