import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { countUsers, insertUser } from '../users/queries.ts';
import { hashPassword } from './passwords.ts';

/**
 * On a start with no staff account yet, creates the first admin (server/API.md): from
 * ADMIN_EMAIL/ADMIN_PASSWORD when given, else `admin@localhost` with a random password that
 * is printed once, so a fresh install is never left open nor locked.
 */
export async function bootstrapAdmin(
  db: Db,
  options: { email?: string | undefined; password?: string | undefined },
  print: (message: string) => void,
) {
  if ((await countUsers(db)) > 0) return null;
  const email = options.email ?? 'admin@localhost';
  const password = options.password ?? randomBytes(12).toString('base64url');
  const user = await insertUser(db, {
    email,
    passwordHash: await hashPassword(password),
    role: 'admin',
    communeCode: null,
  });
  if (!user) return null;
  print(
    options.password
      ? `created the first admin account: ${email}`
      : `created the first admin account: ${email} with password ${password} (shown once; change it after signing in)`,
  );
  return user;
}
