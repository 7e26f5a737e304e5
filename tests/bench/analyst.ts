import { randomBytes } from 'node:crypto';
import { hashPassword } from '../../server/auth/passwords.ts';
import { connectDatabase } from '../../server/db/connect.ts';
import type { Db } from '../../server/db/database.ts';
import { insertUser } from '../../server/users/queries.ts';

/**
 * Creates an analyst account directly in the bench database (as `npm run users` would) and
 * signs in against the running server. Returns the `cookie` header value of the session.
 */
export async function analystCookie(databaseUrl: string, serverUrl: string): Promise<string> {
  const { db } = await connectDatabase({ databaseUrl, dataDir: '', poolSize: 1 });
  let account: { email: string; password: string };
  try {
    account = await createAnalyst(db);
  } finally {
    await db.destroy();
  }
  return signInOverHttp(serverUrl, account.email, account.password);
}

/** An analyst account with a random e-mail and password, written straight into `db`. */
export async function createAnalyst(db: Db) {
  const email = `bench.analyst.${randomBytes(4).toString('hex')}@cbhpi.test`;
  const password = randomBytes(12).toString('hex');
  const user = await insertUser(db, {
    email,
    passwordHash: await hashPassword(password),
    role: 'analyst',
    communeCode: null,
  });
  if (!user) throw new Error('could not create the bench analyst');
  return { email, password };
}

/** Signs in against the running server; returns the `cookie` header value of the session. */
export async function signInOverHttp(serverUrl: string, email: string, password: string) {
  const res = await fetch(`${serverUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: serverUrl },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const session = res.headers
    .getSetCookie()
    .map((header) => header.split(';')[0] ?? '')
    .find((pair) => pair.startsWith('cbhpi_session='));
  if (!session) throw new Error('sign-in gave no cbhpi_session cookie');
  return session;
}
