import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { communeCodesOf } from '../users/queries.ts';
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
    // An enumerator's communes ride along in the same read: one round trip per request.
    .select(
      sql<string[] | string | null>`(select json_agg(uc.commune_code order by uc.commune_code)
        from user_communes uc where uc.user_id = users.id)`.as('enumerator_communes'),
    )
    .where('sessions.token_hash', '=', hashToken(token))
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', sql<Date>`now()`)
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  const communeCodes = communeCodesOf(row, parseCodes(row.enumerator_communes));
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    communeCode: row.commune_code,
    communeCodes,
  };
}

export async function revokeSession(db: Db, token: string) {
  await db
    .updateTable('sessions')
    .set({ revoked_at: new Date() })
    .where('token_hash', '=', hashToken(token))
    .where('revoked_at', 'is', null)
    .execute();
}

/** `json_agg` arrives parsed from PostgreSQL and the embedded database alike; text as a fallback. */
function parseCodes(value: string[] | string | null): string[] {
  if (value === null) return [];
  return typeof value === 'string' ? (JSON.parse(value) as string[]) : value;
}
