import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { contentHash } from '../../server/canonical-json.ts';
import { parseCommunesCsv } from '../../server/communes/communes-csv.ts';
import { planGaming } from '../../server/demo/gaming.ts';
import { deleteDemo } from '../../server/demo/load-demo.ts';
import { runDemo } from '../../server/demo/run-demo.ts';
import { findAnswerProblems } from '../../server/questionnaires/find-answer-problems.ts';
import { submissionSchema } from '../../server/responses/schema.ts';
import { waveOf } from '../../server/responses/wave.ts';
import { databaseBackends } from '../helpers/databases.ts';
import { recomputedRollups, storedRollups } from '../helpers/rows.ts';
import { questionnaire, useTestApp } from '../helpers/test-app.ts';

const communes = parseCommunesCsv(
  readFileSync(new URL('../../server/communes/communes.csv', import.meta.url), 'utf8'),
);

describe('planted gaming of the demo', () => {
  const plan = planGaming(questionnaire, communes, { responses: 20_000, seed: 1 });

  it('is seeded, and nothing below 2000 responses', () => {
    expect(planGaming(questionnaire, communes, { responses: 20_000, seed: 1 })).toEqual(plan);
    expect(planGaming(questionnaire, communes, { responses: 1999, seed: 1 }).rows).toEqual([]);
  });

  it('makes rows the server would have accepted: kiosk bursts in three communes, and speeders', () => {
    expect(plan.kiosks).toHaveLength(3);
    for (const row of plan.rows) {
      const submission = {
        id: row.id,
        questionnaireId: row.questionnaireId,
        communeCode: row.communeCode,
        channel: row.channel,
        answers: row.answers,
        startedAt: row.startedAt ?? undefined,
        completedAt: row.completedAt ?? undefined,
      };
      expect(submissionSchema.safeParse(submission).success).toBe(true);
      expect(findAnswerProblems(questionnaire, row.answers)).toEqual([]);
      expect(row.requestHash).toBe(contentHash(submission));
      expect(row.wave).toBe(waveOf(row.receivedAt));
      if (row.kioskId) {
        const kiosk = plan.kiosks.find((k) => k.id === row.kioskId);
        expect(row.communeCode).toBe(kiosk?.communeCode);
        expect(row.channel).toBe('kiosk');
        // Top answers; 10 on the reverse items too (a straight line) still scores above 80.
        expect(row.scores.overall).toBeGreaterThan(80);
      } else expect(row.channel).toBe('web');
    }
    const stuffed = plan.rows.filter((row) => row.kioskId).length;
    const top = plan.rows.filter((row) => row.kioskId && (row.scores.overall ?? 0) > 95).length;
    expect(top / stuffed).toBeGreaterThan(0.75);
    expect(stuffed).toBeGreaterThanOrEqual(3 * 3 * 12);
    expect(plan.rows.length - stuffed).toBe(25);
  });
});

describe.each(databaseBackends())('demo gaming on $kind', ({ create }) => {
  const ctx = useTestApp(create);

  it('loads flagged gaming among the demo rows, all marked demo, and deletes it with them', async () => {
    const { db } = ctx.database;
    const result = await runDemo(db, questionnaire, {
      responses: 3000,
      seed: 3,
      force: false,
      gaming: true,
    });
    expect(result.inserted).toBe(3000);
    const kiosks = await sql<{ id: string; is_demo: boolean }>`
      select id, is_demo from kiosks`.execute(db);
    expect(kiosks.rows).toHaveLength(3);
    expect(kiosks.rows.every((kiosk) => kiosk.is_demo)).toBe(true);

    const { rows } = await sql<{ flag: string; kiosk: boolean; is_demo: boolean; n: number }>`
      select f as flag, kiosk_id is not null as kiosk, is_demo, count(*)::int as n
      from responses cross join lateral unnest(flags) as f
      group by 1, 2, 3 order by 1, 2`.execute(db);
    const count = (flag: string, kiosk: boolean) =>
      Number(rows.find((row) => row.flag === flag && row.kiosk === kiosk)?.n ?? 0);
    expect(rows.every((row) => row.is_demo)).toBe(true);
    // Every stuffed kiosk row is in a burst; many are duplicates, some straight lines or too fast.
    const stuffed = await db
      .selectFrom('responses')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kiosk_id', 'is not', null)
      .executeTakeFirstOrThrow();
    expect(count('burst', true)).toBe(Number(stuffed.n));
    expect(count('burst', false)).toBe(0);
    expect(count('duplicate', true)).toBeGreaterThan(10);
    expect(count('straight_line', true)).toBeGreaterThan(0);
    expect(count('too_fast', true)).toBeGreaterThan(10);
    expect(count('too_fast', false)).toBeGreaterThanOrEqual(25);
    const unfilled = await db
      .selectFrom('responses')
      .select('id')
      .where('answers_fingerprint', 'is', null)
      .execute();
    expect(unfilled).toEqual([]);
    expect(await storedRollups(db)).toEqual(await recomputedRollups(db));

    await deleteDemo(db);
    expect((await sql`select id from kiosks`.execute(db)).rows).toEqual([]);
  });
});
