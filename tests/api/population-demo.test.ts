import { describe, expect, it } from 'vitest';
import { deleteDemo } from '../../server/demo/load-demo.ts';
import { runDemo } from '../../server/demo/run-demo.ts';
import { readPopulation } from '../../server/population/queries.ts';
import { checkMargins } from '../../server/population/validate-margins.ts';
import { databaseBackends } from '../helpers/databases.ts';
import { sameOrigin, signedInStaff } from '../helpers/staff.ts';
import { questionnaire, useTestApp } from '../helpers/test-app.ts';

describe.each(databaseBackends())('demo population margins on $kind', ({ create }) => {
  const ctx = useTestApp(create);
  const demo = () =>
    runDemo(ctx.database.db, questionnaire, { responses: 1200, seed: 3, force: true });
  const demoCounts = async () => {
    const rows = await ctx.database.db
      .selectFrom('responses')
      .select(['commune_code', (eb) => eb.fn.countAll<string>().as('n')])
      .where('is_demo', '=', true)
      .groupBy('commune_code')
      .execute();
    return new Map(rows.map((row) => [row.commune_code, Number(row.n)]));
  };

  it('gives all 56 communes valid margins, marked demo, sized like their demo responses', async () => {
    const result = await demo();
    expect(result.marginCommunes).toBe(56);
    const population = await readPopulation(ctx.database.db);
    expect(population).toMatchObject({ isDemo: true, updatedBy: 'npm run demo' });
    expect(population.source).toContain('demo');
    const communes = await ctx.database.db.selectFrom('communes').select('code').execute();
    const codes = new Set(communes.map((c) => c.code));
    const check = checkMargins(population.margins, codes);
    expect(check).toMatchObject({ ok: true, communes: 56 });
    // Population per demo response is the same for every commune, to rounding.
    const counts = await demoCounts();
    const adults = new Map<string, number>();
    for (const m of population.margins) {
      if (m.variable === 'sex')
        adults.set(m.communeCode, (adults.get(m.communeCode) ?? 0) + m.population);
    }
    const perResponse = [...counts].map(([code, n]) => (adults.get(code) ?? 0) / n);
    expect(Math.max(...perResponse) / Math.min(...perResponse)).toBeLessThan(1.2);
    const total = [...adults.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(350_000);
    expect(total).toBeLessThan(410_000);
  });

  it('is the same for the same seed, and removing the demo removes its margins', async () => {
    const first = (await readPopulation(ctx.database.db)).margins;
    await demo();
    expect((await readPopulation(ctx.database.db)).margins).toEqual(first);
    await deleteDemo(ctx.database.db);
    expect(await readPopulation(ctx.database.db)).toMatchObject({ source: null, margins: [] });
  });

  it("never replaces or removes an admin's real margins", async () => {
    const admin = await signedInStaff(ctx.app, ctx.database.db, 'admin');
    const margins = [
      ['sex', 'female', 60],
      ['sex', 'male', 40],
      ['age_band', '18-29', 25],
      ['age_band', '30-44', 25],
      ['age_band', '45-59', 25],
      ['age_band', '60+', 25],
    ].map(([variable, category, population]) => ({
      communeCode: '01273',
      variable,
      category,
      population,
    }));
    const res = await ctx.app.inject({
      method: 'PUT',
      url: '/api/population',
      headers: { ...sameOrigin, cookie: admin.cookie },
      payload: { source: 'Cục Thống kê', margins },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await demo()).marginCommunes).toBe(0);
    const kept = await readPopulation(ctx.database.db);
    expect(kept).toMatchObject({ source: 'Cục Thống kê', isDemo: false, margins });
    await deleteDemo(ctx.database.db);
    expect(await readPopulation(ctx.database.db)).toEqual(kept);
  });
});
