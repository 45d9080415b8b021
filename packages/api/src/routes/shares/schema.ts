import { z } from 'zod';

/** How long a share link lives when the request does not say. */
export const DEFAULT_SHARE_DAYS = 30;

export const ZShareParams = z.object({ id: z.string().uuid(), shareId: z.string().uuid() });

export const ZShareCreate = z
  .object({
    expiresInDays: z.number().int().min(1).max(365).default(DEFAULT_SHARE_DAYS),
    /** Pins the link to one version; without it the link follows the current version. */
    version: z.number().int().min(1).max(2_147_483_647).optional(),
  })
  .strict();
export type TShareCreate = z.infer<typeof ZShareCreate>;

export const ZShareCreated = z.object({
  id: z.string(),
  url: z.string(),
  token: z.string(),
  expiresAt: z.string(),
});

export const ZShareList = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      version: z.number().nullable(),
      expiresAt: z.string().nullable(),
      revokedAt: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
});
