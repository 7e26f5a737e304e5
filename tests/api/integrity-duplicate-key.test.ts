import { randomUUID } from 'node:crypto';
import { type Kysely, Migrator, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.ts';
import type { Database } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { answersFingerprint } from '../../server/integrity/answers-fingerprint.ts';
import { ownFlags } from '../../server/integrity/own-flags.ts';
import { insertResponseOnce } from '../../server/responses/queries.ts';
import { scoreResponse } from '../../server/scoring/score-response.ts';
import { databaseBackends, type TestDatabase } from '../helpers/databases.ts';
import { scoredItems } from '../helpers/submissions.ts';
import { questionnaire } from '../helpers/test-app.ts';

/**
 * The `duplicate` lookup of a submission (migration 0012): one probe of the duplicate-key
 * index, whatever the planner knows of the table, and the same flags as before the change for
 * rows stored before it.
 */

/** Varied answers (not a straight line), a different set for each seed. */
const answersFor = (seed: number) =>
  Object.fromEntries(scoredItems.map((item, i) => [item.name, (seed * 7 + i * 3) % 11]));

/** Stores a flagged paper response through the production insert path; returns its id. */
async function store(db: Kysely<Database>, communeCode: string, answers: Record<string, number>) {
  const id = randomUUID();
  await insertResponseOnce(
    db,
    {
      id,
      questionnaireId: questionnaire.id,
      communeCode,
      wave: '2026',
      channel: 'paper',
      answers,
      requestHash: 'test',
      scores: scoreResponse(questionnaire.scoring, answers),
      startedAt: null,
      completedAt: null,
      receivedAt: new Date(),
      kioskId: null,
    },
    {
      ownFlags: ownFlags(questionnaire.scoring, { answers, startedAt: null, completedAt: null }),
      fingerprint: answersFingerprint(questionnaire.questions, answers),
    },
  );
  return id;
}

/**
 * Stores a response as the server did before migration 0012, on that schema: the row with its
 * fingerprint (0006's column) and no flags, as none of the rows stored so is a duplicate then.
 */
async function storeAsBefore0012(
  db: Kysely<Database>,
  communeCode: string,
  answers: Record<string, number>,
) {
  const id = randomUUID();
  await sql`
    insert into responses (id, questionnaire_id, commune_code, wave, channel, answers,
      request_hash, answers_fingerprint)
    values (${id}, ${questionnaire.id}, ${communeCode}, '2026', 'paper',
      ${JSON.stringify(answers)}::jsonb, 'test',
      ${answersFingerprint(questionnaire.questions, answers)})`.execute(db);
  return id;
}

const flagsOf = async (db: Kysely<Database>, id: string) =>
  (await db.selectFrom('responses').select('flags').where('id', '=', id).executeTakeFirstOrThrow())
    .flags;

/** The migration run just before 0012: the schema it changed. */
const before0012 = (() => {
  const names = Object.keys(migrations).sort();
  return names[names.indexOf('0012_duplicate_key') - 1] as string;
})();

const migrateTo = async (db: Kysely<Database>, name: string) => {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error } = await migrator.migrateTo(name);
  if (error) throw error;
};

/** The integrity functions and the responses indexes, as the database holds them. */
async function integritySchema(db: Kysely<Database>) {
  const fn = await sql<{ def: string }>`
    select pg_get_functiondef(oid) as def from pg_proc
    where proname like 'integrity\_%' order by proname`.execute(db);
  const indexes = await sql<{ indexdef: string }>`
    select indexdef from pg_indexes where tablename = 'responses' order by indexname`.execute(db);
  return { fn: fn.rows.map((row) => row.def), indexes: indexes.rows.map((row) => row.indexdef) };
}

describe.each(databaseBackends())('the duplicate lookup on $kind', ({ create }) => {
  const opened: TestDatabase[] = [];
  const open = async () => {
    const database = await create();
    opened.push(database);
    return database.db;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((database) => database.drop()));
  });

  it('reads only the pair’s entries of the duplicate-key index, none of the commune’s other responses, on a table never analysed', async () => {
    const db = await open();
    // 300 responses of one commune and wave, all different; no analyze: the planner has no
    // statistics, as on a new install or the embedded database, where 0006's lookup read them all.
    await sql`
      insert into responses (id, questionnaire_id, commune_code, wave, channel, answers,
        request_hash, answers_fingerprint)
      select gen_random_uuid(), ${questionnaire.id}, '01273', '2026', 'paper', '{}'::jsonb,
        'test', md5(g::text) || md5(g::text)
      from generate_series(1, 300) as g`.execute(db);
    const twin = await store(db, '01273', answersFor(1));

    const read = await db.transaction().execute(async (trx) => {
      const id = await store(trx, '01273', answersFor(1));
      const counts = await sql<{ commune_wave: number; duplicate_key: number }>`
        select pg_stat_get_xact_tuples_returned('responses_commune_wave_id_idx'::regclass)::int
            as commune_wave,
          pg_stat_get_xact_tuples_returned('responses_duplicate_key_idx'::regclass)::int
            as duplicate_key`.execute(trx);
      return { id, ...counts.rows[0] };
    });
    expect(await flagsOf(db, read.id)).toEqual(['duplicate']);
    expect(read.commune_wave).toBe(0);
    // The pair (since migration 0016 the new row is in the index when it is looked up),
    // found by the check, which stops at the twin, and again by the update that flags both.
    expect(read.duplicate_key).toBeLessThanOrEqual(4);
    expect(read.duplicate_key).toBeGreaterThanOrEqual(2);
    expect(await flagsOf(db, twin)).toEqual(['duplicate']);
  });

  it('finds the duplicates of responses stored before migration 0012, and flags both', async () => {
    const db = await open();
    await migrateTo(db, before0012);
    const first = await storeAsBefore0012(db, '01279', answersFor(2));
    const other = await storeAsBefore0012(db, '01279', answersFor(3));
    const elsewhere = await storeAsBefore0012(db, '01273', answersFor(2));
    await migrateToLatest(db);
    const second = await store(db, '01279', answersFor(2));
    expect(await flagsOf(db, first)).toEqual(['duplicate']);
    expect(await flagsOf(db, second)).toEqual(['duplicate']);
    expect(await flagsOf(db, other)).toEqual([]);
    // Same answers in another commune: no duplicate.
    expect(await flagsOf(db, elsewhere)).toEqual([]);
  });

  it('goes down to the function and indexes 0006 made, and up again', async () => {
    const db = await open();
    const latest = await integritySchema(db);
    await migrateTo(db, before0012);
    const down = await integritySchema(db);
    // The migrations before 0012 as released, from before the function existed.
    await migrateTo(db, '0005_responses_export_index');
    await migrateTo(db, before0012);
    expect(down).toEqual(await integritySchema(db));
    expect(down.indexes.some((def) => def.includes('responses_duplicate_key_idx'))).toBe(false);
    await migrateToLatest(db);
    expect(await integritySchema(db)).toEqual(latest);
    expect(latest.indexes.some((def) => def.includes('responses_fingerprint_idx'))).toBe(false);
  });
});
