import { z } from 'zod';

export const ZEmail = z
  .string()
  .trim()
  .max(320)
  .email('Must be a valid e-mail address')
  .transform((s) => s.toLowerCase());

export const ZRegister = z
  .object({
    email: ZEmail,
    password: z.string().min(10, 'Must be at least 10 characters').max(200),
    name: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export type TRegister = z.infer<typeof ZRegister>;

export const ZLogin = z.object({ email: ZEmail, password: z.string().min(1).max(200) }).strict();
export type TLogin = z.infer<typeof ZLogin>;

export const ZRefresh = z.object({ refreshToken: z.string().min(10).max(200) }).strict();
export type TRefresh = z.infer<typeof ZRefresh>;

export const ZUserView = z.object({
  id: z.string().uuid(),
  email: z.string(),
  name: z.string().nullable(),
  role: z.enum(['user', 'admin']),
  createdAt: z.string(),
});

export const ZSession = z.object({ accessToken: z.string(), refreshToken: z.string(), user: ZUserView });
export const ZMe = z.object({ user: ZUserView });
