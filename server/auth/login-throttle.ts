import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { hashToken } from './tokens.ts';

/**
 * Slows down password guessing, per e-mail and per client address, in the database so that
 * every server process sees the same count. After `free` failures, each further attempt must
 * wait 2^(failures − free) seconds after the last failure, up to 15 minutes; a success clears
 * the e-mail's count. Addresses get more free attempts than e-mails, since a whole commune
 * office may share one.
 */
const policy = { email: 5, address: 20 } as const;
const maxWaitSeconds = 15 * 60;

export type ThrottleKeys = { email: string; address: string };

// The address is hashed: the table must not become a list of who tried to sign in from where.
const keysOf = ({ email, address }: ThrottleKeys) => ({
  email: `email:${email.toLowerCase()}`,
  address: `address:${hashToken(address)}`,
});

/** Seconds to wait before another attempt is heard, or 0. */
export async function loginWaitSeconds(db: Db, keys: ThrottleKeys): Promise<number> {
  const k = keysOf(keys);
  const rows = await db
    .selectFrom('login_failures')
    .select([
      'key',
      'failures',
      sql<number>`extract(epoch from (now() - last_failure_at))::float8`.as('elapsed'),
    ])
    .where('key', 'in', [k.email, k.address])
    .execute();
  let wait = 0;
  for (const row of rows) {
    const free = row.key === k.email ? policy.email : policy.address;
    if (row.failures < free) continue;
    const required = Math.min(2 ** (row.failures - free), maxWaitSeconds);
    wait = Math.max(wait, Math.ceil(required - Number(row.elapsed)));
  }
  return Math.max(wait, 0);
}

export async function recordLoginFailure(db: Db, keys: ThrottleKeys) {
  const k = keysOf(keys);
  await db
    .insertInto('login_failures')
    .values(
      [k.email, k.address].map((key) => ({ key, failures: 1, last_failure_at: sql<Date>`now()` })),
    )
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: sql`login_failures.failures + 1`,
        last_failure_at: sql<Date>`now()`,
      }),
    )
    .execute();
}

export async function clearLoginFailures(db: Db, keys: ThrottleKeys) {
  await db.deleteFrom('login_failures').where('key', '=', keysOf(keys).email).execute();
}
