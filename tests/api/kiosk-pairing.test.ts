import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../server/auth/tokens.ts';
import { pairingAlphabet } from '../../server/kiosks/pairing-alphabet.ts';
import type { PairedKiosk } from '../../server/kiosks/schema.ts';
import { databaseBackends, type TestDatabase } from '../helpers/databases.ts';
import { sameOrigin, signedInStaff } from '../helpers/staff.ts';
import { makeSubmission } from '../helpers/submissions.ts';
import { buildTestApp } from '../helpers/test-app.ts';

type CreatedKiosk = {
  id: string;
  token: string;
  communeCode: string;
  label: string;
  pairingCode: string;
  pairingExpiresAt: string;
  exitPin: string;
};

let address = 0;
/** Each test pairs from its own address, so the per-address limit counts only its own tries. */
const nextAddress = () => {
  address += 1;
  return `10.20.0.${address}`;
};

describe.each(databaseBackends())('kiosk pairing on $kind', ({ create }) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildTestApp>>;
  let admin: string;
  beforeAll(async () => {
    database = await create();
    app = await buildTestApp(database);
    admin = (await signedInStaff(app, database.db, 'admin')).cookie;
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const createKiosk = async (): Promise<CreatedKiosk> => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/kiosks',
      headers: { ...sameOrigin, cookie: admin },
      payload: { communeCode: '01279', label: 'Bưu điện xã' },
    });
    expect(res.statusCode).toBe(201);
    return res.json();
  };
  const pair = (code: string, remoteAddress = nextAddress()) =>
    app.inject({ method: 'POST', url: '/api/kiosks/pair', payload: { code }, remoteAddress });
  const submit = (token: string) =>
    app.inject({
      method: 'POST',
      url: '/api/responses',
      headers: { authorization: `Bearer ${token}` },
      payload: makeSubmission({ channel: 'kiosk', communeCode: '01279' }),
    });
  const expectRefused = (res: Awaited<ReturnType<typeof pair>>, message: RegExp) => {
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(res.json().error.message).toMatch(message);
  };

  it('shows a one-time code, a day of validity and an exit PIN, and stores only hashes', async () => {
    const before = Date.now();
    const kiosk = await createKiosk();
    expect(kiosk.pairingCode).toMatch(
      new RegExp(`^[${pairingAlphabet}]{4}-[${pairingAlphabet}]{4}$`),
    );
    expect(kiosk.exitPin).toMatch(/^\d{6}$/);
    const expires = Date.parse(kiosk.pairingExpiresAt) - before;
    expect(expires).toBeGreaterThan(23.9 * 3600_000);
    expect(expires).toBeLessThan(24.1 * 3600_000);
    const row = await database.db
      .selectFrom('kiosks')
      .selectAll()
      .where('id', '=', kiosk.id)
      .executeTakeFirstOrThrow();
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(kiosk.pairingCode.replace('-', ''));
    expect(stored).not.toContain(kiosk.exitPin);
    expect(row.pairing_used_at).toBeNull();
  });

  it('pairs: a new token that submits as the kiosk, the old one retired, the PIN checkable', async () => {
    const kiosk = await createKiosk();
    // As an officer might type it: lower case, a space instead of the dash.
    const res = await pair(kiosk.pairingCode.toLowerCase().replace('-', ' '));
    expect(res.statusCode).toBe(200);
    const paired = res.json() as PairedKiosk;
    expect(paired).toMatchObject({
      kioskId: kiosk.id,
      communeCode: '01279',
      label: 'Bưu điện xã',
    });
    expect(paired.communeName.length).toBeGreaterThan(0);
    expect(paired.token).not.toBe(kiosk.token);
    const { salt, sha256 } = paired.exitPinHash;
    expect(
      createHash('sha256')
        .update(salt + kiosk.exitPin)
        .digest('hex'),
    ).toBe(sha256);

    expect((await submit(paired.token)).statusCode).toBe(201);
    expect((await submit(kiosk.token)).statusCode).toBe(401);
    const row = await database.db
      .selectFrom('kiosks')
      .select(['token_hash', 'paired_at', 'pairing_used_at'])
      .where('id', '=', kiosk.id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(hashToken(paired.token));
    expect(row.paired_at).toBeInstanceOf(Date);
    const list = await app.inject({
      method: 'GET',
      url: '/api/kiosks',
      headers: { cookie: admin },
    });
    const listed = list.json().find((k: { id: string }) => k.id === kiosk.id);
    expect(listed.pairedAt).not.toBeNull();
    expect(JSON.stringify(list.json())).not.toContain(paired.token);
  });

  it('accepts a code once: a second device gets 400 and the first keeps its token', async () => {
    const kiosk = await createKiosk();
    const first = await pair(kiosk.pairingCode);
    expect(first.statusCode).toBe(200);
    expectRefused(await pair(kiosk.pairingCode), /already used/);
    expect((await submit(first.json().token)).statusCode).toBe(201);
  });

  it('lets only one of two devices racing with the same code pair', async () => {
    const kiosk = await createKiosk();
    const results = await Promise.all([pair(kiosk.pairingCode), pair(kiosk.pairingCode)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 400]);
  });

  it('refuses an expired code', async () => {
    const kiosk = await createKiosk();
    await database.db
      .updateTable('kiosks')
      .set({ pairing_expires_at: sql<Date>`now() - interval '1 second'` })
      .where('id', '=', kiosk.id)
      .execute();
    expectRefused(await pair(kiosk.pairingCode), /expired/);
    expect((await submit(kiosk.token)).statusCode).toBe(201);
  });

  it('refuses a wrong code and a code that cannot be one, naming the field', async () => {
    await createKiosk();
    const wrong = await pair('2345-6789');
    expectRefused(wrong, /No kiosk has this pairing code/);
    expect(wrong.json().error.details).toEqual([
      { path: 'code', message: expect.any(String), reason: 'unknown' },
    ]);
    expectRefused(await pair('ABCD-EFG'), /8 letters and digits/);
    expectRefused(await pair('ABCD-EFG0'), /8 letters and digits/);
    const missing = await app.inject({
      method: 'POST',
      url: '/api/kiosks/pair',
      payload: {},
      remoteAddress: nextAddress(),
    });
    expect(missing.statusCode).toBe(400);
  });

  it('refuses to pair a revoked kiosk', async () => {
    const kiosk = await createKiosk();
    const revoke = await app.inject({
      method: 'DELETE',
      url: `/api/kiosks/${kiosk.id}`,
      headers: { ...sameOrigin, cookie: admin },
    });
    expect(revoke.statusCode).toBe(204);
    expectRefused(await pair(kiosk.pairingCode), /revoked/);
  });

  it('issues a new code and PIN for a live kiosk, retiring the old code', async () => {
    const kiosk = await createKiosk();
    const reissue = await app.inject({
      method: 'POST',
      url: `/api/kiosks/${kiosk.id}/pairing`,
      headers: { ...sameOrigin, cookie: admin },
    });
    expect(reissue.statusCode).toBe(201);
    const fresh = reissue.json() as { pairingCode: string; exitPin: string };
    expect(fresh.pairingCode).not.toBe(kiosk.pairingCode);
    expectRefused(await pair(kiosk.pairingCode), /No kiosk has this pairing code/);
    const paired = await pair(fresh.pairingCode);
    expect(paired.statusCode).toBe(200);
    const { salt, sha256 } = (paired.json() as PairedKiosk).exitPinHash;
    expect(
      createHash('sha256')
        .update(salt + fresh.exitPin)
        .digest('hex'),
    ).toBe(sha256);

    await app.inject({
      method: 'DELETE',
      url: `/api/kiosks/${kiosk.id}`,
      headers: { ...sameOrigin, cookie: admin },
    });
    const revoked = await app.inject({
      method: 'POST',
      url: `/api/kiosks/${kiosk.id}/pairing`,
      headers: { ...sameOrigin, cookie: admin },
    });
    expect(revoked.statusCode).toBe(404);
  });

  it('limits guessing to 10 attempts a minute per address', async () => {
    const from = nextAddress();
    for (let i = 0; i < 10; i += 1) expect((await pair('2345-6789', from)).statusCode).toBe(400);
    const limited = await pair('2345-6789', from);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toMatchObject({ code: 'rate_limited' });
    expect(limited.json().error.message).toMatch(/pairing attempts/);
    expect((await pair('2345-6789')).statusCode).toBe(400);
  });
});
