import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dimensionKeys, type MeasureKey } from '../../server/questionnaires/schema.ts';
import { scoreResponse } from '../../server/scoring/score-response.ts';
import { studentTQuantile, summariseValues } from '../../server/stats/index.ts';
import { parseCsvFile } from '../helpers/csv-parse.ts';
import { databaseBackends, type TestDatabase } from '../helpers/databases.ts';
import { type Margins, type PlacedValue, rakeResponses } from '../helpers/rake-responses.ts';
import { sameOrigin, signedInStaff } from '../helpers/staff.ts';
import { storeResponse } from '../helpers/store-response.ts';
import { buildTestApp, questionnaire } from '../helpers/test-app.ts';

const wave = '2025';
const sexes = ['female', 'male'] as const;
const bands = ['18-29', '30-44', '45-59', '60+'] as const;

/**
 * A respondent whose items sit around `level` (0–10), varied by `seed`, with one item left as
 * "don't know" now and then so the dimensions' n differ from the overall n.
 */
function answersAt(level: number, seed: number, sex: string | null, ageBand: string | null) {
  const answers: Record<string, unknown> = Object.fromEntries(
    questionnaire.scoring.items.map((item, i) => {
      const v = Math.max(0, Math.min(10, level + (((seed * 5 + i * 3) % 5) - 2)));
      if ((seed + i) % 17 === 0) return [item.name, 98];
      return [item.name, item.reverse ? 10 - v : v];
    }),
  );
  if (sex) answers.sex = sex;
  if (ageBand) answers.age_band = ageBand;
  return answers;
}

const store = (db: TestDatabase['db'], communeCode: string, answers: Record<string, unknown>) =>
  storeResponse(db, communeCode, answers, wave);

async function setMargins(db: TestDatabase['db'], byCommune: Record<string, Margins>) {
  await db.deleteFrom('population_margins').execute();
  const rows = Object.entries(byCommune).flatMap(([code, m]) => [
    ...Object.entries(m.sex).map(([category, population]) => ({
      commune_code: code,
      variable: 'sex' as const,
      category,
      population,
    })),
    ...Object.entries(m.ageBand).map(([category, population]) => ({
      commune_code: code,
      variable: 'age_band' as const,
      category,
      population,
    })),
  ]);
  if (rows.length > 0) await db.insertInto('population_margins').values(rows).execute();
}

// Older residents answer higher and walk in more often; the population is younger.
const skewed = '01273';
const skewedMargins: Margins = {
  sex: { female: 5200, male: 4800 },
  ageBand: { '18-29': 3000, '30-44': 3100, '45-59': 2400, '60+': 1540 },
};
// No respondent aged 18–29: that band merges into 30–44.
const merged = '01279';
const mergedMargins: Margins = {
  sex: { female: 900, male: 1100 },
  ageBand: { '18-29': 500, '30-44': 600, '45-59': 500, '60+': 400 },
};
const plain = '01288'; // no margins: unweighted

describe.each(databaseBackends())('weighted results on $kind', ({ create }) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildTestApp>>;
  let analyst: string;
  const skewedIds: string[] = [];

  beforeAll(async () => {
    database = await create();
    app = await buildTestApp(database);
    analyst = (await signedInStaff(app, database.db, 'analyst')).cookie;
    let seed = 0;
    for (const sex of sexes) {
      for (const [b, band] of bands.entries()) {
        // Few young, many old; the old score about 9.6, the young about 8.
        const count = [3, 5, 12, 20][b] as number;
        const level = [8, 8.5, 9.5, 10][b] as number;
        for (let i = 0; i < count; i += 1) {
          skewedIds.push(await store(database.db, skewed, answersAt(level, seed++, sex, band)));
        }
      }
    }
    // Unplaced: a sex the margins do not have, and no age band.
    await store(database.db, skewed, answersAt(6, seed++, 'other', '30-44'));
    await store(database.db, skewed, answersAt(6, seed++, 'female', null));
    for (let i = 0; i < 36; i += 1) {
      const band = bands[1 + (i % 3)] as string;
      await store(
        database.db,
        merged,
        answersAt(7 + (i % 4), seed++, sexes[i % 2] as string, band),
      );
    }
    for (let i = 0; i < 32; i += 1) {
      await store(
        database.db,
        plain,
        answersAt(9, seed++, sexes[i % 2] as string, bands[i % 4] as string),
      );
    }
    await setMargins(database.db, { [skewed]: skewedMargins, [merged]: mergedMargins });
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const results = async (query = '') => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/results?wave=${wave}${query}`,
      headers: { cookie: analyst },
    });
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  type Measure = {
    n: number;
    mean: number;
    se?: number;
    ciLow: number;
    ciHigh: number;
    effectiveN?: number;
    unplaced?: number;
  };
  type Row = {
    weighting: string;
    status: string;
    pMeets: number;
    excluded: number;
    overall: Measure;
    dimensions: Record<string, Measure>;
  };
  const row = (body: { communes: Array<{ code: string }> }, code: string) =>
    body.communes.find((c) => c.code === code) as unknown as Row;

  /** The expected figures of one measure from the raw stored answers that count. */
  async function expectedMeasure(code: string, measure: MeasureKey, margins: Margins) {
    const rows = await database.db
      .selectFrom('responses')
      .select('answers')
      .where('commune_code', '=', code)
      .where('wave', '=', wave)
      .where('review_state', '<>', 'excluded')
      .execute();
    const scored = rows.map((r) => ({
      answers: r.answers as Record<string, unknown>,
      score: scoreResponse(questionnaire.scoring, r.answers as Record<string, unknown>)[measure],
    }));
    const withMeasure = scored.filter((r) => r.score !== null);
    const placed: PlacedValue[] = withMeasure
      .filter(
        (r) =>
          (r.answers.sex === 'female' || r.answers.sex === 'male') &&
          bands.includes(r.answers.age_band as (typeof bands)[number]),
      )
      .map((r) => ({
        sex: r.answers.sex as string,
        ageBand: r.answers.age_band as string,
        value: r.score as number,
      }));
    const raked = rakeResponses(placed, margins);
    if (!raked) throw new Error('expected the commune to be raked');
    const t = studentTQuantile(0.975, raked.n - 1);
    return {
      n: withMeasure.length,
      unplaced: withMeasure.length - placed.length,
      mean: raked.mean,
      se: raked.se,
      ciLow: raked.mean - t * raked.se,
      ciHigh: raked.mean + t * raked.se,
      effectiveN: raked.effectiveN,
      unweighted: summariseValues(
        withMeasure.map((r) => r.score as number),
        90,
      ),
    };
  }

  async function expectRaked(code: string, margins: Margins) {
    const body = await results();
    const commune = row(body, code);
    expect(commune.weighting).toBe('raked');
    for (const measure of ['overall', ...dimensionKeys] as MeasureKey[]) {
      const got = (
        measure === 'overall' ? commune.overall : commune.dimensions[measure]
      ) as Measure;
      const want = await expectedMeasure(code, measure, margins);
      expect(got.n, measure).toBe(want.n);
      expect(got.unplaced, measure).toBe(want.unplaced);
      expect(got.mean, measure).toBeCloseTo(want.mean, 9);
      expect(got.se, measure).toBeCloseTo(want.se, 9);
      expect(got.ciLow, measure).toBeCloseTo(want.ciLow, 9);
      expect(got.ciHigh, measure).toBeCloseTo(want.ciHigh, 9);
      expect(got.effectiveN, measure).toBeCloseTo(want.effectiveN, 9);
    }
    return commune;
  }

  it('rakes a commune with margins to them, measure by measure, with its unplaced left out', async () => {
    const commune = await expectRaked(skewed, skewedMargins);
    expect(commune.overall.unplaced).toBe(2);
    const unweighted = await expectedMeasure(skewed, 'overall', skewedMargins);
    // The sample is older than the commune, and older residents answer higher.
    expect(commune.overall.mean).toBeLessThan(unweighted.unweighted.mean as number);
    expect(commune.overall.effectiveN).toBeLessThan(commune.overall.n - 2);
  });

  it('merges an empty age band into the next older one', async () => {
    await expectRaked(merged, mergedMargins);
  });

  it('leaves a commune without margins unweighted, and ?weights=none unweights every commune', async () => {
    const body = await results();
    expect(row(body, plain).weighting).toBe('none');
    expect(row(body, plain).overall.se).toBeUndefined();
    const none = await results('&weights=none');
    for (const code of [skewed, merged, plain]) {
      const commune = row(none, code);
      const want = await expectedMeasure(code, 'overall', mergedMargins).catch(() => null);
      expect(commune.weighting).toBe('none');
      expect(commune.overall.effectiveN).toBeUndefined();
      if (want) expect(commune.overall.mean).toBeCloseTo(want.unweighted.mean as number, 9);
    }
    const bad = await app.inject({
      method: 'GET',
      url: '/api/results?weights=yes',
      headers: { cookie: analyst },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('decides status and rank with the weighted mean: weighting can take a commune below 90', async () => {
    const weighted = row(await results(), skewed);
    const unweighted = row(await results('&weights=none'), skewed);
    expect(unweighted.overall.mean).toBeGreaterThanOrEqual(90);
    expect(unweighted.status).toBe('meets');
    expect(weighted.overall.mean).toBeLessThan(90);
    expect(weighted.status).toBe('below');
    expect(weighted.pMeets).toBeLessThan(0.5);
  });

  it('follows exclusions and includes, and a replacement of the margins at once', async () => {
    const oldest = skewedIds.slice(-10);
    const decide = (id: string, decision: string) =>
      app.inject({
        method: 'POST',
        url: `/api/responses/${id}/review`,
        headers: { ...sameOrigin, cookie: analyst },
        payload: { decision, reason: 'kiểm tra trọng số' },
      });
    for (const id of oldest) expect((await decide(id, 'exclude')).statusCode).toBe(200);
    const excluded = await expectRaked(skewed, skewedMargins);
    expect(excluded.excluded).toBe(10);
    for (const id of oldest) expect((await decide(id, 'include')).statusCode).toBe(200);
    await expectRaked(skewed, skewedMargins);

    const older: Margins = {
      sex: { female: 5000, male: 5000 },
      ageBand: { '18-29': 1000, '30-44': 2000, '45-59': 3000, '60+': 4000 },
    };
    await setMargins(database.db, { [skewed]: older });
    const raised = await expectRaked(skewed, older);
    expect(raised.overall.mean).toBeGreaterThan(
      row(await results('&weights=none'), skewed).overall.mean - 5,
    );
    await setMargins(database.db, { [skewed]: skewedMargins, [merged]: mergedMargins });
  });

  it('gives the weighted figures in results.csv, full precision, with the weighting said', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/exports/results.csv?wave=${wave}`,
      headers: { cookie: analyst },
    });
    expect(res.statusCode).toBe(200);
    const { header, rows } = parseCsvFile(res.rawPayload);
    const column = (name: string) => header.findIndex((h) => h.includes(`(${name})`));
    const line = rows.find((r) => r[0] === skewed) ?? [];
    const want = row(await results(), skewed);
    expect(line[column('weighting')]).toBe('raked');
    expect(Number(line[column('overall_mean')])).toBe(want.overall.mean);
    expect(Number(line[column('overall_se')])).toBe(want.overall.se);
    expect(Number(line[column('overall_effective_n')])).toBe(want.overall.effectiveN);
    expect(Number(line[column('overall_unplaced')])).toBe(2);
    expect(rows.find((r) => r[0] === plain)?.[column('weighting')]).toBe('none');
  });

  it('weights the trend too', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/results/trend',
      headers: { cookie: analyst },
    });
    expect(res.statusCode).toBe(200);
    const point = res
      .json()
      .waves.find((w: { wave: string }) => w.wave === wave)
      .communes.find((c: { code: string }) => c.code === skewed);
    const want = await expectedMeasure(skewed, 'overall', skewedMargins);
    expect(point.mean).toBeCloseTo(want.mean, 9);
    expect(point.status).toBe('below');
  });
});
