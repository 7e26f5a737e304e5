import type { FastifyInstance } from 'fastify';
import { hashPassword } from '../../server/auth/passwords.ts';
import type { Db } from '../../server/db/database.ts';
import { insertUser } from '../../server/users/queries.ts';
import type { Role } from '../../server/users/schema.ts';

export const staffPassword = 'correct horse battery staple';

/**
 * What a browser sends with a change made from our own staff page: `app.inject`'s default
 * host is localhost:80, so this is the server's own origin.
 */
export const sameOrigin = { origin: 'http://localhost:80' } as const;

let counter = 0;
let passwordHash: Promise<string> | undefined;

/**
 * A staff account with a known password and a unique e-mail. An enumerator takes its communes
 * as `communeCodes`.
 */
export async function createStaff(
  db: Db,
  role: Role,
  communeCode: string | null = null,
  communeCodes: readonly string[] = [],
) {
  passwordHash ??= hashPassword(staffPassword);
  counter += 1;
  const email = `${role}.${counter}.${Date.now()}@cbhpi.test`;
  const user = await insertUser(db, {
    email,
    passwordHash: await passwordHash,
    role,
    communeCode,
    communeCodes,
  });
  if (!user) throw new Error('could not create test staff');
  return user;
}

/** Signs in and returns the `cookie` header value that carries the session. */
export async function signIn(app: FastifyInstance, email: string, password = staffPassword) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'cbhpi_session');
  if (!cookie) throw new Error('no session cookie');
  return `${cookie.name}=${cookie.value}`;
}

/** A signed-in staff member of this role: their account and their cookie. */
export async function signedInStaff(
  app: FastifyInstance,
  db: Db,
  role: Role,
  communeCode: string | null = null,
  communeCodes: readonly string[] = [],
) {
  const user = await createStaff(db, role, communeCode, communeCodes);
  return { user, cookie: await signIn(app, user.email) };
}
