import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { hashPassword } from '../crypto/passwords.js';
import { Label, User } from '../db/entities/index.js';
import { ZArtifactCreate } from '../routes/artifacts/schema.js';
import type { Services } from '../services/create-services.js';
import { createArtifact } from './save-artifact.js';

export const DEMO_EMAIL = 'demo@dossier.local';
export const DEMO_PASSWORD = 'dossier-demo-2026';
const DEFAULT_FIXTURE = fileURLToPath(new URL('../../../../fixtures/demo-portfolio.json', import.meta.url));

const ZFixture = z.object({
  profile: z.object({ name: z.string() }).passthrough(),
  labels: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      description: z.string().optional(),
      colour: z.string().optional(),
      skillFocus: z.array(z.string()).default([]),
    }),
  ),
  artifacts: z.array(z.object({ labels: z.array(z.string()).default([]) }).passthrough()),
});

/**
 * Creates the demo account with the in-house fixture portfolio, once. Returns the credentials so `npm start`
 * can print them.
 */
export async function seedDemo({
  em,
  services,
  fixturePath = DEFAULT_FIXTURE,
}: {
  em: EntityManager;
  services: Services;
  fixturePath?: string;
}): Promise<{ email: string; password: string; created: boolean }> {
  if (await em.count(User, { email: DEMO_EMAIL }))
    return { email: DEMO_EMAIL, password: DEMO_PASSWORD, created: false };
  const fixture = ZFixture.parse(JSON.parse(readFileSync(fixturePath, 'utf8')));
  const user = em.create(User, {
    email: DEMO_EMAIL,
    name: fixture.profile.name,
    passwordHash: await hashPassword(DEMO_PASSWORD),
  });
  const labelIds = new Map<string, string>();
  for (const l of fixture.labels) {
    const label = em.create(Label, {
      owner: user,
      name: l.name,
      nameKey: l.name.trim().toLowerCase(),
      description: l.description ?? null,
      colour: l.colour ?? '#4f46e5',
      skillFocus: l.skillFocus,
    });
    labelIds.set(l.key, label.id);
  }
  await em.flush();
  for (const a of fixture.artifacts) {
    const { labels, ...rest } = a;
    const input = ZArtifactCreate.parse({
      ...rest,
      labelIds: labels.map((k) => labelIds.get(k)).filter(Boolean),
    });
    await createArtifact({ em, services, ownerId: user.id, input });
  }
  return { email: DEMO_EMAIL, password: DEMO_PASSWORD, created: true };
}
