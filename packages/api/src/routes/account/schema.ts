import { z } from 'zod';

export const ZDeleteAccount = z.object({ password: z.string().min(1).max(200) }).strict();
export type TDeleteAccount = z.infer<typeof ZDeleteAccount>;

export const ZCreateApiKey = z.object({ name: z.string().trim().min(1).max(100) }).strict();
export type TCreateApiKey = z.infer<typeof ZCreateApiKey>;

export const ZApiKeyParams = z.object({ id: z.string().uuid() });

export const ZApiKeyView = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
