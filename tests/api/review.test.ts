import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { dimensionKeys, type measureKeys } from '../../server/questionnaires/schema.ts';
import { waveOf } from '../../server/responses/wave.ts';
import { scoreResponse } from '../../server/scoring/score-response.ts';
import { summariseValues } from '../../server/stats/index.ts';
import {
  recomputedCountedRollups,
  recomputedReviewCounts,
  storedReviewCounts,
  storedRollupsExact,
} from '../helpers/counted-rollups.ts';
import { databaseBackends } from '../helpers/databases.ts';
import { honestSubmission, kioskBurst } from '../helpers/planted-burst.ts';
import { sameOrigin, signedInStaff } from '../helpers/staff.ts';
import { questionnaire, useTestApp } from '../helpers/test-app.ts';

const commune = '01273';
const textArray = (values: string[]) =>
  values.length > 0 ? sql`array[${sql.join(values)}]::text[]` : sql`'{}'::text[]`;
const honestCount = 40;
const burstCount = 80;

type ReviewBody = {
  responses: Array<{
    id: string;
    communeCode: string;
    wave: string;
    channel: string;
    kioskId: string | null;
    completedAt: string | null;
    receivedAt: string;
    flags: string[];
    state: string;
    decidedBy: string | null;
    decidedAt: string | null;
    reason: string | null;
    answers: Record<string, unknown>;
  }>;
  nextCursor: string | null;
};

/**
 * METHOD.md sections 4–6 for one commune, from the raw answers of the responses that are not
 * excluded, without the rollups: each response scored, each measure summarised in two passes.
 */
function recomputeCommune(answers: Array<Record<string, unknown>>) {
  const scores = answers.map((a) => scoreResponse(questionnaire.scoring, a));
  const summary = (m: (typeof measureKeys)[number]) => {
    const s = summariseValues(
      scores.map((x) => x[m]).filter((x): x is number => x !== null),
      90,
    );
    return { n: s.n, mean: s.mean, ciLow: s.ciLow, ciHigh: s.ciHigh };
  };
  const overall = summary('overall');
  return {
    n: overall.n,
    status: overall.n < 30 ? 'insufficient' : (overall.mean ?? 0) >= 90 ? 'meets' : 'below',
    overall,
    dimensions: Object.fromEntries(dimensionKeys.map((d) => [d, summary(d)])),
  };
}

function expectClose(actual: unknown, expected: unknown, path = ''): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    expect(actual, path).toBeCloseTo(expected, 9);
  } else if (expected && typeof expected === 'object') {
    for (const [k, v] of Object.entries(expected))
      expectClose((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
  } else {
    expect(actual, path).toEqual(expected);
  }
}

describe.each(databaseBackends())('integrity review on $kind', ({ create }) => {
  const ctx = useTestApp(create);
  const staff = { admin: '', analyst: '', officer: '', analystEmail: '' };
  const wave = waveOf(new Date());
  let kioskId = '';
  let kioskToken = '';
  let burstIds: string[] = [];
  const honestIds: string[] = [];

  beforeAll(async () => {
    const { app, database } = ctx;
    staff.admin = (await signedInStaff(app, database.db, 'admin')).cookie;
    const analyst = await signedInStaff(app, database.db, 'analyst');
    staff.analyst = analyst.cookie;
    staff.analystEmail = analyst.user.email;
    // An officer of this very commune: they are judged on its figures, so may not review them.
    staff.officer = (await signedInStaff(app, database.db, 'commune_officer', commune)).cookie;

    for (let i = 0; i < honestCount; i += 1) {
      const submission = honestSubmission(i, commune);
      const res = await app.inject({ method: 'POST', url: '/api/responses', payload: submission });
      expect(res.statusCode).toBe(201);
      honestIds.push(submission.id);
    }
    const kiosk = await app.inject({
      method: 'POST',
      url: '/api/kiosks',
      headers: { ...sameOrigin, cookie: staff.admin },
      payload: { communeCode: commune, label: 'UBND – quầy 1' },
    });
    expect(kiosk.statusCode).toBe(201);
    kioskId = kiosk.json().id;
    kioskToken = kiosk.json().token;
  });

  const get = (url: string, cookie = staff.analyst) =>
    app().inject({ method: 'GET', url, headers: { cookie } });
  const app = () => ctx.app;
  const decide = (id: string, payload: object, headers: Record<string, string> = {}) =>
    app().inject({
      method: 'POST',
      url: `/api/responses/${id}/review`,
      headers: { ...sameOrigin, cookie: staff.analyst, ...headers },
      payload,
    });
  const communeRow = async () => {
    const body = (await get(`/api/results?wave=${wave}`)).json();
    return body.communes.find((c: { code: string }) => c.code === commune);
  };
  const countedAnswers = async () =>
    (
      await ctx.database.db
        .selectFrom('responses')
        .select('answers')
        .where('commune_code', '=', commune)
        .where('wave', '=', wave)
        .where('review_state', '<>', 'excluded')
        .execute()
    ).map((row) => row.answers);
  const expectRollupsExact = async () => {
    expect(await storedRollupsExact(ctx.database.db)).toEqual(
      await recomputedCountedRollups(ctx.database.db),
    );
    expect(await storedReviewCounts(ctx.database.db)).toEqual(
      await recomputedReviewCounts(ctx.database.db),
    );
  };

  it('the planted scenario: a burst lifts the commune, exclusion drops it, include restores it', async () => {
    const { database } = ctx;
    const honest = await communeRow();
    expect(honest).toMatchObject({ n: honestCount, status: 'below', excluded: 0 });
    expect(honest.overall.mean).toBeLessThan(90);

    const burst = kioskBurst(commune, burstCount);
    for (const submission of burst.shuffled) {
      const res = await app().inject({
        method: 'POST',
        url: '/api/responses',
        headers: { authorization: `Bearer ${kioskToken}` },
        payload: submission,
      });
      expect(res.statusCode).toBe(201);
    }
    burstIds = burst.inCompletionOrder.map((s) => s.id);
    // The flags as METHOD.md section 7 gives them to this burst (80 in 20 minutes from one
    // kiosk, all alike), set here so this test is about review, not about computing flags.
    await sql`update responses set flags = array['burst', 'duplicate']::text[]
      where kiosk_id = ${kioskId}`.execute(database.db);

    const gamed = await communeRow();
    expect(gamed).toMatchObject({
      n: honestCount + burstCount,
      status: 'meets',
      excluded: 0,
      flaggedUnreviewed: burstCount,
    });
    const gamedResults = (await get(`/api/results?wave=${wave}`)).json();

    // The queue shows the burst, in completion order although it arrived shuffled.
    const queue = (await get(`/api/review?communeCode=${commune}&wave=${wave}&limit=200`)).json();
    expect(queue.responses.map((r: { id: string }) => r.id)).toEqual(burstIds);
    expect(queue.nextCursor).toBeNull();
    expect(queue.responses[0]).toMatchObject({
      communeCode: commune,
      wave,
      channel: 'kiosk',
      kioskId,
      kioskLabel: 'UBND – quầy 1',
      flags: ['burst', 'duplicate'],
      state: 'unreviewed',
      decidedBy: null,
      decidedAt: null,
      reason: null,
      completedAt: burst.inCompletionOrder[0]?.completedAt,
    });
    expect(queue.responses[0].answers).toEqual(burst.inCompletionOrder[0]?.answers);

    for (const id of burstIds) {
      const res = await decide(id, {
        decision: 'exclude',
        reason: 'Kiosk burst, identical answers',
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        id,
        state: 'excluded',
        decidedBy: staff.analystEmail,
        reason: 'Kiosk burst, identical answers',
      });
      expect(Date.parse(res.json().decidedAt)).toBeGreaterThan(Date.now() - 60_000);
    }
    const excluded = await communeRow();
    expect(excluded).toMatchObject({
      n: honestCount,
      status: 'below',
      excluded: burstCount,
      flaggedUnreviewed: 0,
    });
    // Every figure equals a recomputation from the answers that still count (the honest ones).
    const counted = await countedAnswers();
    expect(counted).toHaveLength(honestCount);
    expectClose(excluded, recomputeCommune(counted));
    expect(excluded.overall).toEqual(honest.overall);
    await expectRollupsExact();

    const detail = (await get(`/api/results/${commune}?wave=${wave}`)).json();
    expect(detail.responses).toBe(honestCount);
    expect(detail.commune).toMatchObject({ n: honestCount, excluded: burstCount });
    for (const item of detail.items) {
      const answers = counted.map((a) => a[item.name]);
      const dontKnow = answers.filter((a) => a === 98 || a === 99).length;
      expect(item.dontKnowRate, item.name).toBeCloseTo(dontKnow / honestCount, 12);
      expect(item.n, item.name).toBe(
        answers.filter((a) => typeof a === 'number' && a <= 10).length,
      );
    }
    const trend = (await get('/api/results/trend')).json();
    const trendRow = trend.waves
      .find((w: { wave: string }) => w.wave === wave)
      .communes.find((c: { code: string }) => c.code === commune);
    expect(trendRow).toMatchObject({ n: honestCount, status: 'below', mean: honest.overall.mean });

    const excludedQueue = (
      await get(`/api/review?communeCode=${commune}&state=excluded&limit=200`)
    ).json();
    expect(excludedQueue.responses.map((r: { id: string }) => r.id)).toEqual(burstIds);
    expect((await get(`/api/review?communeCode=${commune}`)).json().responses).toEqual([]);

    // Rows and answers are never deleted.
    const stored = await database.db
      .selectFrom('responses')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('commune_code', '=', commune)
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(honestCount + burstCount);

    for (const id of burstIds) {
      const res = await decide(id, { decision: 'include', reason: 'Checked with the commune' });
      expect(res.statusCode).toBe(200);
      expect(res.json().state).toBe('kept');
    }
    const restored = (await get(`/api/results?wave=${wave}`)).json();
    const withoutCounts = (body: { communes: Array<Record<string, unknown>> }) =>
      body.communes.map(({ excluded: _e, flaggedUnreviewed: _f, ...rest }) => rest);
    // Exactly, not approximately: the rollups are exact sums.
    expect(withoutCounts(restored)).toEqual(withoutCounts(gamedResults));
    expect(restored.headline).toEqual(gamedResults.headline);
    expect(await communeRow()).toMatchObject({
      excluded: 0,
      flaggedUnreviewed: 0,
      status: 'meets',
    });
    await expectRollupsExact();
  });

  it('changes the rollups only when inclusion changes: a second exclude or a keep does not', async () => {
    const [first, second] = honestIds;
    if (!first || !second) throw new Error('no honest responses');
    const before = await storedRollupsExact(ctx.database.db);
    expect((await decide(first, { decision: 'keep', reason: 'Looks genuine' })).json().state).toBe(
      'kept',
    );
    expect(await storedRollupsExact(ctx.database.db)).toEqual(before);
    for (let i = 0; i < 3; i += 1) {
      const res = await decide(second, { decision: 'exclude', reason: `Excluded, take ${i}` });
      expect(res.json()).toMatchObject({ state: 'excluded', reason: `Excluded, take ${i}` });
    }
    await expectRollupsExact();
    expect((await communeRow()).n).toBe(honestCount + burstCount - 1);
    // keep brings an excluded response back, like include.
    expect(
      (await decide(second, { decision: 'keep', reason: 'On second thought' })).json().state,
    ).toBe('kept');
    expect(await storedRollupsExact(ctx.database.db)).toEqual(before);
  });

  it('concurrent decisions on the same responses leave the rollups exact', async () => {
    // 30 at once: enough to race on every response, few enough that none waits out the pool.
    const ids = burstIds.slice(0, 6);
    const sequence = ['exclude', 'include', 'exclude', 'exclude', 'keep'];
    const decisions = ids.flatMap((id, i) =>
      sequence.map((decision, j) => decide(id, { decision, reason: `race ${i}.${j}` })),
    );
    const results = await Promise.all(decisions);
    expect(results.filter((r) => r.statusCode !== 200).map((r) => r.body)).toEqual([]);
    await expectRollupsExact();
    const states = await ctx.database.db
      .selectFrom('responses')
      .select(['review_state'])
      .where('id', 'in', ids)
      .execute();
    const excludedNow = states.filter((s) => s.review_state === 'excluded').length;
    expect((await communeRow()).excluded).toBe(excludedNow);
  });

  it('refuses a missing or short reason, an unknown decision or field, and changes nothing', async () => {
    const id = burstIds[20] as string;
    const before = await ctx.database.db
      .selectFrom('responses')
      .select(['review_state', 'review_reason', 'decided_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const audited = await auditCount();
    const bodies: object[] = [
      { decision: 'exclude' },
      { decision: 'exclude', reason: 'abcd' },
      { decision: 'exclude', reason: '   abcd   ' },
      { decision: 'exclude', reason: 42 },
      { decision: 'delete', reason: 'a long enough reason' },
      { reason: 'a long enough reason' },
      { decision: 'exclude', reason: 'a long enough reason', state: 'kept' },
    ];
    for (const body of bodies) {
      const res = await decide(id, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
    const short = (await decide(id, { decision: 'exclude', reason: 'abcd' })).json();
    expect(short.error.details).toEqual([{ path: 'reason', message: expect.any(String) }]);
    expect(
      (await decide('not-a-uuid', { decision: 'keep', reason: 'fine reason' })).statusCode,
    ).toBe(400);
    const unknown = await decide(randomUUID(), { decision: 'exclude', reason: 'no such response' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('not_found');

    const officer = await decide(
      id,
      { decision: 'exclude', reason: 'my own commune' },
      { cookie: staff.officer },
    );
    expect(officer.statusCode).toBe(403);
    expect(officer.json().error.code).toBe('forbidden');
    const anonymous = await app().inject({
      method: 'POST',
      url: `/api/responses/${id}/review`,
      headers: sameOrigin,
      payload: { decision: 'exclude', reason: 'who am I' },
    });
    expect(anonymous.statusCode).toBe(401);
    for (const origin of [undefined, 'null', 'http://evil.example']) {
      const crossSite = await app().inject({
        method: 'POST',
        url: `/api/responses/${id}/review`,
        headers: { cookie: staff.analyst, ...(origin ? { origin } : {}) },
        payload: { decision: 'exclude', reason: 'from another site' },
      });
      expect(crossSite.statusCode, String(origin)).toBe(403);
    }
    const after = await ctx.database.db
      .selectFrom('responses')
      .select(['review_state', 'review_reason', 'decided_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual(before);
    expect(await auditCount()).toBe(audited);
    await expectRollupsExact();
  });

  const auditCount = async () =>
    Number(
      (
        await ctx.database.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('lets neither officers nor anonymous callers see the queue', async () => {
    expect((await get(`/api/review?communeCode=${commune}`, staff.officer)).statusCode).toBe(403);
    expect((await app().inject({ method: 'GET', url: '/api/review' })).statusCode).toBe(401);
    expect((await get('/api/review', staff.admin)).statusCode).toBe(200);
  });

  describe('the queue’s filters and paging', () => {
    const other = '01279';
    const tiedAt = '2026-03-01T08:00:00.123456Z';
    const planted: Array<{ id: string; flags: string[]; state: string; at: string }> = [];

    beforeAll(async () => {
      const { db } = ctx.database;
      // Rows straight in the database: completion times to the microsecond, ties broken by
      // id, several flags and states, in a wave of their own.
      const times = [
        '2026-03-01T07:59:59.999999Z',
        tiedAt,
        tiedAt,
        tiedAt,
        '2026-03-01T08:00:00.123457Z',
        '2026-03-01T08:00:00.124Z',
        '2026-03-01T09:00:00Z',
      ];
      const kinds: Array<{ flags: string[]; state: 'unreviewed' | 'kept' | 'excluded' }> = [
        { flags: ['too_fast'], state: 'unreviewed' },
        { flags: ['straight_line'], state: 'unreviewed' },
        { flags: ['duplicate', 'burst'], state: 'unreviewed' },
        { flags: ['burst'], state: 'kept' },
        { flags: [], state: 'unreviewed' },
        { flags: ['burst'], state: 'unreviewed' },
        { flags: ['too_fast'], state: 'excluded' },
      ];
      for (let round = 0; round < 3; round += 1) {
        for (const [i, at] of times.entries()) {
          const kind = kinds[(i + round) % kinds.length] as (typeof kinds)[number];
          const id = randomUUID();
          await sql`insert into responses (id, questionnaire_id, commune_code, wave, channel,
              answers, request_hash, completed_at, received_at, flags, review_state)
            values (${id}, ${questionnaire.id}, ${other}, '2024', 'web', '{}'::jsonb, 'planted',
              ${at}::timestamptz, ${'2026-04-01T00:00:00Z'}::timestamptz,
              ${textArray(kind.flags)}, ${kind.state})`.execute(db);
          planted.push({ id, flags: kind.flags, state: kind.state, at });
        }
      }
    });

    const order = (rows: typeof planted) =>
      [...rows].sort((a, b) => {
        const [x, y] = a.at === b.at ? [a.id, b.id] : [a.at, b.at];
        return x < y ? -1 : 1;
      });

    async function allPages(query: string, limit: number) {
      const ids: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 100; page += 1) {
        const url = `/api/review?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await get(url);
        expect(res.statusCode, url).toBe(200);
        const body = res.json() as ReviewBody;
        expect(body.responses.length).toBeLessThanOrEqual(limit);
        ids.push(...body.responses.map((r) => r.id));
        cursor = body.nextCursor;
        if (cursor === null) return ids;
      }
      throw new Error('paging did not end');
    }

    it('filters by state, flag, commune and wave', async () => {
      const cases: Array<[string, (p: (typeof planted)[number]) => boolean]> = [
        ['state=flagged', (p) => p.flags.length > 0 && p.state === 'unreviewed'],
        ['', (p) => p.flags.length > 0 && p.state === 'unreviewed'],
        ['state=kept', (p) => p.state === 'kept'],
        ['state=excluded', (p) => p.state === 'excluded'],
        ['state=all', () => true],
        ['flag=burst', (p) => p.flags.includes('burst') && p.state === 'unreviewed'],
        ['flag=too_fast&state=all', (p) => p.flags.includes('too_fast')],
        ['flag=burst&state=kept', (p) => p.flags.includes('burst') && p.state === 'kept'],
      ];
      for (const [query, keep] of cases) {
        const expected = order(planted.filter(keep)).map((p) => p.id);
        expect(expected.length, query).toBeGreaterThan(0);
        const body = (
          await get(`/api/review?communeCode=${other}&wave=2024&limit=200&${query}`)
        ).json();
        expect(
          body.responses.map((r: { id: string }) => r.id),
          query,
        ).toEqual(expected);
        // The same without the commune: only this commune has responses in 2024.
        const byWave = (await get(`/api/review?wave=2024&limit=200&${query}`)).json();
        expect(
          byWave.responses.map((r: { id: string }) => r.id),
          query,
        ).toEqual(expected);
      }
      expect((await get(`/api/review?communeCode=${other}&wave=2023`)).json()).toEqual({
        responses: [],
        nextCursor: null,
      });
      const flagged = (await get(`/api/review?communeCode=${other}&limit=200`)).json();
      expect(flagged.responses.every((r: { communeCode: string }) => r.communeCode === other)).toBe(
        true,
      );
    });

    it('pages with a cursor: every row once, in order, to the microsecond', async () => {
      for (const [query, keep] of [
        ['state=all', () => true],
        [
          'state=flagged',
          (p: (typeof planted)[number]) => p.flags.length > 0 && p.state === 'unreviewed',
        ],
      ] as const) {
        const expected = order(planted.filter(keep)).map((p) => p.id);
        for (const limit of [1, 2, 5]) {
          expect(
            await allPages(`communeCode=${other}&wave=2024&${query}`, limit),
            `${query} ${limit}`,
          ).toEqual(expected);
        }
      }
    });

    it('refuses a cursor it did not make, an unknown flag or state, a bad limit', async () => {
      for (const query of [
        'cursor=nonsense',
        `cursor=${Buffer.from('2026-01-01T00:00:00Z|x').toString('base64url')}`,
        'flag=fast',
        'state=unreviewed',
        'limit=0',
        'limit=201',
        'communeCode=1273',
        'wave=26',
      ]) {
        const res = await get(`/api/review?${query}`);
        expect(res.statusCode, query).toBe(400);
        expect(res.json().error.code).toBe('validation_failed');
      }
    });
  });
});
