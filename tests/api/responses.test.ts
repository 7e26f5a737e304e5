import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseBackends, type TestDatabase } from '../helpers/databases.ts';
import { countResponses, recomputedRollups, storedRollups } from '../helpers/rows.ts';
import { sameOrigin, signedInStaff } from '../helpers/staff.ts';
import { bestAnswers, makeSubmission, uniformAnswers } from '../helpers/submissions.ts';
import { buildTestApp, useTestApp } from '../helpers/test-app.ts';

const thisYearInVietnam = () =>
  new Intl.DateTimeFormat('en', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(
    new Date(),
  );

describe.each(databaseBackends())('POST /api/responses on $kind', ({ create }) => {
  const ctx = useTestApp(create);

  const post = (payload: unknown, headers: Record<string, string> = {}) =>
    ctx.app.inject({ method: 'POST', url: '/api/responses', payload: payload as object, headers });

  it('stores an accepted response with the scores METHOD.md gives, once and for good', async () => {
    const submission = makeSubmission({
      answers: { ...bestAnswers(), life_sat: 7, ethnicity: 'tay', comment: 'Đường xấu, "mùa mưa"' },
      startedAt: '2026-03-01T08:00:00+07:00',
      completedAt: '2026-03-01T08:09:30+07:00',
    });
    const res = await post(submission);
    expect(res.statusCode).toBe(201);
    const wave = thisYearInVietnam();
    expect(res.json()).toEqual({
      id: submission.id,
      wave,
      scores: { overall: 100, security: 100, opportunity: 100, culture: 100, trust: 100 },
    });
    const row = await ctx.database.db
      .selectFrom('responses')
      .selectAll()
      .where('id', '=', submission.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      questionnaire_id: submission.questionnaireId,
      commune_code: '01273',
      channel: 'web',
      wave,
      score_overall: 100,
    });
    expect(row.answers).toEqual(submission.answers);
    expect(row.started_at?.toISOString()).toBe('2026-03-01T01:00:00.000Z');
    expect(row.received_at).toBeInstanceOf(Date);
  });

  it('scores the worked example of METHOD.md (84 for security) and leaves overall null', async () => {
    const res = await post(
      makeSubmission({
        // The questionnaire's security block: five ordinary items and one reverse item.
        answers: {
          sec_income: 8,
          sec_health: 9,
          sec_housing: 7,
          sec_safety: 98,
          sec_disaster: 10,
          sec_food_worry: 2,
        },
      }),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json().scores).toEqual({
      overall: null,
      security: 84,
      opportunity: null,
      culture: null,
      trust: null,
    });
  });

  it('accepts a response with every question skipped, scoring nothing', async () => {
    const res = await post(makeSubmission({ answers: {} }));
    expect(res.statusCode).toBe(201);
    expect(res.json().scores).toEqual({
      overall: null,
      security: null,
      opportunity: null,
      culture: null,
      trust: null,
    });
  });

  it('answers a retry with the same content 200 and the same body, whatever the key order', async () => {
    const submission = makeSubmission({ answers: uniformAnswers(5), channel: 'paper' });
    const first = await post(submission);
    expect(first.statusCode).toBe(201);
    const before = await countResponses(ctx.database.db);
    const reordered = Object.fromEntries(Object.entries(submission).reverse());
    reordered.answers = Object.fromEntries(Object.entries(submission.answers).reverse());
    const retry = await post(reordered);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(first.json());
    expect(first.json().scores.overall).toBe(50);
    expect(await countResponses(ctx.database.db)).toBe(before);
  });

  it('refuses the same id with different content: 409 id_conflict, the stored row unchanged', async () => {
    const submission = makeSubmission();
    expect((await post(submission)).statusCode).toBe(201);
    const res = await post({ ...submission, answers: { ...submission.answers, sec_income: 9 } });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({ error: { code: 'id_conflict', message: expect.any(String) } });
    const row = await ctx.database.db
      .selectFrom('responses')
      .select('answers')
      .where('id', '=', submission.id)
      .executeTakeFirstOrThrow();
    expect(row.answers).toEqual(submission.answers);
  });

  it('checks the body before the id: a reused id with an invalid body gets 400', async () => {
    const submission = makeSubmission();
    expect((await post(submission)).statusCode).toBe(201);
    const res = await post({ ...submission, answers: { sec_income: 11 } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
  });

  it('wants a kiosk token for kiosk submissions and refuses unknown tokens before the body', async () => {
    const kiosk = await post(makeSubmission({ channel: 'kiosk' }));
    expect(kiosk.statusCode).toBe(401);
    expect(kiosk.json().error.code).toBe('unauthorized');
    const badToken = await post({ not: 'a submission' }, { authorization: 'Bearer nope' });
    expect(badToken.statusCode).toBe(401);
  });

  it('keeps the rollups equal to a recomputation from the stored rows', async () => {
    const communes = ['01273', '01279', '01288'];
    for (let i = 0; i < 30; i += 1) {
      const answers = uniformAnswers(i % 11);
      if (i % 4 === 0) delete answers.tru_commune;
      if (i % 7 === 0)
        for (const key of Object.keys(answers).filter((k) => k.startsWith('cul_')))
          answers[key] = 98;
      const res = await post(makeSubmission({ communeCode: communes[i % 3], answers }));
      expect(res.statusCode).toBe(201);
    }
    const stored = await storedRollups(ctx.database.db);
    expect(stored.length).toBeGreaterThan(0);
    expect(stored).toEqual(await recomputedRollups(ctx.database.db));
  });

  it('never answers a 5xx with details: a broken ctx.database gives a generic 500', async () => {
    const broken = await create();
    const brokenApp = await buildTestApp(broken);
    try {
      await broken.db.schema.alterTable('responses').renameTo('responses_gone').execute();
      const res = await brokenApp.inject({
        method: 'POST',
        url: '/api/responses',
        payload: makeSubmission(),
      });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({
        error: { code: 'internal_error', message: expect.any(String) },
      });
      expect(res.body).not.toMatch(/responses|insert|select|at .*\.ts/i);
    } finally {
      await brokenApp.close();
      await broken.drop();
    }
  });
});

describe.each(databaseBackends())('rate limit on $kind', ({ create }) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await create();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('limits anonymous submissions per address, as configured, junk bearer tokens too, but not kiosks', async () => {
    const app = await buildTestApp(database, { RATE_LIMIT_PER_MINUTE: 3 });
    try {
      const send = (remoteAddress: string, headers = {}) =>
        app.inject({
          method: 'POST',
          url: '/api/responses',
          payload: makeSubmission(),
          remoteAddress,
          headers,
        });
      for (let i = 0; i < 3; i += 1) expect((await send('10.0.0.1')).statusCode).toBe(201);
      const limited = await send('10.0.0.1');
      expect(limited.statusCode).toBe(429);
      expect(limited.json()).toEqual({
        error: { code: 'rate_limited', message: expect.any(String) },
      });
      expect((await send('10.0.0.2')).statusCode).toBe(201);
      // A bearer header alone is no way around the limit: a junk token counts as anonymous.
      for (const junk of ['Bearer some-kiosk', 'Bearer ', 'bearer x y'])
        expect((await send('10.0.0.1', { authorization: junk })).statusCode).toBe(429);
      // Only a live kiosk token is exempt.
      const { cookie } = await signedInStaff(app, database.db, 'admin');
      const created = await app.inject({
        method: 'POST',
        url: '/api/kiosks',
        headers: { ...sameOrigin, cookie },
        payload: { communeCode: '01273', label: 'Quầy 1' },
      });
      const kioskAuth = { authorization: `Bearer ${created.json().token}` };
      for (let i = 0; i < 5; i += 1) {
        const res = await app.inject({
          method: 'POST',
          url: '/api/responses',
          payload: makeSubmission({ channel: 'kiosk' }),
          remoteAddress: '10.0.0.1',
          headers: kioskAuth,
        });
        expect(res.statusCode).toBe(201);
      }
      // From a fresh address, a junk token is still refused for what it is.
      expect((await send('10.0.0.3', { authorization: 'Bearer some-kiosk' })).statusCode).toBe(401);
    } finally {
      await app.close();
    }
  });
});
