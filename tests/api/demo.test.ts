import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { countRealResponses, deleteDemo } from '../../server/demo/load-demo.ts';
import { demoWaves } from '../../server/demo/plan.ts';
import { DemoRefusedError, runDemo } from '../../server/demo/run-demo.ts';
import { rebuildRollups } from '../../server/responses/rebuild-rollups.ts';
import { scoreResponse } from '../../server/scoring/score-response.ts';
import { vietnamDate } from '../../server/waves/wave-dates.ts';
import { databaseBackends } from '../helpers/databases.ts';
import { countResponses, recomputedRollups, storedRollups } from '../helpers/rows.ts';
import { makeSubmission } from '../helpers/submissions.ts';
import { questionnaire, useTestApp } from '../helpers/test-app.ts';

type CommuneWave = { commune_code: string; wave: string; n: number; mean: number | null };

describe.each(databaseBackends())('demo data on $kind', ({ create }) => {
  const ctx = useTestApp(create);

  const demo = (options: Partial<Parameters<typeof runDemo>[2]> = {}) =>
    runDemo(ctx.database.db, questionnaire, { responses: 3000, seed: 7, force: false, ...options });

  /** Per commune and wave, from the rows themselves (not the rollups). */
  const communeWaves = async () => {
    const { rows } = await sql<CommuneWave>`
      select commune_code, wave, count(*)::int as n, avg(score_overall) as mean
      from responses group by commune_code, wave`.execute(ctx.database.db);
    return rows.map((row) => ({ ...row, n: Number(row.n), mean: Number(row.mean) }));
  };

  it('loads demo rows for all 56 communes over both waves, with the spread a demo needs', async () => {
    const progress: number[] = [];
    const flagged: [number, number][] = [];
    const result = await demo({
      onProgress: (inserted) => progress.push(inserted),
      onFlagsProgress: (filled, loaded) => flagged.push([filled, loaded]),
    });
    expect(result).toEqual({
      inserted: 3000,
      byWave: { '2025': expect.any(Number), '2026': expect.any(Number) },
      interrupted: false,
      replaced: 0,
      marginCommunes: 56,
      // This year's wave was made when the server started; the demo makes the others.
      wavesMade: demoWaves.filter((wave) => wave !== vietnamDate(new Date()).slice(0, 4)),
    });
    expect(Object.values(result.byWave).reduce((sum, n) => sum + n, 0)).toBe(3000);
    expect(progress).toEqual([1000, 2000, 3000]);
    // The flags' backfill, batch by batch (1,000 rows each), the end heard once.
    expect(flagged).toEqual([
      [1000, 3000],
      [2000, 3000],
      [3000, 3000],
    ]);

    const flags = await ctx.database.db
      .selectFrom('responses')
      .select(['is_demo', 'kiosk_id', 'channel'])
      .distinct()
      .execute();
    expect(flags.every((row) => row.is_demo && row.kiosk_id === null)).toBe(true);
    expect(new Set(flags.map((row) => row.channel))).toEqual(new Set(['web', 'paper']));

    const cells = await communeWaves();
    const communes = await ctx.database.db.selectFrom('communes').select('code').execute();
    expect(communes).toHaveLength(56);
    expect(cells).toHaveLength(2 * 56);
    expect(cells.filter((cell) => cell.n < 30).length).toBeGreaterThan(0);
    const ranked = cells.filter((cell) => cell.n >= 30);
    expect(ranked.filter((cell) => (cell.mean ?? 0) >= 90).length).toBeGreaterThan(0);
    expect(ranked.filter((cell) => (cell.mean ?? 0) < 90).length).toBeGreaterThan(5);
    expect(await storedRollups(ctx.database.db)).toEqual(await recomputedRollups(ctx.database.db));
  });

  it('stores the scores the scoring engine gives for the stored answers', async () => {
    const sample = await ctx.database.db
      .selectFrom('responses')
      .selectAll()
      .orderBy('id')
      .limit(300)
      .execute();
    expect(sample).toHaveLength(300);
    for (const row of sample) {
      expect({
        overall: row.score_overall,
        security: row.score_security,
        opportunity: row.score_opportunity,
        culture: row.score_culture,
        trust: row.score_trust,
      }).toEqual(scoreResponse(questionnaire.scoring, row.answers));
    }
  });

  it('replaces the demo set when run again: the same seed gives the same rows', async () => {
    const rowsNow = () =>
      ctx.database.db
        .selectFrom('responses')
        .select(['id', 'answers', 'score_overall', 'received_at', 'request_hash'])
        .orderBy('id')
        .execute();
    const before = await rowsNow();
    const result = await demo();
    expect(result.replaced).toBe(3000);
    expect(await rowsNow()).toEqual(before);
  });

  it('rebuilds the rollups of the waves asked for, and only those', async () => {
    await sql`update rollups set n = n + 1`.execute(ctx.database.db);
    await rebuildRollups(ctx.database.db, { waves: ['2025'] });
    const stored = await storedRollups(ctx.database.db);
    const expected = await recomputedRollups(ctx.database.db);
    expect(stored.filter((row) => row.wave === '2025')).toEqual(
      expected.filter((row) => row.wave === '2025'),
    );
    expect(stored.filter((row) => row.wave === '2026')).toEqual(
      expected.filter((row) => row.wave === '2026').map((row) => ({ ...row, n: row.n + 1 })),
    );
    await rebuildRollups(ctx.database.db);
    expect(await storedRollups(ctx.database.db)).toEqual(expected);
  });

  it('refuses to mix demo rows into real responses unless forced', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/responses',
      payload: makeSubmission({ communeCode: '01290' }),
    });
    expect(res.statusCode).toBe(201);
    expect(await countRealResponses(ctx.database.db)).toBe(1);
    await expect(demo()).rejects.toEqual(new DemoRefusedError(1));
    expect(await countResponses(ctx.database.db)).toBe(3001);

    const forced = await demo({ force: true, seed: 8, responses: 1500 });
    expect(forced).toMatchObject({ inserted: 1500, replaced: 3000 });
    expect(await countRealResponses(ctx.database.db)).toBe(1);
    expect(await countResponses(ctx.database.db)).toBe(1501);
    expect(await storedRollups(ctx.database.db)).toEqual(await recomputedRollups(ctx.database.db));
  });

  it('stops after the batch in flight when aborted, the rollups still right', async () => {
    const stop = new AbortController();
    const result = await demo({
      force: true,
      responses: 2500,
      signal: stop.signal,
      onProgress: () => stop.abort(),
    });
    expect(result).toMatchObject({ inserted: 1000, interrupted: true, replaced: 1500 });
    expect(await countResponses(ctx.database.db)).toBe(1001);
    expect(await storedRollups(ctx.database.db)).toEqual(await recomputedRollups(ctx.database.db));
  });

  it('deletes exactly the demo rows, keeps the real one, and rebuilds the rollups', async () => {
    const real = await ctx.database.db
      .selectFrom('responses')
      .selectAll()
      .where('is_demo', '=', false)
      .execute();
    expect(await deleteDemo(ctx.database.db)).toBe(1000);
    expect(
      await ctx.database.db.selectFrom('responses').selectAll().orderBy('id').execute(),
    ).toEqual(real);
    const rollups = await storedRollups(ctx.database.db);
    expect(rollups.filter((row) => row.measure === 'overall')).toEqual([
      expect.objectContaining({ commune_code: '01290', n: 1 }),
    ]);
    expect(rollups).toEqual(await recomputedRollups(ctx.database.db));
    expect(await deleteDemo(ctx.database.db)).toBe(0);
  });
});
