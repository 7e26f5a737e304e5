import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { appendAudit } from '../../server/audit/append-audit.ts';
import { insertResponseOnce } from '../../server/responses/queries.ts';
import { scoreResponse } from '../../server/scoring/score-response.ts';
import { databaseBackends } from '../helpers/databases.ts';
import { sameOrigin, signedInStaff } from '../helpers/staff.ts';
import { bestAnswers } from '../helpers/submissions.ts';
import { questionnaire, useTestApp } from '../helpers/test-app.ts';

type Entry = {
  id: string;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  reason: string | null;
  details: Record<string, unknown>;
};

describe.each(databaseBackends())('audit log on $kind', ({ create }) => {
  const ctx = useTestApp(create);
  const admin = { cookie: '', email: '', id: '' };
  let analystCookie = '';

  beforeAll(async () => {
    const signedIn = await signedInStaff(ctx.app, ctx.database.db, 'admin');
    Object.assign(admin, {
      cookie: signedIn.cookie,
      email: signedIn.user.email,
      id: signedIn.user.id,
    });
    const analyst = await signedInStaff(ctx.app, ctx.database.db, 'analyst');
    analystCookie = analyst.cookie;
  });

  const send = (
    method: 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
    cookie = admin.cookie,
  ) =>
    ctx.app.inject({
      method,
      url,
      headers: { ...sameOrigin, cookie },
      ...(payload ? { payload } : {}),
    });
  const audit = async (query = '', cookie = admin.cookie) => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: `/api/audit${query}`,
      headers: { cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { entries: Entry[]; nextCursor: string | null };
  };
  /** Every entry, oldest first, straight from the table. */
  const allEntries = async () =>
    ctx.database.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
  const newest = async () => (await audit('?limit=1')).entries[0];

  it('records user changes with who, what and the target, never a password', async () => {
    const password = 'a long enough password 1';
    const created = await send('POST', '/api/users', {
      email: 'New.Officer@cbhpi.test',
      password,
      role: 'commune_officer',
      communeCode: '01273',
    });
    expect(created.statusCode).toBe(201);
    const user = created.json();
    expect(await newest()).toMatchObject({
      actor: admin.email,
      action: 'user.create',
      target: user.id,
      reason: null,
      details: { email: 'new.officer@cbhpi.test', role: 'commune_officer', communeCode: '01273' },
    });

    const changed = await send('PATCH', `/api/users/${user.id}`, { role: 'analyst' });
    expect(changed.statusCode).toBe(200);
    expect(await newest()).toMatchObject({
      action: 'user.update',
      target: user.id,
      details: {
        email: 'new.officer@cbhpi.test',
        changes: {
          role: { from: 'commune_officer', to: 'analyst' },
          communeCode: { from: '01273', to: null },
        },
      },
    });
    const newPassword = 'another long password 2';
    await send('PATCH', `/api/users/${user.id}`, { password: newPassword, disabled: true });
    const last = await newest();
    expect(last?.details).toEqual({
      email: 'new.officer@cbhpi.test',
      changes: { disabled: { from: false, to: true }, password: 'changed' },
    });

    // Refused or empty changes write nothing.
    const count = (await allEntries()).length;
    expect((await send('PATCH', `/api/users/${user.id}`, {})).statusCode).toBe(200);
    expect(
      (await send('PATCH', `/api/users/${user.id}`, { communeCode: '01273' })).statusCode,
    ).toBe(400);
    expect((await send('PATCH', `/api/users/${randomUUID()}`, { role: 'admin' })).statusCode).toBe(
      404,
    );
    const taken = await send('POST', '/api/users', {
      email: 'new.officer@cbhpi.test',
      password,
      role: 'analyst',
    });
    expect(taken.statusCode).toBe(409);
    expect((await allEntries()).length).toBe(count);

    const stored = JSON.stringify(await allEntries());
    const hash = await ctx.database.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    for (const secret of [password, newPassword, hash.password_hash]) {
      expect(stored).not.toContain(secret);
    }
  });

  it('records kiosk creation, a new pairing code, pairing and revocation (once), no secrets', async () => {
    const created = await send('POST', '/api/kiosks', { communeCode: '01279', label: 'Quầy 2' });
    expect(created.statusCode).toBe(201);
    const kiosk = created.json();
    expect(await newest()).toMatchObject({
      actor: admin.email,
      action: 'kiosk.create',
      target: kiosk.id,
      details: { communeCode: '01279', label: 'Quầy 2' },
    });
    const reissued = await send('POST', `/api/kiosks/${kiosk.id}/pairing`);
    expect(reissued.statusCode).toBe(201);
    expect(await newest()).toMatchObject({ action: 'kiosk.pairing_reissue', target: kiosk.id });

    const paired = await ctx.app.inject({
      method: 'POST',
      url: '/api/kiosks/pair',
      payload: { code: reissued.json().pairingCode },
    });
    expect(paired.statusCode).toBe(200);
    expect(await newest()).toMatchObject({
      actor: `kiosk:${kiosk.id}`,
      action: 'kiosk.pair',
      target: kiosk.id,
      details: { communeCode: '01279', label: 'Quầy 2' },
    });
    // A refused code (used already) records nothing.
    const count = (await allEntries()).length;
    const again = await ctx.app.inject({
      method: 'POST',
      url: '/api/kiosks/pair',
      payload: { code: reissued.json().pairingCode },
    });
    expect(again.statusCode).toBe(400);
    expect((await allEntries()).length).toBe(count);

    expect((await send('DELETE', `/api/kiosks/${kiosk.id}`)).statusCode).toBe(204);
    expect((await send('DELETE', `/api/kiosks/${kiosk.id}`)).statusCode).toBe(204);
    const revocations = (await audit('?action=kiosk.revoke')).entries;
    expect(revocations).toHaveLength(1);
    expect(revocations[0]).toMatchObject({ actor: admin.email, target: kiosk.id });

    const stored = JSON.stringify(await allEntries());
    for (const secret of [
      kiosk.token,
      kiosk.pairingCode,
      kiosk.exitPin,
      reissued.json().pairingCode,
      reissued.json().exitPin,
      paired.json().token,
    ]) {
      expect(stored).not.toContain(secret);
    }
  });

  it('records review decisions with their reason', async () => {
    const id = randomUUID();
    await insertResponseOnce(ctx.database.db, {
      id,
      questionnaireId: questionnaire.id,
      communeCode: '01273',
      wave: '2026',
      channel: 'web',
      answers: bestAnswers(),
      requestHash: 'audit',
      scores: scoreResponse(questionnaire.scoring, bestAnswers()),
      startedAt: null,
      completedAt: null,
      receivedAt: new Date(),
      kioskId: null,
    });
    const analyst = await signedInStaff(ctx.app, ctx.database.db, 'analyst');
    const decide = (decision: string, reason: string) =>
      send('POST', `/api/responses/${id}/review`, { decision, reason }, analyst.cookie);
    expect((await decide('exclude', '  Same answers as 40 others  ')).statusCode).toBe(200);
    expect((await decide('exclude', 'Still the same answers')).statusCode).toBe(200);
    expect((await decide('include', 'The commune explained it')).statusCode).toBe(200);
    const entries = (await audit(`?actor=${analyst.user.email.toUpperCase()}`)).entries;
    expect(entries.map((e) => [e.action, e.target, e.reason, e.details])).toEqual([
      [
        'review.include',
        id,
        'The commune explained it',
        { communeCode: '01273', wave: '2026', from: 'excluded', to: 'kept', rollups: 'restored' },
      ],
      [
        'review.exclude',
        id,
        'Still the same answers',
        {
          communeCode: '01273',
          wave: '2026',
          from: 'excluded',
          to: 'excluded',
          rollups: 'unchanged',
        },
      ],
      [
        'review.exclude',
        id,
        'Same answers as 40 others',
        {
          communeCode: '01273',
          wave: '2026',
          from: 'unreviewed',
          to: 'excluded',
          rollups: 'removed',
        },
      ],
    ]);
    expect(entries.every((e) => e.actor === analyst.user.email)).toBe(true);
  });

  it('pages newest first with a cursor and filters by action and actor', async () => {
    const stored = await allEntries();
    expect(stored.length).toBeGreaterThan(8);
    const seen: Entry[] = [];
    let cursor: string | null = null;
    do {
      const page = await audit(`?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.entries.length).toBeLessThanOrEqual(3);
      seen.push(...page.entries);
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen.map((e) => e.id)).toEqual(stored.map((e) => String(e.id)).reverse());
    const first = stored[0];
    expect(seen.at(-1)).toEqual({
      id: String(first?.id),
      at: new Date(first?.at ?? 0).toISOString(),
      actor: first?.actor,
      action: first?.action,
      target: first?.target,
      reason: first?.reason,
      details: first?.details,
    });

    const creations = (await audit('?action=user.create')).entries;
    expect(creations.length).toBeGreaterThan(0);
    expect(creations.every((e) => e.action === 'user.create')).toBe(true);
    expect(creations).toHaveLength(stored.filter((e) => e.action === 'user.create').length);
    const byAdmin = (await audit(`?actor=${encodeURIComponent(admin.email)}&limit=200`)).entries;
    expect(byAdmin).toHaveLength(stored.filter((e) => e.actor === admin.email).length);
    expect(await audit('?actor=nobody@cbhpi.test')).toEqual({ entries: [], nextCursor: null });

    for (const query of ['?cursor=abc', '?cursor=0', '?limit=0', '?limit=500']) {
      const res = await ctx.app.inject({
        method: 'GET',
        url: `/api/audit${query}`,
        headers: { cookie: admin.cookie },
      });
      expect(res.statusCode, query).toBe(400);
    }
    const analyst = await ctx.app.inject({
      method: 'GET',
      url: '/api/audit',
      headers: { cookie: analystCookie },
    });
    expect(analyst.statusCode).toBe(403);
  });

  it('is append-only in the database itself: update, delete and truncate are refused', async () => {
    const { db } = ctx.database;
    const before = await allEntries();
    expect(before.length).toBeGreaterThan(0);
    const statements = [
      sql`update audit_log set reason = 'rewritten'`,
      sql`update audit_log set actor = 'someone else' where id = ${before[0]?.id}`,
      sql`delete from audit_log`,
      sql`delete from audit_log where id = ${before[0]?.id}`,
      sql`truncate audit_log`,
    ];
    for (const statement of statements) {
      await expect(statement.execute(db)).rejects.toThrow(/append-only/);
      // Inside a transaction too: the refusal is the database's, not a client's check.
      await expect(db.transaction().execute((trx) => statement.execute(trx))).rejects.toThrow(
        /append-only/,
      );
    }
    expect(await allEntries()).toEqual(before);
  });

  it('appends only inside the transaction of the change it records', async () => {
    const entry = {
      actor: { id: admin.id, email: admin.email },
      action: 'user.update' as const,
      target: admin.id,
    };
    await expect(appendAudit(ctx.database.db, entry)).rejects.toThrow(/transaction/);
    const count = (await allEntries()).length;
    // A change that rolls back takes its entry with it.
    await expect(
      ctx.database.db.transaction().execute(async (trx) => {
        await appendAudit(trx, entry);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect((await allEntries()).length).toBe(count);
  });
});
