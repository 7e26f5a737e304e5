import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { bootstrapAdmin } from '../../server/auth/bootstrap-admin.ts';
import { hashToken } from '../../server/auth/tokens.ts';
import { databaseBackends } from '../helpers/databases.ts';
import { createStaff, signedInStaff, signIn, staffPassword } from '../helpers/staff.ts';
import { buildTestApp, useTestApp } from '../helpers/test-app.ts';

describe.each(databaseBackends())('staff sign-in on $kind', ({ create }) => {
  const ctx = useTestApp(create);

  const login = (email: string, password: string, remoteAddress = '10.1.1.1') =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password },
      remoteAddress,
    });
  const me = (cookie: string) =>
    ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });

  it('signs in with an HttpOnly, SameSite=Strict session cookie stored only as a hash', async () => {
    const user = await createStaff(ctx.database.db, 'analyst');
    const res = await login(user.email.toUpperCase(), staffPassword);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      id: user.id,
      email: user.email,
      role: 'analyst',
      communeCode: null,
    });
    const cookie = res.cookies.find((c) => c.name === 'cbhpi_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    expect(Buffer.from(cookie?.value ?? '', 'base64url')).toHaveLength(32);
    const stored = await ctx.database.db
      .selectFrom('sessions')
      .select(['token_hash', 'expires_at'])
      .where('user_id', '=', user.id)
      .execute();
    expect(stored.map((s) => s.token_hash)).toEqual([hashToken(cookie?.value ?? '')]);
    const hours = (new Date(stored[0]?.expires_at ?? 0).getTime() - Date.now()) / 3600_000;
    expect(hours).toBeGreaterThan(7.9);
    expect(hours).toBeLessThanOrEqual(8);
    expect((await me(`cbhpi_session=${cookie?.value}`)).json().email).toBe(user.email);
  });

  it('marks the cookie Secure when configured for HTTPS', async () => {
    const secureApp = await buildTestApp(ctx.database, { SECURE_COOKIES: true });
    try {
      const user = await createStaff(ctx.database.db, 'analyst');
      const res = await secureApp.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: user.email, password: staffPassword },
      });
      expect(res.cookies.find((c) => c.name === 'cbhpi_session')?.secure).toBe(true);
    } finally {
      await secureApp.close();
    }
  });

  it('answers 401 with the same message whether or not the e-mail exists', async () => {
    const user = await createStaff(ctx.database.db, 'analyst');
    const wrongPassword = await login(user.email, 'not the password at all', '10.2.0.1');
    const noSuchUser = await login('nobody@cbhpi.test', 'not the password at all', '10.2.0.2');
    expect(wrongPassword.statusCode).toBe(401);
    expect(noSuchUser.statusCode).toBe(401);
    expect(wrongPassword.json()).toEqual(noSuchUser.json());
    expect(wrongPassword.cookies).toHaveLength(0);
  });

  it('ends the session on logout (204), and the cookie no longer works', async () => {
    const { cookie } = await signedInStaff(ctx.app, ctx.database.db, 'admin');
    expect((await me(cookie)).statusCode).toBe(200);
    const out = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie },
    });
    expect(out.statusCode).toBe(204);
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('refuses an expired session', async () => {
    const { user, cookie } = await signedInStaff(ctx.app, ctx.database.db, 'analyst');
    await ctx.database.db
      .updateTable('sessions')
      .set({ expires_at: sql<Date>`now() - interval '1 second'` })
      .where('user_id', '=', user.id)
      .execute();
    const res = await me(cookie);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthorized');
  });

  it('shuts a disabled user out at once and refuses their sign-in', async () => {
    const admin = await signedInStaff(ctx.app, ctx.database.db, 'admin');
    const { user, cookie } = await signedInStaff(ctx.app, ctx.database.db, 'analyst');
    const disable = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      headers: { cookie: admin.cookie },
      payload: { disabled: true },
    });
    expect(disable.statusCode).toBe(200);
    expect(disable.json().disabled).toBe(true);
    expect((await me(cookie)).statusCode).toBe(401);
    expect((await login(user.email, staffPassword, '10.3.0.1')).statusCode).toBe(401);
    const enable = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      headers: { cookie: admin.cookie },
      payload: { disabled: false },
    });
    expect(enable.json().disabled).toBe(false);
    expect((await login(user.email, staffPassword, '10.3.0.1')).statusCode).toBe(200);
  });

  it('slows down repeated failures per e-mail, even with the right password, then lets the wait pass', async () => {
    const user = await createStaff(ctx.database.db, 'analyst');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1)
      statuses.push((await login(user.email, 'wrong password!!', `10.4.0.${i}`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const blocked = await login(user.email, staffPassword, '10.4.1.1');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('rate_limited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Let the wait pass without sleeping: move the last failure back in time.
    await ctx.database.db
      .updateTable('login_failures')
      .set({ last_failure_at: sql<Date>`now() - interval '1 hour'` })
      .execute();
    expect((await login(user.email, staffPassword, '10.4.1.1')).statusCode).toBe(200);
  });

  it('slows down one address that tries many e-mails', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 22; i += 1)
      statuses.push(
        (await login(`guess${i}@cbhpi.test`, 'wrong password!!', '10.5.5.5')).statusCode,
      );
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
    const user = await createStaff(ctx.database.db, 'analyst');
    expect((await login(user.email, staffPassword, '10.5.5.6')).statusCode).toBe(200);
  });

  it('creates the first admin once, from the configuration or with a printed random password', async () => {
    const fresh = await create();
    try {
      const printed: string[] = [];
      const first = await bootstrapAdmin(fresh.db, {}, (m) => printed.push(m));
      expect(first?.email).toBe('admin@localhost');
      expect(first?.role).toBe('admin');
      const password = /password (\S+)/.exec(printed[0] ?? '')?.[1];
      expect(password?.length).toBeGreaterThanOrEqual(12);
      expect(
        await bootstrapAdmin(fresh.db, { email: 'x@y.vn', password: 'another password' }, (m) =>
          printed.push(m),
        ),
      ).toBeNull();
      expect(printed).toHaveLength(1);
      const freshApp = await buildTestApp(fresh);
      try {
        await signIn(freshApp, 'admin@localhost', password);
      } finally {
        await freshApp.close();
      }
    } finally {
      await fresh.drop();
    }
  });
});

describe.each(databaseBackends())('cross-site requests on $kind', ({ create }) => {
  const ctx = useTestApp(create);

  it('refuses a change sent from another site, even with a valid session', async () => {
    const { cookie } = await signedInStaff(ctx.app, ctx.database.db, 'admin');
    const payload = { communeCode: '01273', label: 'Quầy 2' };
    const crossSite = await ctx.app.inject({
      method: 'POST',
      url: '/api/kiosks',
      headers: { cookie, origin: 'https://evil.example', host: 'cbhpi.local' },
      payload,
    });
    expect(crossSite.statusCode).toBe(403);
    expect(crossSite.json().error.code).toBe('forbidden');
    expect(await ctx.database.db.selectFrom('kiosks').select('id').execute()).toHaveLength(0);
    const sameSite = await ctx.app.inject({
      method: 'POST',
      url: '/api/kiosks',
      headers: { cookie, origin: 'http://cbhpi.local', host: 'cbhpi.local' },
      payload,
    });
    expect(sameSite.statusCode).toBe(201);
  });
});
