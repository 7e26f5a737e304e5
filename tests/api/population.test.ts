import { beforeAll, describe, expect, it } from 'vitest';
import { waveOf } from '../../server/responses/wave.ts';
import { databaseBackends } from '../helpers/databases.ts';
import { sameOrigin, signedInStaff } from '../helpers/staff.ts';
import { bestAnswers, makeSubmission, uniformAnswers } from '../helpers/submissions.ts';
import { useTestApp } from '../helpers/test-app.ts';

type Margin = { communeCode: string; variable: string; category: string; population: number };
type Detail = { path: string; message: string; kind: string; row: number; field: string };

/** Both margins of one commune: female, male, then the four age bands. */
function commune(code: string, sex: [number, number], ages: number[]): Margin[] {
  return [
    { communeCode: code, variable: 'sex', category: 'female', population: sex[0] },
    { communeCode: code, variable: 'sex', category: 'male', population: sex[1] },
    ...['18-29', '30-44', '45-59', '60+'].map((category, i) => ({
      communeCode: code,
      variable: 'age_band',
      category,
      population: ages[i] ?? 0,
    })),
  ];
}

describe.each(databaseBackends())('population margins on $kind', ({ create }) => {
  const ctx = useTestApp(create);
  const cookies = { admin: '', analyst: '', officer: '' };
  let adminEmail = '';

  beforeAll(async () => {
    const admin = await signedInStaff(ctx.app, ctx.database.db, 'admin');
    cookies.admin = admin.cookie;
    adminEmail = admin.user.email;
    cookies.analyst = (await signedInStaff(ctx.app, ctx.database.db, 'analyst')).cookie;
    cookies.officer = (
      await signedInStaff(ctx.app, ctx.database.db, 'commune_officer', '01273')
    ).cookie;
  });

  const put = (payload: unknown, cookie = cookies.admin) =>
    ctx.app.inject({
      method: 'PUT',
      url: '/api/population',
      headers: { ...sameOrigin, cookie },
      payload: payload as object,
    });
  const get = async (cookie = cookies.admin) => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/population',
      headers: { cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const storedRows = async () =>
    ctx.database.db
      .selectFrom('population_margins')
      .selectAll()
      .orderBy('commune_code')
      .orderBy('variable')
      .orderBy('category')
      .execute();
  const populationAudits = () =>
    ctx.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'population.replace')
      .orderBy('id')
      .execute();

  it('answers empty margins and a null source before any upload', async () => {
    expect(await get()).toEqual({
      source: null,
      margins: [],
      updatedAt: null,
      updatedBy: null,
      isDemo: false,
    });
  });

  it('stores every margin, answers the number of communes, and GET gives them back', async () => {
    const margins = [
      ...commune('01279', [700, 300], [250, 250, 250, 250]),
      ...commune('01273', [5120, 4880], [2210, 3000, 2790, 2000]),
    ];
    const before = Date.now();
    const res = await put({ source: '  Cục Thống kê, 2025 ', margins });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ communes: 2 });
    const body = await get(cookies.analyst);
    expect(body).toMatchObject({ source: 'Cục Thống kê, 2025', updatedBy: adminEmail });
    expect(body.isDemo).toBe(false);
    expect(Date.parse(body.updatedAt)).toBeGreaterThanOrEqual(before - 5000);
    // Ordered by commune, sex before age band, categories in the method's order.
    expect(body.margins).toEqual([
      ...commune('01273', [5120, 4880], [2210, 3000, 2790, 2000]),
      ...commune('01279', [700, 300], [250, 250, 250, 250]),
    ]);
  });

  it('records the replacement in the audit log, in words and figures', async () => {
    const [entry] = (await populationAudits()).slice(-1);
    expect(entry).toMatchObject({ actor: adminEmail, target: null });
    expect(entry?.details).toEqual({
      source: 'Cục Thống kê, 2025',
      communes: 2,
      rows: 12,
      replaced: { rows: 0, source: null, isDemo: false },
    });
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/audit?action=population.replace',
      headers: { cookie: cookies.admin },
    });
    expect(res.json().entries[0]).toMatchObject({
      action: 'population.replace',
      details: { rows: 12 },
    });
  });

  it('replaces the whole set: a commune left out has no margins any more', async () => {
    const res = await put({
      source: 'Cục Thống kê, 2026',
      margins: commune('01297', [60, 40], [30, 30, 20, 19]),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ communes: 1 });
    const rows = await storedRows();
    expect(new Set(rows.map((row) => row.commune_code))).toEqual(new Set(['01297']));
    expect(rows).toHaveLength(6);
    expect((await get()).source).toBe('Cục Thống kê, 2026');
    const [entry] = (await populationAudits()).slice(-1);
    expect(entry?.details).toMatchObject({
      communes: 1,
      rows: 6,
      replaced: { rows: 12, source: 'Cục Thống kê, 2025', isDemo: false },
    });
  });

  it('lists every problem by row and field, and a refused request changes nothing', async () => {
    const before = await storedRows();
    const beforeBody = await get();
    const audits = (await populationAudits()).length;
    const margins: Margin[] = [
      // 0–5: sound, but the totals differ by 10%.
      ...commune('01273', [500, 500], [225, 225, 225, 225]),
      // 6: unknown commune; 7: unknown variable; 8: unknown category.
      { communeCode: '99999', variable: 'sex', category: 'female', population: 1 },
      { communeCode: '01279', variable: 'gender', category: 'female', population: 1 },
      { communeCode: '01279', variable: 'age_band', category: '65+', population: 1 },
      // 9: negative; 10: not a whole number.
      { communeCode: '01290', variable: 'sex', category: 'female', population: -3 },
      { communeCode: '01290', variable: 'sex', category: 'male', population: 2.5 },
      // 11–12: a duplicate of row 11.
      { communeCode: '01288', variable: 'sex', category: 'male', population: 5 },
      { communeCode: '01288', variable: 'sex', category: 'male', population: 5 },
      // 13–14: only the sex margin.
      { communeCode: '01294', variable: 'sex', category: 'female', population: 5 },
      { communeCode: '01294', variable: 'sex', category: 'male', population: 5 },
    ];
    const res = await put({ source: 'Sai', margins });
    expect(res.statusCode).toBe(400);
    const { error } = res.json() as { error: { code: string; message: string; details: Detail[] } };
    expect(error.code).toBe('validation_failed');
    expect(error.details.map((d) => [d.kind, d.row, d.field, d.path])).toEqual([
      ['totals_differ', 0, 'population', 'margins.0.population'],
      ['unknown_commune', 6, 'communeCode', 'margins.6.communeCode'],
      ['unknown_variable', 7, 'variable', 'margins.7.variable'],
      ['unknown_category', 8, 'category', 'margins.8.category'],
      ['negative', 9, 'population', 'margins.9.population'],
      ['not_whole_number', 10, 'population', 'margins.10.population'],
      ['duplicate', 12, 'category', 'margins.12.category'],
      ['missing_margin', 13, 'variable', 'margins.13.variable'],
    ]);
    expect(error.details[0]?.message).toBe(
      'commune 01273: the sex total (1000) and the age_band total (900) differ by 10.0%, ' +
        'more than 2.0%',
    );
    expect(error.details[0]).toMatchObject({ sexTotal: 1000, ageTotal: 900, difference: 0.1 });
    expect(error.details[6]).toMatchObject({ firstRow: 11 });
    expect(error.message).toContain('(and 5 more)');
    expect(await storedRows()).toEqual(before);
    expect(await get()).toEqual(beforeBody);
    expect(await populationAudits()).toHaveLength(audits);
  });

  it('refuses a missing category, a body of the wrong shape, and text PostgreSQL cannot hold', async () => {
    const before = await storedRows();
    const noOld = commune('01273', [50, 50], [25, 25, 25, 25]).filter((m) => m.category !== '60+');
    const missing = await put({ source: 'x', margins: noOld });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details).toMatchObject([
      { kind: 'missing_category', path: 'margins.0.category', missing: '60+' },
    ]);
    const wrongType = await put({
      source: 'x',
      margins: [{ communeCode: '01273', variable: 'sex', category: 'female', population: '5' }],
    });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.code).toBe('validation_failed');
    expect(JSON.stringify(wrongType.json().error.details)).toContain('margins.0.population');
    expect((await put({ source: '   ', margins: [] })).statusCode).toBe(400);
    expect((await put({ margins: [] })).statusCode).toBe(400);
    const nul = await put({ source: 'Cục\u0000', margins: commune('01273', [1, 1], [1, 1, 0, 0]) });
    expect(nul.statusCode).toBe(400);
    expect(nul.json().error.details).toEqual([
      { path: 'source', message: 'must not contain the NUL character' },
    ]);
    const surrogate = await put({
      source: 'x',
      margins: [{ communeCode: '\ud800', variable: 'sex', category: 'female', population: 1 }],
    });
    expect(surrogate.statusCode).toBe(400);
    expect(surrogate.json().error.details).toEqual([
      { path: 'margins.0.communeCode', message: 'must not contain a lone surrogate' },
    ]);
    expect(await storedRows()).toEqual(before);
  });

  it('lets officers and analysts store nothing, and officers read nothing', async () => {
    const margins = commune('01273', [50, 50], [25, 25, 25, 25]);
    for (const cookie of [cookies.officer, cookies.analyst]) {
      const res = await put({ source: 'x', margins }, cookie);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
    const read = await ctx.app.inject({
      method: 'GET',
      url: '/api/population',
      headers: { cookie: cookies.officer },
    });
    expect(read.statusCode).toBe(403);
    expect(read.json().error.code).toBe('forbidden');
    expect(new Set((await storedRows()).map((row) => row.commune_code))).toEqual(
      new Set(['01297']),
    );
  });

  it('an empty list removes every margin and the source', async () => {
    const res = await put({ source: 'Bỏ trọng số', margins: [] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ communes: 0 });
    expect(await get()).toEqual({
      source: null,
      margins: [],
      updatedAt: null,
      updatedBy: null,
      isDemo: false,
    });
    const [entry] = (await populationAudits()).slice(-1);
    expect(entry?.details).toMatchObject({ communes: 0, rows: 0, replaced: { rows: 6 } });
  });

  it('changes the results at once: raked with margins, unweighted again without', async () => {
    // Four women over 60 at 100 and two men of 18–29 at 50: 83.33 as they came; weighted to
    // a commune of half women and half men, half 18–29 and half over 60, each group counts
    // half: 75. The two empty age bands have nobody in them and are left out.
    const code = '01288';
    const residents = [
      ...Array.from({ length: 4 }, () => ({ ...bestAnswers(), sex: 'female', age_band: '60+' })),
      ...Array.from({ length: 2 }, () => ({
        ...uniformAnswers(5),
        sex: 'male',
        age_band: '18-29',
      })),
    ];
    for (const answers of residents) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/responses',
        payload: makeSubmission({ communeCode: code, answers }),
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const overall = async (query = '') => {
      const res = await ctx.app.inject({
        method: 'GET',
        url: `/api/results?wave=${waveOf(new Date())}${query}`,
        headers: { cookie: cookies.analyst },
      });
      expect(res.statusCode, res.body).toBe(200);
      const row = res.json().communes.find((c: { code: string }) => c.code === code);
      return { weighting: row.weighting, mean: row.overall.mean, n: row.overall.n };
    };
    expect(await overall()).toEqual({ weighting: 'none', mean: expect.any(Number), n: 6 });
    expect((await overall()).mean).toBeCloseTo(500 / 6, 9);

    const margins = commune(code, [50, 50], [50, 0, 0, 50]);
    expect((await put({ source: 'Cục Thống kê', margins })).statusCode).toBe(200);
    const raked = await overall();
    expect(raked.weighting).toBe('raked');
    expect(raked.mean).toBeCloseTo(75, 9);
    expect((await overall('&weights=none')).mean).toBeCloseTo(500 / 6, 9);

    expect((await put({ source: 'Không dùng', margins: [] })).statusCode).toBe(200);
    const after = await overall();
    expect(after.weighting).toBe('none');
    expect(after.mean).toBeCloseTo(500 / 6, 9);
  });
});
