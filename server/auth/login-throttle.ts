import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { hashToken } from './tokens.ts';

/**
 * Slows down password guessing, in the database so that every server process sees the same
 * count. Each sign-in attempt first reserves its place under three counters; past a
 * counter's `free` attempts, the next one is heard only 2^(attempts − free) seconds after
 * the last one heard, up to `maxWaitSeconds`.
 *
 * - `pair`, one e-mail from one address: the steep one, where a guesser sits.
 * - `address`, one address over all e-mails: a spray of e-mails; wider, since a whole
 *   commune office may share one address.
 * - `email`, one e-mail from every address: guessing spread over many addresses; wide and
 *   gentle, so that a guesser elsewhere cannot keep the real person out for long.
 *
 * A success clears the e-mail's counters. Attempts refused by the throttle are not counted:
 * hammering does not lengthen the wait.
 */
const policy = {
  pair: { free: 5, maxWaitSeconds: 15 * 60 },
  address: { free: 20, maxWaitSeconds: 15 * 60 },
  email: { free: 50, maxWaitSeconds: 60 },
} as const;
type Counter = keyof typeof policy;

export type ThrottleKeys = { email: string; address: string };

// The address is hashed: the table must not become a list of who tried to sign in from where.
const keysOf = ({ email, address }: ThrottleKeys): Record<Counter, string> => {
  const lower = email.toLowerCase();
  return {
    pair: `pair:${hashToken(`${lower}\n${address}`)}`,
    address: `address:${hashToken(address)}`,
    email: `email:${lower}`,
  };
};

/**
 * Reserves an attempt under one counter, or refuses it, in one statement: the upsert's
 * row lock orders concurrent attempts, so no two of them can both take the last free place.
 * Returns whether the attempt may go on.
 */
async function reserve(db: Db, key: string, { free, maxWaitSeconds }: (typeof policy)[Counter]) {
  const row = await db
    .insertInto('login_failures')
    .values({ key, failures: 1, last_failure_at: sql<Date>`now()` })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({
          failures: sql`login_failures.failures + 1`,
          last_failure_at: sql<Date>`now()`,
        })
        .where((eb) =>
          eb.or([
            eb('login_failures.failures', '<', free),
            sql<boolean>`login_failures.last_failure_at + least(power(2, login_failures.failures - ${free}), ${maxWaitSeconds}) * interval '1 second' <= now()`,
          ]),
        ),
    )
    .returning('failures')
    .executeTakeFirst();
  return row !== undefined;
}

/** Seconds until `key` hears another attempt (at least 1: it has just refused one). */
async function waitSeconds(
  db: Db,
  key: string,
  { free, maxWaitSeconds }: (typeof policy)[Counter],
) {
  const row = await db
    .selectFrom('login_failures')
    .select([
      'failures',
      sql<number>`extract(epoch from (now() - last_failure_at))::float8`.as('elapsed'),
    ])
    .where('key', '=', key)
    .executeTakeFirst();
  if (!row) return 1;
  const required = Math.min(2 ** (row.failures - free), maxWaitSeconds);
  return Math.max(Math.ceil(required - Number(row.elapsed)), 1);
}

/**
 * Reserves this attempt under every counter, steepest first, before the password is
 * checked. Returns 0 when it may be checked, or the seconds to wait when it is refused.
 */
export async function reserveLoginAttempt(db: Db, keys: ThrottleKeys): Promise<number> {
  const k = keysOf(keys);
  for (const counter of ['pair', 'address', 'email'] as const) {
    if (!(await reserve(db, k[counter], policy[counter]))) {
      return waitSeconds(db, k[counter], policy[counter]);
    }
  }
  return 0;
}

/** After a success: the e-mail starts afresh, from this address and overall. */
export async function clearLoginFailures(db: Db, keys: ThrottleKeys) {
  const k = keysOf(keys);
  await db.deleteFrom('login_failures').where('key', 'in', [k.pair, k.email]).execute();
}
