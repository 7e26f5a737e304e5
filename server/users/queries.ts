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

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    communeCode: row.commune_code,
    disabled: row.disabled_at !== null,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export async function listUsers(db: Db): Promise<User[]> {
  const rows = await db.selectFrom('users').select(userColumns).orderBy('email').execute();
  return rows.map(toUser);
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
  return row ? toUser(row) : null;
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
  return row ? toUser(row) : null;
}

export async function countUsers(db: Db) {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Returns the new user, or null when the e-mail is taken (decided by the unique index). */
export async function insertUser(
  db: Db,
  user: { email: string; passwordHash: string; role: Role; communeCode: string | null },
): Promise<User | null> {
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
  return row ? toUser(row) : null;
}

/**
 * Changes a user. Disabling or a new password also ends every session of theirs in the
 * same transaction, so a disabled account is out at once, not when its cookie expires. Runs
 * in the caller's transaction when given one (the route audits the change in it), else in
 * its own.
 */
export async function updateUser(
  db: Db,
  id: string,
  change: { role?: Role; communeCode?: string | null; disabled?: boolean; passwordHash?: string },
): Promise<User | null> {
  if (!db.isTransaction) return db.transaction().execute((trx) => updateUser(trx, id, change));
  const trx = db;
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
  if (row && (change.disabled || change.passwordHash)) {
    await trx
      .updateTable('sessions')
      .set({ revoked_at: new Date() })
      .where('user_id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
  }
  return row ? toUser(row) : null;
}
