import { z } from 'zod';

export const ZTrashParams = z.object({ id: z.string().uuid() });

export const ZDeletedArtifactView = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  role: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  technologies: z.array(z.string()),
  collaborators: z.array(z.string()),
  outcomes: z.array(z.string()),
  visibility: z.string(),
  evidence: z.array(
    z.object({
      id: z.string(),
      url: z.string(),
      title: z.string().nullable(),
      kind: z.string(),
      status: z.string(),
    }),
  ),
  labels: z.array(z.object({ id: z.string(), name: z.string(), colour: z.string() })),
  deletedAt: z.string(),
  purgeAfter: z.string(),
});
