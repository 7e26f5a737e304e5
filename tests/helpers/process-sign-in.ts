import { expect } from 'vitest';
import type { ServerProcess } from './server-process.ts';
import { staffPassword } from './staff.ts';

/** Signs a staff member in on a running server process; the session cookie to send. */
export async function signIn(server: ServerProcess, email: string) {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ email, password: staffPassword }),
  });
  expect(res.status).toBe(200);
  const session = res.headers
    .getSetCookie()
    .map((header) => header.split(';')[0] ?? '')
    .find((pair) => pair.startsWith('cbhpi_session='));
  if (!session) throw new Error('no session cookie');
  return session;
}
