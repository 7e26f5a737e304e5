import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { hashToken, newToken } from '../../server/auth/tokens.ts';
import { backfillBatch, backfillFlags } from '../../server/integrity/backfill-flags.ts';
import { databaseBackends } from '../helpers/databases.ts';
import { recomputedRollups, storedRollups } from '../helpers/rows.ts';
import { makeSubmission, scoredItems, uniformAnswers } from '../helpers/submissions.ts';
import { catalog, questionnaire, useTestApp } from '../helpers/test-app.ts';

const at = (minutes: number) => new Date(Date.UTC(2026, 6, 1, 2, 0, 0) + minutes * 60_000);
/** Answers that differ from seed to seed (and are no straight line). */
const varied = (seed: number) => {
  const bytes = createHash('sha256').update(`backfill ${seed}`).digest();
  return Object.fromEntries(
    scoredItems.map((item, i) => [item.name, i === 0 ? 0 : i === 1 ? 10 : (bytes[i] ?? 0) % 11]),
  );
};

describe.each(databaseBackends())('integrity backfill on $kind', ({ create }) => {
  const ctx = useTestApp(create);

  /** A row as it was stored before migration 0006: no fingerprint, no flags. */
  const oldRow = (row: {
    commune?: string;
    kiosk?: string;
    answers: Record<string, unknown>;
    startedAt?: Date;
    completedAt?: Date;
    receivedAt?: Date;
  }) => {
    const id = randomUUID();
    return {
      id,
      values: {
        id,
        questionnaire_id: questionnaire.id,
        commune_code: row.commune ?? '01273',
        wave: '2026',
        channel: row.kiosk ? ('kiosk' as const) : ('web' as const),
        answers: JSON.stringify(row.answers),
        request_hash: `old ${id}`,
        score_overall: null,
        score_security: null,
        score_opportunity: null,
        score_culture: null,
        score_trust: null,
        started_at: row.startedAt?.toISOString() ?? null,
        completed_at: row.completedAt?.toISOString() ?? null,
        received_at: row.receivedAt ?? at(0),
        kiosk_id: row.kiosk ?? null,
      },
    };
  };
  const flagsOf = async (id: string) =>
    [
      ...(
        await ctx.database.db
          .selectFrom('responses')
          .select('flags')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).flags,
    ].sort();

  it('fills in fingerprints and every flag of rows stored before it, once', async () => {
    const { db } = ctx.database;
    const token = newToken();
    const kiosk = await db
      .insertInto('kiosks')
      .values({ commune_code: '01279', label: 'quầy cũ', token_hash: hashToken(token) })
      .returning('id')
      .executeTakeFirstOrThrow();
    // 11 kiosk rows in 5 minutes (one by its received time alone), and one an hour later.
    const burst = Array.from({ length: 11 }, (_, i) =>
      i === 10
        ? oldRow({ commune: '01279', kiosk: kiosk.id, answers: varied(i), receivedAt: at(5) })
        : oldRow({
            commune: '01279',
            kiosk: kiosk.id,
            answers: varied(i),
            completedAt: at(i * 0.5),
            receivedAt: at(90),
          }),
    );
    const lone = oldRow({
      commune: '01279',
      kiosk: kiosk.id,
      answers: varied(50),
      completedAt: at(60),
    });
    const pair = [
      oldRow({ answers: { ...varied(77), comment: 'một' } }),
      oldRow({ answers: { ...varied(77), comment: 'hai' } }),
    ];
    const line = oldRow({ commune: '01288', answers: uniformAnswers(8) });
    const fast = oldRow({
      commune: '01288',
      answers: varied(3),
      startedAt: at(0),
      completedAt: new Date(at(0).getTime() + 30_000),
    });
    const rows = [...burst, lone, ...pair, line, fast];
    await db
      .insertInto('responses')
      .values(rows.map((row) => row.values))
      .execute();

    // A submission after the upgrade, before the backfill ran, with the pair's answers.
    const live = makeSubmission({ communeCode: '01273', answers: varied(77) });
    expect(
      (await ctx.app.inject({ method: 'POST', url: '/api/responses', payload: live })).statusCode,
    ).toBe(201);
    expect(await flagsOf(live.id)).toEqual([]);

    expect(await backfillFlags(db, catalog.byId, { batchSize: 4 })).toBe(rows.length);
    for (const row of burst) expect(await flagsOf(row.id)).toEqual(['burst']);
    expect(await flagsOf(lone.id)).toEqual([]);
    for (const row of pair) expect(await flagsOf(row.id)).toEqual(['duplicate']);
    expect(await flagsOf(live.id)).toEqual(['duplicate']);
    expect(await flagsOf(line.id)).toEqual(['straight_line']);
    expect(await flagsOf(fast.id)).toEqual(['too_fast']);
    const unfilled = await db
      .selectFrom('responses')
      .select('id')
      .where('answers_fingerprint', 'is', null)
      .execute();
    expect(unfilled).toEqual([]);

    const before = await db
      .selectFrom('responses')
      .select(['id', 'flags', 'answers_fingerprint'])
      .orderBy('id')
      .execute();
    expect(await backfillFlags(db, catalog.byId)).toBe(0);
    expect(
      await db
        .selectFrom('responses')
        .select(['id', 'flags', 'answers_fingerprint'])
        .orderBy('id')
        .execute(),
    ).toEqual(before);
    expect(await storedRollups(db)).toEqual(await recomputedRollups(db));
  });
});

describe.each(databaseBackends())(
  'integrity backfill of an analysed table on $kind',
  ({ create }) => {
    // A database of its own: the statistics must see no fingerprint at all.
    const ctx = useTestApp(create);

    it('looks each batch row up once in the duplicate-key index, also when the table was analysed before its backfill', async () => {
      const { db } = ctx.database;
      // 600 different answer sets stored before migration 0006, then analysed: the statistics
      // say no response has a fingerprint, so the planner takes the duplicate-key index for
      // empty, as on a database upgraded with its rows.
      await sql`
      insert into responses (id, questionnaire_id, commune_code, wave, channel, answers,
        request_hash, received_at)
      select gen_random_uuid(), ${questionnaire.id}, '01273', '2026', 'web',
        jsonb_build_object(${scoredItems[0]?.name}::text, g % 11,
          ${scoredItems[1]?.name}::text, (g / 11) % 11, ${scoredItems[2]?.name}::text, g / 121),
        'analysed ' || g, ${at(0).toISOString()}::timestamptz
      from generate_series(1, 600) as g`.execute(db);
      await sql`analyze responses`.execute(db);

      const jit = async (on: typeof db) =>
        (await sql<{ jit: string }>`select current_setting('jit') as jit`.execute(on)).rows[0]?.jit;
      const jitBefore = await jit(db);
      const batchSize = 200;
      const batch = await db.transaction().execute(async (trx) => {
        const filled = await backfillBatch(trx, catalog.byId, batchSize);
        const read = await sql<{ entries: number }>`
        select pg_stat_get_xact_tuples_returned('responses_duplicate_key_idx'::regclass)::int
          as entries`.execute(trx);
        return { filled, entries: read.rows[0]?.entries ?? Number.NaN, jit: await jit(trx) };
      });
      expect(batch.filled).toBe(batchSize);
      // The batch compiles none of its statements (JIT was most of its time at 300,000 rows),
      // and only within its own transaction.
      expect(batch.jit).toBe('off');
      expect(await jit(db)).toBe(jitBefore);
      // Each row's key finds the row itself, and nothing else (no two answer sets are alike).
      // Planned freely, the count ran for every indexed row and batch key together: 40,000.
      expect(batch.entries).toBeGreaterThanOrEqual(batchSize);
      expect(batch.entries).toBeLessThanOrEqual(2 * batchSize);
      const heard: number[] = [];
      const rest = await backfillFlags(db, catalog.byId, {
        batchSize: 150,
        progress: (filled) => heard.push(filled),
      });
      expect(rest).toBe(400);
      // After each full batch; the last one (100 rows) ends the backfill.
      expect(heard).toEqual([150, 300]);
      const flagged = await db
        .selectFrom('responses')
        .select('id')
        .where('request_hash', 'like', 'analysed %')
        .where(sql<boolean>`cardinality(flags) > 0`)
        .execute();
      expect(flagged).toEqual([]);
    });
  },
);
