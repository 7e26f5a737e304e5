import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkMargins } from '../../server/population/validate-margins.ts';
import { databaseBackends } from '../helpers/databases.ts';
import { sameOrigin, signedInStaff } from '../helpers/staff.ts';
import { useTestApp } from '../helpers/test-app.ts';

/** Values near a real margin's, and the ones that break things: NUL, surrogates, huge counts. */
const code = fc.constantFrom('01273', '01279', '1273', '99999', '', '\u0000', '\ud800', '01273 ');
const variable = fc.constantFrom('sex', 'age_band', 'Sex', 'gender', '', '\u0000');
const category = fc.constantFrom('female', 'male', '18-29', '30-44', '45-59', '60+', 'other', '');
const population = fc.oneof(
  fc.integer({ min: 0, max: 20_000 }),
  fc.constantFrom(-1, -0, 0.5, 2_147_483_647, 2_147_483_648, 1e21, 1e308, -1e308),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const row = fc.record({ communeCode: code, variable, category, population });
/** A whole sound commune: both totals 4n, one age band empty (allowed: nobody lives there). */
const soundCommune = fc
  .tuple(fc.constantFrom('01273', '01279'), fc.integer({ min: 1, max: 5000 }))
  .map(([communeCode, n]) =>
    [
      ['sex', 'female', 2 * n],
      ['sex', 'male', 2 * n],
      ['age_band', '18-29', n],
      ['age_band', '30-44', 2 * n],
      ['age_band', '45-59', 0],
      ['age_band', '60+', n],
    ].map(([v, c, p]) => ({ communeCode, variable: v, category: c, population: p })),
  );
const margins = fc
  .tuple(fc.array(soundCommune, { maxLength: 2 }), fc.array(row, { maxLength: 8 }))
  .map(([communes, rows]) => [...communes.flat(), ...rows]);
/**
 * Margins an office would really send: one or both sound communes and nothing else. Mixed in
 * so that successes are met in every run, not only when the random rows happen to be empty.
 */
const soundBody = fc
  .subarray(['01273', '01279'], { minLength: 1 })
  .chain((codes) =>
    fc.tuple(
      ...codes.map((c) => soundCommune.map((rows) => rows.map((r) => ({ ...r, communeCode: c })))),
    ),
  )
  .map((communes) => ({ source: 'Cục Thống kê', margins: communes.flat() }));
const body = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ source: fc.constantFrom('Cục Thống kê', ' x ', ''), margins }),
  },
  { weight: 2, arbitrary: soundBody },
  fc.constantFrom(null, [], {}, { source: 'x' }, { margins: [] }, { source: 'x', margins: 'x' }),
);

describe.each(databaseBackends())('fuzzing PUT /api/population on $kind', ({ create }) => {
  const ctx = useTestApp(create);

  it('never answers 5xx; a refusal changes nothing, a success stores exactly what the rules pass', async () => {
    const admin = await signedInStaff(ctx.app, ctx.database.db, 'admin');
    const stored = () =>
      ctx.database.db
        .selectFrom('population_margins')
        .select(['commune_code', 'variable', 'category', 'population'])
        .orderBy('commune_code')
        .orderBy('variable')
        .orderBy('category')
        .execute();
    const codes = new Set(
      (await ctx.database.db.selectFrom('communes').select('code').execute()).map((c) => c.code),
    );
    const answered = { 200: 0, 400: 0 };
    let storedSomething = 0;
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const before = await stored();
        const res = await ctx.app.inject({
          method: 'PUT',
          url: '/api/population',
          headers: { ...sameOrigin, cookie: admin.cookie },
          payload: payload as object,
        });
        expect([200, 400], res.body).toContain(res.statusCode);
        answered[res.statusCode as 200 | 400] += 1;
        if (res.statusCode === 400) {
          expect(await stored()).toEqual(before);
          return;
        }
        const sent = (payload as { margins: Parameters<typeof checkMargins>[0] }).margins;
        expect(checkMargins(sent, codes).ok).toBe(true);
        expect(await stored()).toHaveLength(sent.length);
        if (sent.length > 0) storedSomething += 1;
      }),
      { numRuns: 60 },
    );
    // Both outcomes were met, or the property says little.
    expect(answered[200]).toBeGreaterThan(0);
    expect(answered[400]).toBeGreaterThan(0);
    expect(
      storedSomething,
      'some successes stored margins, not only the empty set',
    ).toBeGreaterThan(0);
  }, 120_000);
});
