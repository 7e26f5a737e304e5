import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { databaseBackends } from '../helpers/databases.ts';
import { createStaff, sameOrigin, signedInStaff, signIn } from '../helpers/staff.ts';
import { questionnaire, useTestApp } from '../helpers/test-app.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

describe.each(databaseBackends())('the enumerator role on $kind', ({ create }) => {
  const ctx = useTestApp(create);
  let admin: string;

  const as = (cookie: string) => ({ cookie, ...sameOrigin });
  const storedCommunes = async (userId: string) =>
    (
      await ctx.database.db
        .selectFrom('user_communes')
        .select('commune_code')
        .where('user_id', '=', userId)
        .orderBy('commune_code')
        .execute()
    ).map((row) => row.commune_code);
  const lastAudit = (target: string) =>
    ctx.database.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('target', '=', target)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();

  it('an admin adds an enumerator bound to one or more communes, audited', async () => {
    admin = (await signedInStaff(ctx.app, ctx.database.db, 'admin')).cookie;
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: as(admin),
      payload: {
        email: 'Nhap.Lieu@cbhpi.test',
        password: 'correct horse battery staple',
        role: 'enumerator',
        communeCodes: ['01279', '01273', '01279'],
      },
    });
    expect(res.statusCode).toBe(201);
    const user = res.json();
    expect(user).toMatchObject({
      email: 'nhap.lieu@cbhpi.test',
      role: 'enumerator',
      communeCode: null,
      communeCodes: ['01273', '01279'],
    });
    expect(await storedCommunes(user.id)).toEqual(['01273', '01279']);
    expect(await lastAudit(user.id)).toEqual({
      action: 'user.create',
      details: expect.objectContaining({ role: 'enumerator', communeCodes: ['01273', '01279'] }),
    });

    const cookie = await signIn(ctx.app, 'nhap.lieu@cbhpi.test');
    const me = await ctx.app.inject({ url: '/api/auth/me', headers: { cookie } });
    expect(me.json()).toEqual({
      id: user.id,
      email: 'nhap.lieu@cbhpi.test',
      role: 'enumerator',
      communeCode: null,
      communeCodes: ['01273', '01279'],
    });
    const listed = await ctx.app.inject({ url: '/api/users', headers: as(admin) });
    expect(listed.json().find((u: { id: string }) => u.id === user.id).communeCodes).toEqual([
      '01273',
      '01279',
    ]);
  });

  it('gives an officer their commune as communeCodes, and the other roles none', async () => {
    const officer = await signedInStaff(ctx.app, ctx.database.db, 'commune_officer', '01273');
    const me = await ctx.app.inject({ url: '/api/auth/me', headers: { cookie: officer.cookie } });
    expect(me.json()).toMatchObject({ communeCode: '01273', communeCodes: ['01273'] });
    const analyst = await signedInStaff(ctx.app, ctx.database.db, 'analyst');
    const theirs = await ctx.app.inject({
      url: '/api/auth/me',
      headers: { cookie: analyst.cookie },
    });
    expect(theirs.json()).toMatchObject({ communeCode: null, communeCodes: [] });
  });

  it.each([
    ['an enumerator without communes', { role: 'enumerator' }, 'communeCodes'],
    ['an enumerator with an empty list', { role: 'enumerator', communeCodes: [] }, 'communeCodes'],
    [
      'an enumerator with an officer commune',
      { role: 'enumerator', communeCode: '01273', communeCodes: ['01273'] },
      'communeCodes',
    ],
    ['an analyst with communes', { role: 'analyst', communeCodes: ['01273'] }, 'communeCodes'],
    [
      'an officer with a list',
      { role: 'commune_officer', communeCode: '01273', communeCodes: ['01273'] },
      'communeCode',
    ],
    [
      'an unknown commune',
      { role: 'enumerator', communeCodes: ['01273', '99999'] },
      'communeCodes',
    ],
  ])('refuses %s with 400 naming %s', async (_name, fields, path) => {
    const email = `refused.${Date.now()}.${Math.random()}@cbhpi.test`;
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: as(admin),
      payload: { email, password: 'correct horse battery staple', ...fields },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([expect.objectContaining({ path })]);
    const stored = await ctx.database.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', email)
      .execute();
    expect(stored).toEqual([]);
  });

  it("changes an enumerator's communes, and drops them with the role, each change audited", async () => {
    const user = await createStaff(ctx.database.db, 'enumerator', null, ['01273']);
    const patch = (payload: object) =>
      ctx.app.inject({
        method: 'PATCH',
        url: `/api/users/${user.id}`,
        headers: as(admin),
        payload,
      });

    const moved = await patch({ communeCodes: ['01288', '01279'] });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ role: 'enumerator', communeCodes: ['01279', '01288'] });
    expect(await storedCommunes(user.id)).toEqual(['01279', '01288']);
    expect((await lastAudit(user.id)).details).toEqual({
      email: user.email,
      changes: { communeCodes: { from: ['01273'], to: ['01279', '01288'] } },
    });

    const none = await patch({ communeCodes: [] });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.details).toEqual([expect.objectContaining({ path: 'communeCodes' })]);
    const restated = await patch({ role: 'enumerator' });
    expect(restated.statusCode).toBe(400);
    expect(await storedCommunes(user.id)).toEqual(['01279', '01288']);

    const officer = await patch({ role: 'commune_officer', communeCode: '01273' });
    expect(officer.statusCode).toBe(200);
    expect(officer.json()).toMatchObject({ communeCode: '01273', communeCodes: ['01273'] });
    expect(await storedCommunes(user.id)).toEqual([]);

    const back = await patch({ role: 'enumerator', communeCodes: ['01273'] });
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({ communeCode: null, communeCodes: ['01273'] });
    const analyst = await patch({ role: 'analyst' });
    expect(analyst.json()).toMatchObject({ role: 'analyst', communeCode: null, communeCodes: [] });
    expect(await storedCommunes(user.id)).toEqual([]);
  });

  it('an enumerator may read a questionnaire version and its own identity, and nothing of the results', async () => {
    const { cookie } = await signedInStaff(ctx.app, ctx.database.db, 'enumerator', null, ['01273']);
    const version = await ctx.app.inject({
      url: `/api/questionnaires/${questionnaire.id}`,
      headers: { cookie },
    });
    expect(version.statusCode).toBe(200);
    for (const url of [
      '/api/results',
      '/api/waves',
      '/api/users',
      '/api/review',
      '/api/paper/conflicts',
    ]) {
      const res = await ctx.app.inject({ url, headers: { cookie } });
      expect(res.statusCode, url).toBe(403);
    }
  });
});

describe.each(databaseBackends())('npm run users with enumerators on $kind', ({ create }) => {
  it('adds an enumerator with several communes, lists them, and changes them', async () => {
    const database = await create();
    // The embedded database admits one process at a time: the command line gets it alone.
    await database.db.destroy();
    const { DATABASE_URL: _url, DATA_DIR: _dir, ...inherited } = process.env;
    const users = (...args: string[]) =>
      run(process.execPath, ['--import', 'tsx', 'server/cli/users.ts', ...args], {
        cwd: root,
        env: { ...inherited, ...database.env },
      });
    try {
      const added = await users(
        'add',
        '--email',
        'clerk@cbhpi.test',
        '--role',
        'enumerator',
        '--commune',
        '01279',
        '--commune',
        '01273',
        '--password',
        'correct horse battery staple',
      );
      expect(added.stdout).toContain('added clerk@cbhpi.test as enumerator of 01273, 01279');
      const listed = await users('list');
      expect(listed.stdout).toMatch(/clerk@cbhpi\.test\tenumerator \(01273, 01279\)/);
      await users(
        'role',
        '--email',
        'clerk@cbhpi.test',
        '--role',
        'enumerator',
        '--commune',
        '01288',
      );
      expect((await users('list')).stdout).toMatch(/clerk@cbhpi\.test\tenumerator \(01288\)/);
      const refused = await users(
        'add',
        '--email',
        'clerk2@cbhpi.test',
        '--role',
        'enumerator',
        '--password',
        'correct horse battery staple',
      ).catch((error: { code: number; stderr: string }) => error);
      expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining('communeCodes') });

      // Each change made at the shell is in the audit log, as one made on /staff would be; the
      // refused one wrote nothing.
      const reopened = await database.reopen();
      try {
        const entries = await reopened.db
          .selectFrom('audit_log')
          .select(['actor', 'actor_id', 'action', 'details'])
          .orderBy('id')
          .execute();
        const detailsOf = (entry: (typeof entries)[number]) =>
          typeof entry.details === 'string' ? JSON.parse(entry.details) : entry.details;
        expect(entries.map((entry) => [entry.actor, entry.actor_id, entry.action])).toEqual([
          ['cli:users', null, 'user.create'],
          ['cli:users', null, 'user.update'],
        ]);
        expect(detailsOf(entries[0] as (typeof entries)[number])).toMatchObject({
          email: 'clerk@cbhpi.test',
          role: 'enumerator',
          communeCodes: ['01273', '01279'],
        });
        expect(detailsOf(entries[1] as (typeof entries)[number])).toEqual({
          email: 'clerk@cbhpi.test',
          changes: { communeCodes: { from: ['01273', '01279'], to: ['01288'] } },
        });
        expect(JSON.stringify(entries)).not.toContain('correct horse');
      } finally {
        await reopened.db.destroy();
      }
    } finally {
      await database.drop().catch(() => undefined);
    }
  });
});
