import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../server/auth/tokens.ts';
import { databaseBackends, type TestDatabase } from '../helpers/databases.ts';
import { countResponses } from '../helpers/rows.ts';
import { sameOrigin, signedInStaff } from '../helpers/staff.ts';
import { makeSubmission } from '../helpers/submissions.ts';
import { buildTestApp } from '../helpers/test-app.ts';

describe.each(databaseBackends())('kiosks on $kind', ({ create }) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildTestApp>>;
  let admin: string;
  beforeAll(async () => {
    database = await create();
    // A limit of 2 shows that kiosk submissions are not counted against the address.
    app = await buildTestApp(database, { RATE_LIMIT_PER_MINUTE: 2 });
    admin = (await signedInStaff(app, database.db, 'admin')).cookie;
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const createKiosk = async (communeCode = '01279', label = 'UBND xã – quầy 1') => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/kiosks',
      headers: { ...sameOrigin, cookie: admin },
      payload: { communeCode, label },
    });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; token: string; communeCode: string; label: string };
  };
  const submit = (token: string, payload: object) =>
    app.inject({
      method: 'POST',
      url: '/api/responses',
      headers: { authorization: `Bearer ${token}` },
      payload,
    });

  it('creates a kiosk whose 256-bit token is shown once and stored only as a hash', async () => {
    const kiosk = await createKiosk();
    expect(kiosk).toMatchObject({ communeCode: '01279', label: 'UBND xã – quầy 1' });
    expect(Buffer.from(kiosk.token, 'base64url')).toHaveLength(32);
    const row = await database.db
      .selectFrom('kiosks')
      .selectAll()
      .where('id', '=', kiosk.id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(hashToken(kiosk.token));
    expect(JSON.stringify(row)).not.toContain(kiosk.token);
    const list = await app.inject({
      method: 'GET',
      url: '/api/kiosks',
      headers: { cookie: admin },
    });
    const listed = list.json().find((k: { id: string }) => k.id === kiosk.id);
    expect(listed).toMatchObject({ communeCode: '01279', revokedAt: null, lastSeenAt: null });
    expect(JSON.stringify(list.json())).not.toContain(kiosk.token);
  });

  it('refuses a kiosk for an unknown commune', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/kiosks',
      headers: { ...sameOrigin, cookie: admin },
      payload: { communeCode: '99999', label: 'x' },
    });
    expect(res.statusCode).toBe(400);
  });

  it("stores a kiosk's submissions with channel kiosk, its commune and id, unthrottled, and marks it seen", async () => {
    const kiosk = await createKiosk();
    for (let i = 0; i < 4; i += 1) {
      const res = await submit(
        kiosk.token,
        makeSubmission({ channel: 'kiosk', communeCode: '01279' }),
      );
      expect(res.statusCode).toBe(201);
    }
    const rows = await database.db
      .selectFrom('responses')
      .select(['channel', 'commune_code', 'kiosk_id'])
      .where('kiosk_id', '=', kiosk.id)
      .execute();
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.channel === 'kiosk' && r.commune_code === '01279')).toBe(true);
    const seen = await database.db
      .selectFrom('kiosks')
      .select('last_seen_at')
      .where('id', '=', kiosk.id)
      .executeTakeFirstOrThrow();
    expect(seen.last_seen_at).toBeInstanceOf(Date);
  });

  it('refuses another commune (400) and another channel (400) from a kiosk', async () => {
    const kiosk = await createKiosk();
    const before = await countResponses(database.db);
    const otherCommune = await submit(
      kiosk.token,
      makeSubmission({ channel: 'kiosk', communeCode: '01273' }),
    );
    expect(otherCommune.statusCode).toBe(400);
    expect(otherCommune.json().error.details.map((d: { path: string }) => d.path)).toContain(
      'communeCode',
    );
    const otherChannel = await submit(
      kiosk.token,
      makeSubmission({ channel: 'web', communeCode: '01279' }),
    );
    expect(otherChannel.statusCode).toBe(400);
    expect(otherChannel.json().error.details.map((d: { path: string }) => d.path)).toContain(
      'channel',
    );
    expect(await countResponses(database.db)).toBe(before);
  });

  it('refuses a revoked token with 401, even for a retry of an accepted response', async () => {
    const kiosk = await createKiosk();
    const submission = makeSubmission({ channel: 'kiosk', communeCode: '01279' });
    expect((await submit(kiosk.token, submission)).statusCode).toBe(201);
    expect((await submit(kiosk.token, submission)).statusCode).toBe(200);
    const revoke = await app.inject({
      method: 'DELETE',
      url: `/api/kiosks/${kiosk.id}`,
      headers: { ...sameOrigin, cookie: admin },
    });
    expect(revoke.statusCode).toBe(204);
    const retry = await submit(kiosk.token, submission);
    expect(retry.statusCode).toBe(401);
    expect(retry.json().error.code).toBe('unauthorized');
    const missing = await app.inject({
      method: 'DELETE',
      url: '/api/kiosks/00000000-0000-4000-8000-000000000000',
      headers: { ...sameOrigin, cookie: admin },
    });
    expect(missing.statusCode).toBe(404);
  });

  it('refuses an unknown token with 401 and a kiosk channel without a token with 401', async () => {
    expect((await submit('made-up-token', makeSubmission({ channel: 'kiosk' }))).statusCode).toBe(
      401,
    );
    const noToken = await app.inject({
      method: 'POST',
      url: '/api/responses',
      payload: makeSubmission({ channel: 'kiosk' }),
      remoteAddress: '10.9.9.9',
    });
    expect(noToken.statusCode).toBe(401);
  });
});
