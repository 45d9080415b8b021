import { z } from 'zod';

const ZColour = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'Must be a colour as #rrggbb')
  .transform((s) => s.toLowerCase());

const ZSkillFocus = z.array(z.string().trim().min(1).max(100)).max(50);

const labelFields = {
  name: z.string().trim().min(1).max(80),
  description: z.string().trim().max(2000).nullish(),
  colour: ZColour,
  skillFocus: ZSkillFocus,
};

export const ZLabelCreate = z
  .object({
    name: labelFields.name,
    description: labelFields.description,
    colour: labelFields.colour.optional(),
    skillFocus: labelFields.skillFocus.default([]),
  })
  .strict();
export type TLabelCreate = z.infer<typeof ZLabelCreate>;

export const ZLabelUpdate = z
  .object({
    name: labelFields.name.optional(),
    description: labelFields.description,
    colour: labelFields.colour.optional(),
    skillFocus: labelFields.skillFocus.optional(),
  })
  .strict();
export type TLabelUpdate = z.infer<typeof ZLabelUpdate>;

export const ZLabelParams = z.object({ id: z.string().uuid() });
export type TLabelParams = z.infer<typeof ZLabelParams>;

export const ZLabelArtifactParams = z.object({ id: z.string().uuid(), artifactId: z.string().uuid() });
export type TLabelArtifactParams = z.infer<typeof ZLabelArtifactParams>;

const ZArtifactIds = z.array(z.string().uuid()).max(500);

/** Attach a label to many artifacts and detach it from many, in one request. */
export const ZLabelArtifactsChange = z
  .object({
    add: ZArtifactIds.default([]),
    remove: ZArtifactIds.default([]),
  })
  .strict()
  .refine((v) => v.add.length + v.remove.length > 0, {
    message: 'Name at least one artifact to add or remove',
  })
  .refine((v) => !v.add.some((id) => v.remove.includes(id)), {
    message: 'An artifact cannot be both added and removed',
    path: ['remove'],
  });
export type TLabelArtifactsChange = z.infer<typeof ZLabelArtifactsChange>;

export const ZLabelArtifactsChanged = z.object({
  /** Artifacts that gained the label (those that had it already are not counted). */
  added: z.number().int(),
  /** Artifacts that lost it. */
  removed: z.number().int(),
});

export const ZLabelView = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  colour: z.string(),
  skillFocus: z.array(z.string()),
  artifactCount: z.number().int(),
});
export type TLabelView = z.infer<typeof ZLabelView>;

export const ZLabelList = z.object({ items: z.array(ZLabelView) });
