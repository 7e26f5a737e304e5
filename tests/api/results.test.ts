import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dimensionKeys, measureKeys } from '../../server/questionnaires/schema.ts';
import { scoreResponse } from '../../server/scoring/score-response.ts';
import { summariseValues } from '../../server/stats/index.ts';
import { databaseBackends, type TestDatabase } from '../helpers/databases.ts';
import { signedInStaff } from '../helpers/staff.ts';
import { storeResponse } from '../helpers/store-response.ts';
import { bestAnswers, uniformAnswers } from '../helpers/submissions.ts';
import { buildTestApp, questionnaire } from '../helpers/test-app.ts';

const wave = '2025';

/** Stores a response for a given wave through the production insert path (rollups included). */
const store = (
  db: TestDatabase['db'],
  communeCode: string,
  answers: Record<string, unknown>,
  inWave = wave,
) => storeResponse(db, communeCode, answers, inWave);

/** A varied respondent: answer i of the scale shifted by the respondent's index. */
function variedAnswers(seed: number) {
  return Object.fromEntries(
    questionnaire.scoring.items.map((item, i) => {
      const v = (seed * 7 + i * 3) % 11;
      return [
        item.name,
        (seed + i) % 13 === 0 ? 98 : item.reverse ? 10 - Math.max(v, 6) : Math.max(v, 6),
      ];
    }),
  );
}

type Row = { commune_code: string; answers: Record<string, unknown> };

/**
 * METHOD.md sections 5–6 recomputed from the raw stored answers, without the rollups:
 * score each response, then summarise each commune's list of scores in two passes.
 */
function recompute(rows: Row[], communes: Array<{ code: string; name: string }>) {
  const perCommune = new Map<string, Record<string, number[]>>();
  for (const row of rows) {
    const scores = scoreResponse(questionnaire.scoring, row.answers);
    const lists =
      perCommune.get(row.commune_code) ??
      Object.fromEntries(measureKeys.map((m) => [m, [] as number[]]));
    for (const m of measureKeys) if (scores[m] !== null) lists[m]?.push(scores[m]);
    perCommune.set(row.commune_code, lists);
  }
  const results = communes.map(({ code, name }) => {
    const lists = perCommune.get(code);
    const summary = (m: string) => summariseValues(lists?.[m] ?? [], 90);
    const overall = summary('overall');
    const status = overall.n < 30 ? 'insufficient' : (overall.mean ?? 0) >= 90 ? 'meets' : 'below';
    const pick = (s: ReturnType<typeof summary>) => ({
      n: s.n,
      mean: s.mean,
      ciLow: s.ciLow,
      ciHigh: s.ciHigh,
    });
    return {
      code,
      name,
      // No commune has population margins here (tests/api/results-weighted.test.ts has them).
      weighting: 'none',
      n: overall.n,
      status,
      confident: status !== 'insufficient' && overall.ciLow !== null && overall.ciLow >= 90,
      pMeets: overall.pMeets,
      overall: pick(overall),
      dimensions: Object.fromEntries(dimensionKeys.map((d) => [d, pick(summary(d))])),
      // Nothing here is flagged or reviewed (tests/api/review.test.ts is about those).
      excluded: 0,
      flaggedUnreviewed: 0,
      key: overall.mean === null ? null : Math.round(overall.mean * 100),
    };
  });
  const ranked = results.filter((r) => r.status !== 'insufficient');
  const rank = (key: number | null) => 1 + ranked.filter((r) => (r.key ?? 0) > (key ?? 0)).length;
  return results.map(({ key, ...r }) => ({
    ...r,
    rank: r.status === 'insufficient' ? null : rank(key),
  }));
}

/** Deep equality with numbers compared to 1e-9: sums in another order differ in the last bits. */
function expectClose(actual: unknown, expected: unknown, path = ''): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    expect(actual, path).toBeCloseTo(expected, 9);
  } else if (expected && typeof expected === 'object') {
    expect(actual, path).toBeTypeOf('object');
    expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(expected).sort());
    for (const [k, v] of Object.entries(expected))
      expectClose((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
  } else {
    expect(actual, path).toEqual(expected);
  }
}

describe.each(databaseBackends())('GET /api/results on $kind', ({ create }) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildTestApp>>;
  let analyst: string;
  beforeAll(async () => {
    database = await create();
    app = await buildTestApp(database);
    analyst = (await signedInStaff(app, database.db, 'analyst')).cookie;
    for (let i = 0; i < 30; i += 1) await store(database.db, '01273', bestAnswers()); // all 100: se = 0, meets
    for (let i = 0; i < 30; i += 1) await store(database.db, '01279', uniformAnswers(8)); // all 70: se = 0, below
    for (let i = 0; i < 40; i += 1) {
      await store(database.db, '01288', variedAnswers(i)); // two communes with the same answers: a tie
      await store(database.db, '01290', variedAnswers(i));
    }
    for (let i = 0; i < 35; i += 1) await store(database.db, '01294', variedAnswers(i + 3));
    for (let i = 0; i < 29; i += 1) await store(database.db, '01297', bestAnswers()); // one short of minN
    for (let i = 0; i < 31; i += 1)
      await store(database.db, '01304', i % 2 ? bestAnswers() : uniformAnswers(9));
    await store(database.db, '01273', {}); // nothing scored: counts nowhere
    await store(database.db, '01273', uniformAnswers(5), '2024');
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie: analyst } });

  it('equals a recomputation from the raw stored answers, for every commune', async () => {
    const res = await get(`/api/results?wave=${wave}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const rows = (await database.db
      .selectFrom('responses')
      .select(['commune_code', 'answers'])
      .where('wave', '=', wave)
      .execute()) as Row[];
    const communes = (await app.inject({ method: 'GET', url: '/api/communes' })).json();
    const expected = recompute(rows, communes);
    expect(body.communes).toHaveLength(56);
    const byCode = new Map(body.communes.map((c: { code: string }) => [c.code, c]));
    for (const commune of expected) expectClose(byCode.get(commune.code), commune, commune.code);
    const meeting = expected.filter((c) => c.status === 'meets').length;
    expect(body.headline).toEqual({
      total: 56,
      meeting,
      share: meeting / 56,
      targetShare: 0.9,
      targetMet: false,
      needed: 51,
    });
    expect(body).toMatchObject({
      wave,
      questionnaireId: questionnaire.id,
      threshold: 90,
      minN: 30,
    });
  });

  it('ranks with ties (1, 2, 2, 4), lists the insufficient last by code, and handles se = 0', async () => {
    const body = (await get(`/api/results?wave=${wave}`)).json();
    const codes = body.communes.map((c: { code: string }) => c.code);
    const ranked = body.communes.filter((c: { rank: number | null }) => c.rank !== null);
    expect(ranked.map((c: { code: string }) => c.code).slice(0, 2)).toEqual(['01273', '01304']);
    const tie = body.communes.filter(
      (c: { code: string }) => c.code === '01288' || c.code === '01290',
    );
    expect(tie[0].rank).toBe(tie[1].rank);
    expect(tie[0].overall.mean).toBe(tie[1].overall.mean);
    const ranks = ranked.map((c: { rank: number }) => c.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const afterTie = ranked[ranked.indexOf(tie[1]) + 1];
    if (afterTie) expect(afterTie.rank).toBe(tie[0].rank + 2);
    const insufficient = codes.slice(ranked.length);
    expect(insufficient).toEqual([...insufficient].sort());
    const perfect = body.communes.find((c: { code: string }) => c.code === '01273');
    expect(perfect).toMatchObject({ status: 'meets', confident: true, pMeets: 1, rank: 1, n: 30 });
    expect(perfect.overall).toEqual({ n: 30, mean: 100, ciLow: 100, ciHigh: 100 });
    const flat = body.communes.find((c: { code: string }) => c.code === '01279');
    expect(flat).toMatchObject({ status: 'below', confident: false, pMeets: 0 });
    // Each dimension has five items scoring 80 and one reverse item scoring 20: (5·80 + 20)/6 = 70.
    expect(flat.overall).toEqual({ n: 30, mean: 70, ciLow: 70, ciHigh: 70 });
    const short = body.communes.find((c: { code: string }) => c.code === '01297');
    expect(short).toMatchObject({ status: 'insufficient', rank: null, n: 29, confident: false });
    expect(short.overall.mean).toBe(100);
  });

  it('lists an empty wave with every commune insufficient and nothing met', async () => {
    const body = (await get('/api/results?wave=2019')).json();
    expect(body.communes).toHaveLength(56);
    expect(
      body.communes.every(
        (c: { status: string; n: number; pMeets: null }) =>
          c.status === 'insufficient' && c.n === 0 && c.pMeets === null,
      ),
    ).toBe(true);
    expect(body.communes.map((c: { code: string }) => c.code)).toEqual(
      [...body.communes.map((c: { code: string }) => c.code)].sort(),
    );
    expect(body.headline).toMatchObject({ meeting: 0, share: 0, targetMet: false, needed: 51 });
  });

  it('defaults to the latest wave that has responses', async () => {
    expect((await get('/api/results')).json().wave).toBe(wave);
  });

  it('refuses a malformed wave with 400', async () => {
    expect((await get('/api/results?wave=Last%20wave')).statusCode).toBe(400);
  });

  it("gives a commune's items, don't-know rates and weakest dimension", async () => {
    const res = await get(`/api/results/01288?wave=${wave}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.commune.code).toBe('01288');
    expect(body.responses).toBe(40);
    expect(body.items).toHaveLength(24);
    const rows = Array.from({ length: 40 }, (_, i) => variedAnswers(i));
    for (const item of body.items) {
      const answers = rows.map((r) => r[item.name]);
      const dk = answers.filter((a) => a === 98).length;
      expect(item.dontKnowRate).toBeCloseTo(dk / 40, 12);
      expect(item.dontKnowFlag).toBe(dk / 40 > 0.2);
      const valid = answers.filter((a): a is number => typeof a === 'number' && a <= 10);
      const scores = valid.map((v) => (item.reverse ? 100 - v * 10 : v * 10));
      expect(item.n).toBe(valid.length);
      expect(item.mean).toBeCloseTo(scores.reduce((a, b) => a + b, 0) / scores.length, 9);
    }
    const dims = body.commune.dimensions;
    const lowest = Object.entries(dims as Record<string, { mean: number }>).sort(
      (a, b) => a[1].mean - b[1].mean,
    )[0];
    expect(body.weakestDimension).toBe(
      lowest?.[1].mean !== undefined && lowest[1].mean < 90 ? lowest[0] : null,
    );
    expect((await get(`/api/results/01273?wave=${wave}`)).json().weakestDimension).toBeNull();
    expect((await get('/api/results/99999')).statusCode).toBe(404);
  });

  it('draws the trend wave by wave, with the province pooled', async () => {
    const body = (await get('/api/results/trend')).json();
    expect(body.targetYear).toBe(2030);
    expect(body.waves.map((w: { wave: string }) => w.wave)).toEqual(['2024', '2025']);
    const w2025 = body.waves[1];
    const current = (await get(`/api/results?wave=${wave}`)).json();
    expect(w2025.headline).toEqual(current.headline);
    const totalN = current.communes.reduce((s: number, c: { n: number }) => s + c.n, 0);
    expect(w2025.province.n).toBe(totalN);
    const pooledMean =
      current.communes.reduce(
        (s: number, c: { n: number; overall: { mean: number | null } }) =>
          s + c.n * (c.overall.mean ?? 0),
        0,
      ) / totalN;
    expect(w2025.province.mean).toBeCloseTo(pooledMean, 9);
    expect(body.waves[0].province).toMatchObject({ n: 1, mean: 50, ciLow: null });
  });
});
