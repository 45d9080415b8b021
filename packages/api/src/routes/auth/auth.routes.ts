import { loginUser } from '../../commands/login-user.js';
import { logoutSession, refreshSession } from '../../commands/refresh-session.js';
import { registerUser } from '../../commands/register-user.js';
import { User } from '../../db/entities/index.js';
import { AppError } from '../../errors/app-error.js';
import { type AnyRoute, defineRoute } from '../../http/define-route.js';
import { presentUser } from '../../presenters/present-user.js';
import { ZLogin, ZMe, ZRefresh, ZRegister, ZSession } from './schema.js';

export const authRoutes: AnyRoute[] = [
  defineRoute({
    method: 'post',
    path: '/auth/register',
    tag: 'auth',
    summary: 'Create an account and start a session',
    auth: 'public',
    rateLimited: true,
    body: ZRegister,
    response: { status: 201, schema: ZSession },
    async handler({ ctx, em, services, input, requestId }) {
      const session = await registerUser({
        em,
        services,
        ...input.body,
        userAgent: ctx.get('user-agent'),
        requestId,
      });
      return { status: 201, body: session };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/auth/login',
    tag: 'auth',
    summary: 'Log in with e-mail and password',
    auth: 'public',
    rateLimited: true,
    body: ZLogin,
    response: { status: 200, schema: ZSession },
    async handler({ ctx, em, services, input, requestId }) {
      return {
        body: await loginUser({
          em,
          services,
          ...input.body,
          address: ctx.ip,
          userAgent: ctx.get('user-agent'),
          requestId,
        }),
      };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/auth/refresh',
    tag: 'auth',
    summary: 'Exchange a refresh token for a new session (rotation with reuse detection)',
    auth: 'public',
    rateLimited: true,
    body: ZRefresh,
    response: { status: 200, schema: ZSession },
    async handler({ ctx, em, services, input, requestId }) {
      return {
        body: await refreshSession({
          em,
          services,
          refreshToken: input.body.refreshToken,
          userAgent: ctx.get('user-agent'),
          requestId,
        }),
      };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/auth/logout',
    tag: 'auth',
    summary:
      'End the session of a refresh token (its access tokens too); the refresh token is the credential, so an expired access token does not stand in the way',
    auth: 'public',
    rateLimited: true,
    body: ZRefresh,
    response: { status: 204 },
    async handler({ em, services, input, requestId }) {
      await logoutSession({ em, services, refreshToken: input.body.refreshToken, requestId });
      return { status: 204 };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/auth/me',
    tag: 'auth',
    summary: 'The current user',
    auth: 'user',
    response: { status: 200, schema: ZMe },
    async handler({ em, principal }) {
      const user = await em.findOne(User, { id: principal.userId });
      if (!user) throw new AppError('UNAUTHENTICATED', 'The account no longer exists');
      return { body: { user: presentUser(user) } };
    },
  }),
];
