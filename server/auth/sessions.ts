import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Staff } from '../users/schema.ts';
import { hashToken, newToken } from './tokens.ts';

/** A working day: long enough for a session of analysis, short enough that a forgotten one ends. */
export const sessionHours = 8;

export async function createSession(db: Db, userId: string): Promise<string> {
  const token = newToken();
  await db
    .insertInto('sessions')
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      // The database's clock decides expiry, the same clock that checks it.
      expires_at: sql<Date>`now() + make_interval(hours => ${sessionHours})`,
    })
    .execute();
  return token;
}

/** The staff member a session token belongs to, or null when it is unknown, expired, revoked or their account is disabled. */
export async function findStaffBySession(db: Db, token: string): Promise<Staff | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.email', 'users.role', 'users.commune_code'])
    .where('sessions.token_hash', '=', hashToken(token))
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', sql<Date>`now()`)
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
  return row
    ? { id: row.id, email: row.email, role: row.role, communeCode: row.commune_code }
    : null;
}

export async function revokeSession(db: Db, token: string) {
  await db
    .updateTable('sessions')
    .set({ revoked_at: new Date() })
    .where('token_hash', '=', hashToken(token))
    .where('revoked_at', 'is', null)
    .execute();
}
