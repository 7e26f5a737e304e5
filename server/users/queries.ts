import type { Db } from '../db/database.ts';
import type { Role, User } from './schema.ts';

type UserRow = {
  id: string;
  email: string;
  role: Role;
  commune_code: string | null;
  disabled_at: Date | null;
  created_at: Date;
};

const userColumns = ['id', 'email', 'role', 'commune_code', 'disabled_at', 'created_at'] as const;

/**
 * The communes a user works in, as `User.communeCodes` and `Staff.communeCodes` say: an
 * enumerator's from `user_communes`, an officer's one commune, none for the other roles.
 */
export function communeCodesOf(
  row: { role: Role; commune_code: string | null },
  enumeratorCommunes: readonly string[],
): string[] {
  if (row.role === 'enumerator') return [...enumeratorCommunes];
  return row.role === 'commune_officer' && row.commune_code ? [row.commune_code] : [];
}

export function toUser(row: UserRow, enumeratorCommunes: readonly string[] = []): User {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    communeCode: row.commune_code,
    communeCodes: communeCodesOf(row, enumeratorCommunes),
    disabled: row.disabled_at !== null,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** Each listed user's rows of `user_communes`, by user id, codes in order. */
async function userCommunes(db: Db, userIds: readonly string[]) {
  const byUser = new Map<string, string[]>();
  if (userIds.length === 0) return byUser;
  const rows = await db
    .selectFrom('user_communes')
    .select(['user_id', 'commune_code'])
    .where('user_id', 'in', userIds)
    .orderBy('commune_code')
    .execute();
  for (const row of rows)
    byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row.commune_code]);
  return byUser;
}

async function withCommunes(db: Db, rows: UserRow[]): Promise<User[]> {
  const enumerators = rows.filter((row) => row.role === 'enumerator').map((row) => row.id);
  const communes = await userCommunes(db, enumerators);
  return rows.map((row) => toUser(row, communes.get(row.id) ?? []));
}

/** Replaces an enumerator's communes (none for any other role), in the caller's transaction. */
async function setUserCommunes(trx: Db, userId: string, communeCodes: readonly string[]) {
  await trx.deleteFrom('user_communes').where('user_id', '=', userId).execute();
  if (communeCodes.length === 0) return;
  await trx
    .insertInto('user_communes')
    .values(communeCodes.map((code) => ({ user_id: userId, commune_code: code })))
    .execute();
}

export async function listUsers(db: Db): Promise<User[]> {
  const rows = await db.selectFrom('users').select(userColumns).orderBy('email').execute();
  return withCommunes(db, rows);
}

export function findUserByEmail(db: Db, email: string) {
  return db
    .selectFrom('users')
    .select([...userColumns, 'password_hash'])
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
}

export async function findUser(db: Db, id: string) {
  const row = await db
    .selectFrom('users')
    .select(userColumns)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? ((await withCommunes(db, [row]))[0] ?? null) : null;
}

/**
 * A user, locked until the caller's transaction ends: a change checked against this row and
 * audited with its "before" is then the only change to it meanwhile.
 */
export async function findUserForUpdate(trx: Db, id: string) {
  const row = await trx
    .selectFrom('users')
    .select(userColumns)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row ? ((await withCommunes(trx, [row]))[0] ?? null) : null;
}

export async function countUsers(db: Db) {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Returns the new user, or null when the e-mail is taken (decided by the unique index). An
 * enumerator's communes are stored with it, in the caller's transaction or its own.
 */
export async function insertUser(
  db: Db,
  user: {
    email: string;
    passwordHash: string;
    role: Role;
    communeCode: string | null;
    communeCodes?: readonly string[];
  },
): Promise<User | null> {
  const communeCodes = user.role === 'enumerator' ? (user.communeCodes ?? []) : [];
  if (communeCodes.length > 0 && !db.isTransaction) {
    return db.transaction().execute((trx) => insertUser(trx, user));
  }
  const row = await db
    .insertInto('users')
    .values({
      email: user.email.toLowerCase(),
      password_hash: user.passwordHash,
      role: user.role,
      commune_code: user.communeCode,
    })
    .onConflict((oc) => oc.column('email').doNothing())
    .returning(userColumns)
    .executeTakeFirst();
  if (!row) return null;
  await setUserCommunes(db, row.id, communeCodes);
  return toUser(row, communeCodes);
}

/**
 * Changes a user. A new role or new `communeCodes` replace an enumerator's communes (a role
 * other than enumerator keeps none). Disabling or a new password also ends every session of theirs in the
 * same transaction, so a disabled account is out at once, not when its cookie expires. Runs
 * in the caller's transaction when given one (the route audits the change in it), else in
 * its own.
 */
export async function updateUser(
  db: Db,
  id: string,
  change: {
    role?: Role;
    communeCode?: string | null;
    communeCodes?: readonly string[];
    disabled?: boolean;
    passwordHash?: string;
  },
): Promise<User | null> {
  if (!db.isTransaction) return db.transaction().execute((trx) => updateUser(trx, id, change));
  const trx = db;
  const { communeCodes } = change;
  const values = {
    ...(change.role === undefined ? {} : { role: change.role }),
    ...(change.role === undefined && change.communeCode === undefined
      ? {}
      : { commune_code: change.communeCode ?? null }),
    ...(change.disabled === undefined ? {} : { disabled_at: change.disabled ? new Date() : null }),
    ...(change.passwordHash === undefined ? {} : { password_hash: change.passwordHash }),
  };
  const row =
    Object.keys(values).length === 0
      ? await trx.selectFrom('users').select(userColumns).where('id', '=', id).executeTakeFirst()
      : await trx
          .updateTable('users')
          .set(values)
          .where('id', '=', id)
          .returning(userColumns)
          .executeTakeFirst();
  if (row && (change.role !== undefined || communeCodes !== undefined)) {
    const kept = row.role === 'enumerator' ? (communeCodes ?? (await storedCommunes(trx, id))) : [];
    await setUserCommunes(trx, id, kept);
  }
  if (row && (change.disabled || change.passwordHash)) {
    await trx
      .updateTable('sessions')
      .set({ revoked_at: new Date() })
      .where('user_id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
  }
  return row ? ((await withCommunes(trx, [row]))[0] ?? null) : null;
}

async function storedCommunes(db: Db, userId: string) {
  return (await userCommunes(db, [userId])).get(userId) ?? [];
}
