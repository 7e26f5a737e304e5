import { describe, expect, it } from 'vitest';
import type { CommuneItems, WaveItemMeans } from '../../server/results/item-means-schema.ts';
import { computeItemResults } from '../../server/results/item-results.ts';
import { databaseBackends, type TestDatabase } from '../helpers/databases.ts';
import { signedInStaff } from '../helpers/staff.ts';
import { storeResponse } from '../helpers/store-response.ts';
import { questionnaire, useTestApp } from '../helpers/test-app.ts';

const wave = '2025';
const items = questionnaire.scoring.items;

const store = (db: TestDatabase['db'], communeCode: string, answers: Record<string, unknown>) =>
  storeResponse(db, communeCode, answers, wave);

/** Respondent `seed`: every answer 0–10, with some 98 ("don't know"), 99 ("not applicable") and skips. */
function answersOf(seed: number) {
  return Object.fromEntries(
    items.flatMap((item, i) => {
      const k = (seed * 5 + i * 3) % 17;
      if (k === 0) return [];
      return [[item.name, k === 1 ? 98 : k === 2 ? 99 : (seed + i * 7) % 11]];
    }),
  );
}

/** An item's results recomputed from raw answers, by hand: the test's own arithmetic. */
function expected(rows: Array<Record<string, unknown>>, name: string) {
  const item = items.find((x) => x.name === name);
  if (!item) throw new Error(name);
  const answers = rows.map((r) => r[name]);
  const valid = answers.filter((a): a is number => typeof a === 'number' && a <= 10);
  const scores = valid.map((v) => (item.reverse ? 100 - v * 10 : v * 10));
  const count = (code: number) => answers.filter((a) => a === code).length;
  return {
    n: valid.length,
    mean: valid.length ? scores.reduce((a, b) => a + b, 0) / valid.length : null,
    dontKnow: count(98),
    notApplicable: count(99),
  };
}

describe.each(databaseBackends())('item means on $kind', ({ create }) => {
  const ctx = useTestApp(create);
  const rows: Record<string, Array<Record<string, unknown>>> = { '01273': [], '01279': [] };

  const get = async (url: string) => {
    const { cookie } = await signedInStaff(ctx.app, ctx.database.db, 'analyst');
    return ctx.app.inject({ method: 'GET', url, headers: { cookie } });
  };

  it('stores the answers', async () => {
    for (let seed = 0; seed < 30; seed += 1) {
      const code = seed % 3 === 0 ? '01279' : '01273';
      const answers = answersOf(seed);
      const id = await store(ctx.database.db, code, answers);
      // Every fifth response is excluded by review: it must count nowhere.
      if (seed % 5 === 4) {
        await ctx.database.db
          .updateTable('responses')
          .set({ review_state: 'excluded' })
          .where('id', '=', id)
          .execute();
      } else rows[code]?.push(answers);
    }
  });

  it("gives every commune's item means, don't know and not applicable apart", async () => {
    const res = await get(`/api/results/items?wave=${wave}`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as WaveItemMeans;
    expect(body).toMatchObject({ wave, questionnaireId: questionnaire.id, threshold: 90 });
    expect(body.missingCodes).toEqual([98, 99]);
    expect(body.items.map((i) => i.name)).toEqual(items.map((i) => i.name));
    expect(body.communes).toHaveLength(56);
    for (const [code, own] of Object.entries(rows)) {
      const commune = body.communes.find((c) => c.code === code);
      expect(commune?.responses).toBe(own.length);
      for (const item of commune?.items ?? []) {
        const want = expected(own, item.name);
        expect(item.n, item.name).toBe(want.n);
        if (want.mean === null) expect(item.mean).toBeNull();
        else expect(item.mean, item.name).toBeCloseTo(want.mean, 9);
        expect(item.missing).toEqual([
          { code: 98, count: want.dontKnow, rate: want.dontKnow / own.length },
          { code: 99, count: want.notApplicable, rate: want.notApplicable / own.length },
        ]);
      }
    }
    const empty = body.communes.find((c) => c.code === '01288');
    expect(empty?.responses).toBe(0);
    expect(empty?.items.every((i) => i.n === 0 && i.mean === null)).toBe(true);
  });

  it("gives one commune's items exactly as the province view does", async () => {
    const province = (await get(`/api/results/items?wave=${wave}`)).json() as WaveItemMeans;
    const res = await get(`/api/results/01273/items?wave=${wave}`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as CommuneItems;
    expect(body.responses).toBe(rows['01273']?.length);
    const same = province.communes.find((c) => c.code === '01273');
    for (const [index, item] of body.items.entries()) {
      const other = same?.items[index];
      expect(item.name).toBe(other?.name);
      expect(item.n).toBe(other?.n);
      expect(item.missing).toEqual(other?.missing);
      expect(item.mean ?? -1).toBeCloseTo(other?.mean ?? -1, 9);
    }
    // The flag's combined rate (METHOD.md section 7) is the two codes added together.
    const combined = computeItemResults(
      questionnaire.scoring,
      (rows['01273'] ?? []).map((answers) => ({ answers })),
    );
    for (const [index, item] of body.items.entries()) {
      const both = item.missing.reduce((sum, m) => sum + (m.rate ?? 0), 0);
      expect(combined[index]?.dontKnowRate).toBeCloseTo(both, 12);
      expect(combined[index]?.missing).toEqual(item.missing);
    }
  });

  it('refuses a malformed wave and an unknown commune', async () => {
    expect((await get('/api/results/items?wave=Last%20wave')).statusCode).toBe(400);
    expect((await get('/api/results/01273/items?wave=-x')).statusCode).toBe(400);
    const unknown = await get('/api/results/99999/items');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('not_found');
  });
});
