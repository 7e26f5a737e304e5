import { describe, expect, it } from 'vitest';
import { databaseBackends } from '../helpers/databases.ts';
import { countResponses } from '../helpers/rows.ts';
import { sameOrigin, signedInStaff, staffPassword } from '../helpers/staff.ts';
import { makeSubmission } from '../helpers/submissions.ts';
import { useTestApp } from '../helpers/test-app.ts';

/** What PostgreSQL refuses to store, and once answered 500. */
const refused = { nul: 'a\u0000b', lowSurrogate: 'a\udc00b', highSurrogate: 'ab\ud800' };
const day = 24 * 60 * 60 * 1000;

describe.each(databaseBackends())('text and times PostgreSQL refuses, on $kind', ({ create }) => {
  const ctx = useTestApp(create);

  const expect400 = (
    res: {
      statusCode: number;
      json: () => { error: { code: string; details: { path: string }[] } };
    },
    path: string,
  ) => {
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('validation_failed');
    expect(error.details.map((d) => d.path)).toContain(path);
  };
  const admin = () => signedInStaff(ctx.app, ctx.database.db, 'admin');
  let adminCookie: Promise<string> | undefined;
  const staffChange = async (method: 'POST' | 'PATCH', url: string, payload: object) => {
    adminCookie ??= admin().then((signedIn) => signedIn.cookie);
    const cookie = await adminCookie;
    return ctx.app.inject({ method, url, headers: { ...sameOrigin, cookie }, payload });
  };
  const countRows = async (table: 'users' | 'kiosks') =>
    (await ctx.database.db.selectFrom(table).select('id').execute()).length;

  it.each(Object.entries(refused))(
    'refuses %s in a resident comment and stores nothing',
    async (_kind, text) => {
      const submission = makeSubmission();
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/responses',
        payload: { ...submission, answers: { ...submission.answers, comment: text } },
      });
      expect400(res, 'answers.comment');
      expect(await countResponses(ctx.database.db)).toBe(0);
    },
  );

  it('refuses such text in an answer name, and in an answer nested in a list', async () => {
    const submission = makeSubmission();
    const key = await ctx.app.inject({
      method: 'POST',
      url: '/api/responses',
      payload: { ...submission, answers: { ...submission.answers, [refused.nul]: 1 } },
    });
    expect400(key, `answers.${refused.nul}`);
    const nested = await ctx.app.inject({
      method: 'POST',
      url: '/api/responses',
      payload: {
        ...submission,
        answers: { ...submission.answers, ethnicity: ['tay', refused.highSurrogate] },
      },
    });
    expect400(nested, 'answers.ethnicity.1');
    expect(await countResponses(ctx.database.db)).toBe(0);
  });

  it.each(Object.entries(refused))(
    'refuses %s in a kiosk label and an e-mail and a password',
    async (_kind, text) => {
      const kiosks = await countRows('kiosks');
      expect400(
        await staffChange('POST', '/api/kiosks', { communeCode: '01273', label: `Quầy ${text}` }),
        'label',
      );
      expect(await countRows('kiosks')).toBe(kiosks);
      const users = await countRows('users');
      expect400(
        await staffChange('POST', '/api/users', {
          email: `x${text}@cbhpi.test`,
          password: staffPassword,
          role: 'analyst',
        }),
        'email',
      );
      expect400(
        await staffChange('POST', '/api/users', {
          email: `y${Date.now()}@cbhpi.test`,
          password: `${staffPassword}${text}`,
          role: 'analyst',
        }),
        'password',
      );
      expect(await countRows('users')).toBe(users);
      const { user } = await signedInStaff(ctx.app, ctx.database.db, 'analyst');
      const hash = () =>
        ctx.database.db
          .selectFrom('users')
          .select('password_hash')
          .where('id', '=', user.id)
          .executeTakeFirstOrThrow();
      const before = await hash();
      expect400(
        await staffChange('PATCH', `/api/users/${user.id}`, {
          password: `${staffPassword}${text}`,
        }),
        'password',
      );
      expect(await hash()).toEqual(before);
    },
  );

  it('refuses such text at sign-in, in a pairing code and in query strings', async () => {
    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: `a${refused.nul}@cbhpi.test`, password: refused.lowSurrogate },
    });
    expect400(login, 'email');
    expect(login.json().error.details.map((d: { path: string }) => d.path)).toContain('password');
    const pair = await ctx.app.inject({
      method: 'POST',
      url: '/api/kiosks/pair',
      payload: { code: refused.nul },
    });
    expect400(pair, 'code');
    const { cookie } = await admin();
    for (const url of [
      '/api/results?wave=20%0026',
      '/api/exports/responses.csv?communeCode=0127%00',
    ]) {
      const res = await ctx.app.inject({ method: 'GET', url, headers: { cookie } });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
  });

  it('answers a URL that cannot be decoded (a lone surrogate) in the API error shape', async () => {
    const { cookie } = await admin();
    const res = await ctx.app.inject({
      method: 'DELETE',
      url: '/api/kiosks/%ED%A0%80',
      headers: { ...sameOrigin, cookie },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
  });

  it.each([
    ['year 0000', { startedAt: '0000-01-01T00:00:00Z' }, 'startedAt'],
    ['before 2020', { startedAt: '2019-12-31T23:59:59Z' }, 'startedAt'],
    [
      'two days ahead',
      { completedAt: new Date(Date.now() + 2 * day).toISOString() },
      'completedAt',
    ],
    ['far ahead', { completedAt: '9999-12-31T23:59:59+14:00' }, 'completedAt'],
    [
      'completed before started',
      { startedAt: '2026-05-01T08:10:00Z', completedAt: '2026-05-01T08:00:00Z' },
      'completedAt',
    ],
  ])('refuses a timestamp %s (400) and stores nothing', async (_name, times, path) => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/responses',
      payload: makeSubmission(times),
    });
    expect400(res, path);
    expect(await countResponses(ctx.database.db)).toBe(0);
  });

  it('accepts believable times: from 2020, a clock a few hours ahead, started = completed, any offset', async () => {
    // A time from 2020 is believable, so not refused as invalid (400); the response belongs to
    // no wave that still takes responses (tests/api/waves.test.ts), hence 409 and nothing stored.
    const old = await ctx.app.inject({
      method: 'POST',
      url: '/api/responses',
      payload: makeSubmission({
        startedAt: '2020-01-01T00:00:00Z',
        completedAt: '2020-01-01T07:00:00+07:00',
      }),
    });
    expect(old.statusCode).toBe(409);
    expect(old.json().error.code).toBe('no_open_wave');
    expect(await countResponses(ctx.database.db)).toBe(0);
    const ahead = new Date(Date.now() + 3 * 60 * 60 * 1000).toISOString();
    for (const times of [
      { startedAt: ahead, completedAt: ahead },
      // An offset ISO 8601 allows and PostgreSQL does not: stored as the same instant in UTC.
      { startedAt: '2026-05-01T08:00:00-23:59' },
    ]) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/responses',
        payload: makeSubmission(times),
      });
      expect(res.statusCode, JSON.stringify(times)).toBe(201);
    }
  });
});
