import { randomBytes } from 'node:crypto';
import { registerUser } from '../commands/register-user.js';
import type { TestContext } from './create-test-context.js';

/** An administrator's access token (registration through the API always makes members). */
export async function signUpAdmin(t: TestContext): Promise<string> {
  const session = await registerUser({
    em: t.services.orm.em.fork(),
    services: t.services,
    email: `admin-${randomBytes(4).toString('hex')}@example.test`,
    password: 'correct horse battery',
    role: 'admin',
  });
  return session.accessToken;
}
