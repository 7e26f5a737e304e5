import { randomBytes } from 'node:crypto';
import { appendAudit } from '../audit/append-audit.ts';
import type { Db } from '../db/database.ts';
import { countUsers, insertUser } from '../users/queries.ts';
import { firstStartActor, userCreatedEntry } from '../users/user-audit.ts';
import { hashPassword } from './passwords.ts';

/**
 * On a start with no staff account yet, creates the first admin (server/API.md): from
 * ADMIN_EMAIL/ADMIN_PASSWORD when given, else `admin@localhost` with a random password that
 * is printed once, so a fresh install is never left open nor locked. The audit log names its
 * maker `server:first-start`.
 */
export async function bootstrapAdmin(
  db: Db,
  options: { email?: string | undefined; password?: string | undefined },
  print: (message: string) => void,
) {
  if ((await countUsers(db)) > 0) return null;
  const email = options.email ?? 'admin@localhost';
  const password = options.password ?? randomBytes(12).toString('base64url');
  const passwordHash = await hashPassword(password);
  // Audited like any other new account, so the log starts with the account everything follows.
  const user = await db.transaction().execute(async (trx) => {
    const created = await insertUser(trx, {
      email,
      passwordHash,
      role: 'admin',
      communeCode: null,
    });
    if (created) await appendAudit(trx, userCreatedEntry(firstStartActor, created));
    return created;
  });
  if (!user) return null;
  print(
    options.password
      ? `created the first admin account: ${email}`
      : `created the first admin account: ${email} with password ${password} (shown once; change it after signing in)`,
  );
  return user;
}
