import { z } from 'zod';
import { ZEmail } from '../auth/schema.js';

export const ZDeleteAccount = z.object({ password: z.string().min(1).max(200) }).strict();
export type TDeleteAccount = z.infer<typeof ZDeleteAccount>;

export const ZUpdateAccount = z
  .object({
    name: z.string().trim().max(200).nullable().optional(),
    email: ZEmail.optional(),
    /** Needed when the e-mail changes. */
    currentPassword: z.string().min(1).max(200).optional(),
  })
  .strict()
  .refine((v) => v.name !== undefined || v.email !== undefined, {
    message: 'Give a name or an e-mail to change',
  });
export type TUpdateAccount = z.infer<typeof ZUpdateAccount>;

export const ZChangePassword = z
  .object({
    currentPassword: z.string().min(1).max(200),
    newPassword: z.string().min(10, 'Must be at least 10 characters').max(200),
  })
  .strict();
export type TChangePassword = z.infer<typeof ZChangePassword>;

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

export const ZSessionParams = z.object({ id: z.string().uuid() });

export const ZSessionView = z.object({
  id: z.string(),
  current: z.boolean(),
  device: z.string().nullable(),
  userAgent: z.string().nullable(),
  signedInAt: z.string(),
  renewedAt: z.string(),
  expiresAt: z.string(),
});
