import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { FormQuestion } from '../questionnaires/form-questions.ts';
import type { Scoring } from '../questionnaires/schema.ts';
import { answersFingerprint } from './answers-fingerprint.ts';
import { burstMaxPerWindow } from './burst.ts';
import { ownFlags } from './own-flags.ts';
import { countAnswered, isTooFast } from './too-fast.ts';

/** What the backfill needs of a questionnaire: its scored items and its questions' types. */
export type FlagQuestionnaire = {
  scoring: Pick<Scoring, 'items' | 'missing'>;
  questions: ReadonlyMap<string, Pick<FormQuestion, 'type'>>;
};

type PendingRow = {
  id: string;
  questionnaire_id: string;
  commune_code: string;
  wave: string;
  kiosk_id: string | null;
  answers: Record<string, unknown> | string;
  started_at: Date | string | null;
  completed_at: Date | string | null;
  completion: Date | string;
};

/**
 * Gives every stored response without a fingerprint (rows stored before migration 0006, and
 * the demo's bulk-loaded rows) its fingerprint and its METHOD.md section 7 flags, and adds
 * the flags they earn to the responses they make a duplicate pair or a burst window with.
 * Returns how many rows it filled in; `progress` hears the count so far after every full batch.
 *
 * Idempotent and cheap when there is nothing to do: the rows are found through
 * `responses_unfingerprinted_idx`, which holds exactly the rows still to do, so a start with
 * none costs one probe of an empty index. Batches are taken in kiosk and completion order,
 * each in its own transaction (a crash leaves whole batches done, the rest for next time),
 * with `skip locked` so two servers starting at once share the work. Each batch takes the
 * same advisory locks as a submission (fingerprint and kiosk keys, ascending), so a
 * submission arriving meanwhile and a batch never both miss each other.
 *
 * Bursts: every window that contains a row of the batch starts within 10 minutes before it
 * and ends within 10 minutes after it, so the kiosk's rows from 10 minutes before the batch's
 * first to 10 minutes after its last decide all of them exactly (windows as burst.ts: half-
 * open, more than 10 responses).
 */
export async function backfillFlags(
  db: Db,
  questionnaires: ReadonlyMap<string, FlagQuestionnaire>,
  options: { batchSize?: number; progress?: (filled: number) => void } = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 1000;
  let filled = 0;
  for (;;) {
    const done = await db
      .transaction()
      .execute((trx) => backfillBatch(trx, questionnaires, batchSize));
    filled += done;
    if (done < batchSize) break;
    options.progress?.(filled);
  }
  // After a large backfill the planner's statistics still say most rows lack a fingerprint,
  // and the next start's probe would scan the table instead of the (now empty) index.
  if (filled > batchSize) await sql`analyze responses`.execute(db);
  return filled;
}

/**
 * One batch of `backfillFlags`, in the caller's transaction: up to `batchSize` rows filled in,
 * with the flags they earn and give. Returns how many rows it took.
 */
export async function backfillBatch(
  trx: Db,
  questionnaires: ReadonlyMap<string, FlagQuestionnaire>,
  batchSize: number,
): Promise<number> {
  // No JIT compilation for this batch's statements: the duplicate step's estimate (a
  // thousand index probes, each guessed at 1,700 rows for a hash that matches one or two)
  // passed PostgreSQL's threshold, and compiling it took 320 ms of a batch's 400, for 3 ms of
  // work. Local to the transaction, so the pooled connection keeps its own setting.
  await sql`select set_config('jit', 'off', true)`.execute(trx);
  const { rows } = await sql<PendingRow>`
    select id, questionnaire_id, commune_code, wave, kiosk_id, answers, started_at, completed_at,
      coalesce(completed_at, received_at) as completion
    from responses
    where answers_fingerprint is null
    order by kiosk_id, coalesce(completed_at, received_at), id
    limit ${batchSize}
    for update skip locked`.execute(trx);
  if (rows.length === 0) return 0;

  const filled = rows.map((row) => {
    const answers = typeof row.answers === 'string' ? JSON.parse(row.answers) : row.answers;
    const questionnaire = questionnaires.get(row.questionnaire_id);
    const startedAt = row.started_at === null ? null : new Date(row.started_at);
    const completedAt = row.completed_at === null ? null : new Date(row.completed_at);
    // A questionnaire the server no longer knows: no item list for straight_line, and no
    // question types to leave free text out by, but the time rule still holds.
    const flags = questionnaire
      ? ownFlags(questionnaire.scoring, { answers, startedAt, completedAt })
      : isTooFast(startedAt, completedAt, countAnswered(answers))
        ? ['too_fast']
        : [];
    return {
      id: row.id,
      fingerprint: answersFingerprint(questionnaire?.questions ?? new Map(), answers),
      flags,
      row,
    };
  });

  const groups = new Map<string, { commune: string; wave: string; fingerprint: string }>();
  const kiosks = new Map<string, { kiosk: string; first: number; last: number }>();
  for (const { fingerprint, row } of filled) {
    const key = `fingerprint:${row.commune_code}:${row.wave}:${fingerprint}`;
    groups.set(key, { commune: row.commune_code, wave: row.wave, fingerprint });
    if (row.kiosk_id === null) continue;
    const t = new Date(row.completion).getTime();
    const range = kiosks.get(row.kiosk_id);
    if (!range) kiosks.set(row.kiosk_id, { kiosk: row.kiosk_id, first: t, last: t });
    else {
      range.first = Math.min(range.first, t);
      range.last = Math.max(range.last, t);
    }
  }
  const lockKeys = [...groups.keys(), ...[...kiosks.keys()].map((kiosk) => `kiosk:${kiosk}`)];
  await sql`
    select count(pg_advisory_xact_lock(k)) from (
      select distinct hashtextextended(x, 0) as k
      from jsonb_array_elements_text(${JSON.stringify(lockKeys)}::jsonb) as x
      order by 1
    ) as ascending`.execute(trx);

  await sql`
    update responses r set answers_fingerprint = v.fingerprint,
      flags = r.flags || array(
        select f from jsonb_array_elements_text(v.flags) as f where not (f = any(r.flags)))
    from jsonb_to_recordset(${JSON.stringify(
      filled.map(({ id, fingerprint, flags }) => ({ id, fingerprint, flags })),
    )}::jsonb) as v(id uuid, fingerprint text, flags jsonb)
    where r.id = v.id`.execute(trx);

  // By the duplicate key of migration 0015: its 8-byte hash, which only its index answers,
  // then the exact key, since two keys may share a hash (see there). The statement's shape
  // fixes its plan: `repeated` is worked out once (materialized), and each repeated key then
  // finds its own rows through the index (a lateral subquery kept apart by `offset 0`).
  // Left to the planner, a table analysed before its backfill (every fingerprint null, so the
  // index looked empty) had it walk the whole index and run the count for every indexed row
  // and batch key together: 28 million probes in one batch at 28,000 filled rows.
  await sql`
    with batch as (
      select hashtextextended(
          'fingerprint:' || g.commune || ':' || g.wave || ':' || g.fingerprint, 0) as key_hash,
        g.fingerprint || ':' || g.commune || ':' || g.wave as duplicate_key
      from jsonb_to_recordset(${JSON.stringify([...groups.values()])}::jsonb)
        as g(commune text, wave text, fingerprint text)
    ), repeated as materialized (
      select b.key_hash, b.duplicate_key from batch b
      where (select count(*) from (
        select 1 from responses o
        where o.answers_fingerprint is not null
          and hashtextextended('fingerprint:' || o.commune_code || ':' || o.wave || ':'
            || o.answers_fingerprint, 0) = b.key_hash
          and (o.answers_fingerprint || ':' || o.commune_code || ':' || o.wave) = b.duplicate_key
        limit 2) as two) = 2
    )
    update responses r set flags = array_append(r.flags, 'duplicate')
    from repeated g cross join lateral (
      select o.id from responses o
      where o.answers_fingerprint is not null
        and hashtextextended('fingerprint:' || o.commune_code || ':' || o.wave || ':'
          || o.answers_fingerprint, 0) = g.key_hash
        and (o.answers_fingerprint || ':' || o.commune_code || ':' || o.wave) = g.duplicate_key
        and not ('duplicate' = any(o.flags))
      offset 0) as unflagged
    where r.id = unflagged.id`.execute(trx);

  if (kiosks.size > 0) {
    const ranges = [...kiosks.values()].map(({ kiosk, first, last }) => ({
      kiosk,
      first: new Date(first).toISOString(),
      last: new Date(last).toISOString(),
    }));
    // 599.999999 s: the half-open 10-minute window at the database's microsecond resolution.
    await sql`
      with ranges as (
        select * from jsonb_to_recordset(${JSON.stringify(ranges)}::jsonb)
          as g(kiosk uuid, first timestamptz, last timestamptz)
      ), near as materialized (
        select r.id, r.kiosk_id, coalesce(r.completed_at, r.received_at) as t
        from ranges g join responses r on r.kiosk_id = g.kiosk
          and coalesce(r.completed_at, r.received_at) > g.first - interval '10 minutes'
          and coalesce(r.completed_at, r.received_at) < g.last + interval '10 minutes'
      ), counted as (
        select id, kiosk_id, t, count(*) over (partition by kiosk_id order by t
          range between current row and interval '599.999999 seconds' following) as n
        from near
      ), marked as (
        select id, max(case when n > ${burstMaxPerWindow} then t end) over (
          partition by kiosk_id order by t
          range between interval '599.999999 seconds' preceding and current row) as start
        from counted
      )
      update responses r set flags = array_append(r.flags, 'burst')
      from marked m
      where r.id = m.id and m.start is not null and not ('burst' = any(r.flags))`.execute(trx);
  }
  return rows.length;
}
