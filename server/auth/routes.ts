import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { errorSchema } from '../shared-schemas.ts';
import { findUserByEmail } from '../users/queries.ts';
import { loginSchema, staffSchema } from '../users/schema.ts';
import { staffOf, staffRoles } from './access.ts';
import { clearSessionCookie, sessionCookie, setSessionCookie } from './cookie.ts';
import { clearLoginFailures, reserveLoginAttempt } from './login-throttle.ts';
import { verifyPassword } from './passwords.ts';
import { createSession, findStaffBySession, revokeSession } from './sessions.ts';

export type AuthRoutesOptions = { db: Db; secureCookies: boolean };

const wrongCredentials = 'Wrong e-mail or password';

export const authRoutes: FastifyPluginAsyncZod<AuthRoutesOptions> = async (
  app,
  { db, secureCookies },
) => {
  app.post(
    '/auth/login',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Sign in; sets an HttpOnly session cookie',
        tags: ['auth'],
        body: loginSchema,
        response: { 200: staffSchema, 401: errorSchema, 429: errorSchema },
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      const keys = { email, address: request.ip };
      // Reserved before the password is checked, so concurrent guesses cannot all slip past.
      const wait = await reserveLoginAttempt(db, keys);
      if (wait > 0) {
        reply.header('retry-after', String(wait));
        throw new AppError(429, 'rate_limited', `Too many failed sign-ins; try again in ${wait} s`);
      }
      const user = await findUserByEmail(db, email);
      const ok = await verifyPassword(user?.password_hash ?? null, password);
      if (!user || !ok || user.disabled_at !== null) {
        // The same answer whether the e-mail exists, the password is wrong or the account is disabled.
        throw new AppError(401, 'unauthorized', wrongCredentials);
      }
      await clearLoginFailures(db, keys);
      const token = await createSession(db, user.id);
      setSessionCookie(reply, token, secureCookies);
      const staff = await findStaffBySession(db, token);
      if (!staff) throw new AppError(401, 'unauthorized', wrongCredentials);
      return staff;
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: 'public' },
      schema: { summary: 'Sign out: ends the session', tags: ['auth'] },
    },
    async (request, reply) => {
      const token = request.cookies[sessionCookie.name];
      if (token) await revokeSession(db, token);
      clearSessionCookie(reply, secureCookies);
      return reply.status(204).send();
    },
  );

  app.get(
    '/auth/me',
    {
      config: { access: staffRoles.signedIn },
      schema: { summary: 'Who is signed in', tags: ['auth'], response: { 200: staffSchema } },
    },
    async (request) => staffOf(request),
  );
};
