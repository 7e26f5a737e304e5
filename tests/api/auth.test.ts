import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { bootstrapAdmin } from '../../server/auth/bootstrap-admin.ts';
import { hashToken } from '../../server/auth/tokens.ts';
import { contentSecurityPolicy } from '../../server/web/routes.ts';
import { databaseBackends } from '../helpers/databases.ts';
import { createStaff, sameOrigin, signedInStaff, signIn, staffPassword } from '../helpers/staff.ts';
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
      communeCodes: [],
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
      headers: { ...sameOrigin, cookie },
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
      headers: { ...sameOrigin, cookie: admin.cookie },
      payload: { disabled: true },
    });
    expect(disable.statusCode).toBe(200);
    expect(disable.json().disabled).toBe(true);
    expect((await me(cookie)).statusCode).toBe(401);
    expect((await login(user.email, staffPassword, '10.3.0.1')).statusCode).toBe(401);
    const enable = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      headers: { ...sameOrigin, cookie: admin.cookie },
      payload: { disabled: false },
    });
    expect(enable.json().disabled).toBe(false);
    expect((await login(user.email, staffPassword, '10.3.0.1')).statusCode).toBe(200);
  });

  it('locks the guessing address out of an e-mail, not the real person elsewhere', async () => {
    const user = await createStaff(ctx.database.db, 'analyst');
    const attacker = '10.4.0.1';
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1)
      statuses.push((await login(user.email, 'wrong password!!', attacker)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    // From the guessing address even the right password waits.
    const blocked = await login(user.email, staffPassword, attacker);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('rate_limited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // The real person, from their own address, signs in.
    expect((await login(user.email, staffPassword, '10.4.9.9')).statusCode).toBe(200);
    // Let the wait pass without sleeping: move the last attempt back in time.
    await ctx.database.db
      .updateTable('login_failures')
      .set({ last_failure_at: sql<Date>`now() - interval '1 hour'` })
      .execute();
    expect((await login(user.email, staffPassword, attacker)).statusCode).toBe(200);
  });

  it('still slows down guessing of one e-mail spread over many addresses, later and gently', async () => {
    const user = await createStaff(ctx.database.db, 'analyst');
    const statuses: number[] = [];
    for (let i = 0; i < 51; i += 1)
      statuses.push((await login(user.email, 'wrong password!!', `10.6.${i}.1`)).statusCode);
    expect(statuses.slice(0, 50).every((s) => s === 401)).toBe(true);
    const blocked = await login(user.email, staffPassword, '10.6.200.1');
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(60);
  });

  /**
   * 80 guesses, 40 at a time: the throttle must let through no more than its policy allows,
   * the free attempts plus one per doubling wait that passed while the burst ran.
   */
  const burst = async (guess: (i: number) => Promise<{ statusCode: number }>) => {
    const started = performance.now();
    const statuses: number[] = [];
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < 80; i = next++) statuses.push((await guess(i)).statusCode);
    };
    await Promise.all(Array.from({ length: 40 }, worker));
    const seconds = (performance.now() - started) / 1000;
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    return { checked: statuses.filter((s) => s === 401).length, seconds };
  };
  const timedAllowance = (seconds: number) => Math.floor(Math.log2(1 + seconds));

  it('checks no more passwords than the policy allows under concurrent guessing of one e-mail', async () => {
    const user = await createStaff(ctx.database.db, 'analyst');
    const { checked, seconds } = await burst(() =>
      login(user.email, 'wrong password!!', '10.7.0.1'),
    );
    expect(checked).toBeGreaterThanOrEqual(5);
    expect(checked).toBeLessThanOrEqual(5 + timedAllowance(seconds));
  });

  it('checks no more passwords than the policy allows under a concurrent spray from one address', async () => {
    const { checked, seconds } = await burst((i) =>
      login(`spray${i}@cbhpi.test`, 'wrong password!!', '10.8.0.1'),
    );
    expect(checked).toBeGreaterThanOrEqual(20);
    expect(checked).toBeLessThanOrEqual(20 + timedAllowance(seconds));
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
      // The first account is in the audit log, made by the server itself; the refused second
      // call wrote nothing, and no password is in the entry.
      const entries = await fresh.db
        .selectFrom('audit_log')
        .select(['actor', 'actor_id', 'action', 'target', 'details'])
        .execute();
      expect(
        entries.map((entry) => [entry.actor, entry.actor_id, entry.action, entry.target]),
      ).toEqual([['server:first-start', null, 'user.create', first?.id]]);
      expect(JSON.stringify(entries)).not.toContain(password ?? 'no password printed');
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

  it.each([
    ['no Origin', {}],
    ['Origin null', { origin: 'null' }],
    ['another port', { origin: 'http://localhost:8080' }],
    ['https for an http server', { origin: 'https://localhost' }],
    ['Sec-Fetch-Site cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site same-site', { 'sec-fetch-site': 'same-site', origin: 'null' }],
  ])('refuses a change with %s (403), and stores nothing', async (_name, headers) => {
    const { cookie } = await signedInStaff(ctx.app, ctx.database.db, 'admin');
    const before = await ctx.database.db.selectFrom('users').select('id').execute();
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie, ...headers },
      payload: { email: `x${Date.now()}@cbhpi.test`, password: staffPassword, role: 'analyst' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
    expect(await ctx.database.db.selectFrom('users').select('id').execute()).toHaveLength(
      before.length,
    );
  });

  it.each([
    ['its own Origin', sameOrigin],
    ['Sec-Fetch-Site same-origin and no Origin', { 'sec-fetch-site': 'same-origin' }],
  ])('accepts a change with %s', async (_name, headers) => {
    const { cookie } = await signedInStaff(ctx.app, ctx.database.db, 'admin');
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/kiosks',
      headers: { cookie, ...headers },
      payload: { communeCode: '01273', label: 'Quầy 3' },
    });
    expect(res.statusCode).toBe(201);
  });

  it('asks no Origin of reading routes', async () => {
    const { cookie } = await signedInStaff(ctx.app, ctx.database.db, 'admin');
    const res = await ctx.app.inject({ method: 'GET', url: '/api/users', headers: { cookie } });
    expect(res.statusCode).toBe(200);
  });

  it("serves /docs with the pages' policy: no framing, no inline script, no sniffing", async () => {
    for (const url of ['/docs', '/docs/static/swagger-initializer.js', '/docs/json']) {
      const res = await ctx.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-security-policy'], url).toBe(contentSecurityPolicy);
      expect(res.headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
    }
  });
});
