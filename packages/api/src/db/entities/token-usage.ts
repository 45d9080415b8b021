import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { User } from './user.js';

/** Tokens a user spent on LLM generation per UTC day: the per-user daily budget reads and adds to it. */
export const TokenUsage = defineEntity({
  name: 'TokenUsage',
  tableName: 'token_usage',
  properties: {
    owner: () => p.manyToOne(User).deleteRule('cascade').primary(),
    day: p.string().columnType('date').primary(),
    tokens: p.integer().default(0),
    cost: p.double().default(0),
  },
});
export type ITokenUsage = InferEntity<typeof TokenUsage>;
