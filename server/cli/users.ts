import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { appendAudit } from '../audit/append-audit.ts';
import { hashPassword } from '../auth/passwords.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../open-database.ts';
import {
  findUserByEmail,
  findUserForUpdate,
  insertUser,
  listUsers,
  updateUser,
} from '../users/queries.ts';
import { newUserSchema, roleSchema, userChangeSchema } from '../users/schema.ts';
import { userCreatedEntry, usersCliActor, userUpdatedEntry } from '../users/user-audit.ts';

const usage = `Staff accounts, for a server with no browser at hand. Uses the server's DATABASE_URL or DATA_DIR.

  npm run users -- list
  npm run users -- add --email a@b.vn --role analyst|admin|commune_officer|enumerator [--commune 01273 …] [--password …]
  npm run users -- role --email a@b.vn --role commune_officer --commune 01273
  npm run users -- role --email a@b.vn --role enumerator --commune 01273 --commune 01279
  npm run users -- disable --email a@b.vn
  npm run users -- enable --email a@b.vn
  npm run users -- password --email a@b.vn [--password …]

A commune officer takes one --commune; an enumerator one or more (the communes whose paper
forms they enter). Without --password a random one is made and printed once. Every change is
written to the audit log as made by cli:users.`;

class UsageError extends Error {}

async function main(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      commune: { type: 'string', multiple: true },
      password: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (values.help || !command) return console.log(usage);

  const config = loadConfig();
  const { db } = await openDatabase(config, { poolSize: 1 });
  try {
    // An officer's one commune goes in communeCode, an enumerator's in communeCodes.
    const communes = values.commune ?? [];
    if (values.role !== 'enumerator' && communes.length > 1) {
      throw new UsageError('only an enumerator takes more than one --commune');
    }
    const communeFields =
      values.role === 'enumerator'
        ? { communeCode: null, communeCodes: communes }
        : { communeCode: communes[0] ?? null };
    if (command === 'list') {
      for (const user of await listUsers(db)) {
        const where = user.communeCodes.length > 0 ? ` (${user.communeCodes.join(', ')})` : '';
        console.log(`${user.email}\t${user.role}${where}${user.disabled ? '\tdisabled' : ''}`);
      }
      return;
    }
    if (!values.email) throw new UsageError('--email is required');
    const generated = values.password ? null : randomBytes(12).toString('base64url');
    const password = values.password ?? generated ?? '';

    if (command === 'add') {
      const input = newUserSchema.parse({
        email: values.email,
        password,
        role: values.role,
        ...communeFields,
      });
      const passwordHash = await hashPassword(input.password);
      // Stored and audited together, as the staff page does.
      const user = await db.transaction().execute(async (trx) => {
        const created = await insertUser(trx, {
          ...input,
          passwordHash,
          communeCode: input.communeCode ?? null,
          communeCodes: input.communeCodes ?? [],
        });
        if (created) await appendAudit(trx, userCreatedEntry(usersCliActor, created));
        return created;
      });
      if (!user) throw new UsageError(`an account for ${input.email} exists already`);
      console.log(
        `added ${user.email} as ${user.role}${user.communeCodes.length > 0 ? ` of ${user.communeCodes.join(', ')}` : ''}${generated ? ` with password ${generated} (shown once)` : ''}`,
      );
      return;
    }
    const existing = await findUserByEmail(db, values.email);
    if (!existing) throw new UsageError(`no account for ${values.email}`);
    const change =
      command === 'role'
        ? userChangeSchema.parse({
            role: roleSchema.parse(values.role),
            ...communeFields,
          })
        : command === 'disable'
          ? { disabled: true }
          : command === 'enable'
            ? { disabled: false }
            : command === 'password'
              ? {
                  passwordHash: await hashPassword(
                    userChangeSchema.parse({ password }).password ?? password,
                  ),
                }
              : null;
    if (!change) throw new UsageError(`unknown command "${command}"`);
    const user = await db.transaction().execute(async (trx) => {
      const before = await findUserForUpdate(trx, existing.id);
      if (!before) throw new UsageError(`no account for ${values.email}`);
      const after = await updateUser(trx, existing.id, change);
      const entry =
        after && userUpdatedEntry(usersCliActor, before, after, 'passwordHash' in change);
      if (entry) await appendAudit(trx, entry);
      return after;
    });
    console.log(
      `${command}: ${user?.email} is ${user?.role}${user?.disabled ? ', disabled' : ''}${command === 'password' && generated ? `; new password ${generated} (shown once)` : ''}`,
    );
  } finally {
    await db.destroy();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message =
    error instanceof UsageError
      ? error.message
      : error && typeof error === 'object' && 'issues' in error
        ? (error as { issues: Array<{ path: unknown[]; message: string }> }).issues
            .map((i) => `${i.path.join('.') || 'value'}: ${i.message}`)
            .join('; ')
        : error instanceof Error
          ? error.message
          : String(error);
  console.error(`users: ${message}\n\n${usage}`);
  process.exit(1);
});
