import { expect } from 'vitest';
import type { Page } from './browser.ts';
import type { WebServer } from './web-server.ts';

/** Opens a staff screen and signs the server's admin in on the page, as a person would. */
export async function signInOnPage(page: Page, server: WebServer, route: string) {
  await page.goto(`${server.url}/staff#/${route}`);
  await page.getByLabel('Email').fill(server.admin.email);
  await page.getByLabel('Mật khẩu').fill(server.admin.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

/**
 * The admin's API session, for a test's own setup and checks: `send` makes a staff change as
 * the dashboard would (same origin, session cookie) and gives the status and the JSON body.
 */
export async function adminApi(server: WebServer) {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(server.admin),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .join('; ');
  return {
    async send(method: string, path: string, body?: unknown) {
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers: {
          origin: server.url,
          cookie,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: (await res.json().catch(() => null)) as unknown };
    },
  };
}
