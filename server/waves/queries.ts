import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { WaveCalendar } from './wave-dates.ts';

/** A wave as stored, its dates as `YYYY-MM-DD`. */
export type WaveRecord = WaveCalendar & {
  id: string;
  name: string;
  questionnaireId: string;
  /** null: the configured `MIN_N`. */
  target: number | null;
};

const waveColumns = [
  'id',
  'name',
  sql<string>`opens_on::text`.as('opensOn'),
  sql<string>`closes_on::text`.as('closesOn'),
  'questionnaire_id as questionnaireId',
  'target',
  'closed_at as closedAt',
] as const;

/** Every wave, the earliest first. A small table: a few rows a year. */
export async function listWaves(db: Db): Promise<WaveRecord[]> {
  return db.selectFrom('waves').select(waveColumns).orderBy('opens_on').execute();
}

export async function findWave(db: Db, id: string): Promise<WaveRecord | null> {
  const row = await db
    .selectFrom('waves')
    .select(waveColumns)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ?? null;
}

/**
 * The wave whose days contain this Việt Nam day, if any (at most one: they never overlap).
 * On the submission path: a fixed text, so PostgreSQL keeps it prepared, and the table has
 * a handful of rows.
 */
export async function findWaveOnDay(db: Db, day: string): Promise<WaveRecord | null> {
  const result = await sql<WaveRecord>`/* statement: find_wave_on_day */
    select id, name, opens_on::text as "opensOn", closes_on::text as "closesOn",
      questionnaire_id as "questionnaireId", target, closed_at as "closedAt"
    from waves where opens_on <= ${day}::date and closes_on >= ${day}::date
    limit 1`.execute(db);
  return result.rows[0] ?? null;
}

/**
 * How long a submission may go by a wave looked up earlier: a wave changed by another server
 * process counts here within this time; one changed by this process counts at once (its
 * changes go through `insertWave`/`updateWave`, which forget what was kept). Saves the
 * submission path a database round trip, which at 32 connections over a pool of 10 was a
 * fifth of its throughput.
 */
export const keptWaveMs = 1000;
let wavesChanged = 0;
const keptWaves = new WeakMap<
  Db,
  Map<string, { wave: WaveRecord | null; at: number; changes: number }>
>();

/** `findWaveOnDay`, answered from what was read less than `keptWaveMs` ago when it can be. */
export async function findWaveOnDayKept(
  db: Db,
  day: string,
  now = Date.now(),
): Promise<WaveRecord | null> {
  let byDay = keptWaves.get(db);
  if (!byDay) {
    byDay = new Map();
    keptWaves.set(db, byDay);
  }
  const kept = byDay.get(day);
  if (kept && kept.changes === wavesChanged && now - kept.at < keptWaveMs) return kept.wave;
  const changes = wavesChanged;
  const wave = await findWaveOnDay(db, day);
  if (byDay.size > 100) byDay.clear();
  byDay.set(day, { wave, at: now, changes });
  return wave;
}

/** The first wave that opens after this day, if any. */
export async function findNextWave(db: Db, day: string): Promise<WaveRecord | null> {
  const row = await db
    .selectFrom('waves')
    .select(waveColumns)
    .where('opens_on', '>', day)
    .orderBy('opens_on')
    .limit(1)
    .executeTakeFirst();
  return row ?? null;
}

/** Waves other than `exceptId` that share a day with these dates. */
export async function findOverlappingWaves(
  db: Db,
  dates: { opensOn: string; closesOn: string },
  exceptId: string | null,
) {
  let query = db
    .selectFrom('waves')
    .select(['id', 'name'])
    .where('opens_on', '<=', dates.closesOn)
    .where('closes_on', '>=', dates.opensOn);
  if (exceptId !== null) query = query.where('id', '<>', exceptId);
  return query.orderBy('opens_on').execute();
}

/** The wave ids among these that have at least one response (an index probe each). */
export async function findAnsweredWaves(db: Db, ids: readonly string[]): Promise<Set<string>> {
  const answered = new Set<string>();
  for (const id of ids) {
    const hit = await db
      .selectFrom('responses')
      .select('id')
      .where('wave', '=', id)
      .limit(1)
      .executeTakeFirst();
    if (hit) answered.add(id);
  }
  return answered;
}

/** Communes whose target in a wave differs from the wave's, by wave. */
export async function listCommuneTargets(db: Db) {
  const rows = await db
    .selectFrom('wave_targets')
    .select(['wave_id', 'commune_code as communeCode', 'target'])
    .orderBy('wave_id')
    .orderBy('commune_code')
    .execute();
  const byWave = new Map<string, { communeCode: string; target: number }[]>();
  for (const { wave_id, ...target } of rows) {
    byWave.set(wave_id, [...(byWave.get(wave_id) ?? []), target]);
  }
  return byWave;
}

export async function insertWave(db: Db, wave: Omit<WaveRecord, 'closedAt'>) {
  wavesChanged += 1;
  await db
    .insertInto('waves')
    .values({
      id: wave.id,
      name: wave.name,
      opens_on: wave.opensOn,
      closes_on: wave.closesOn,
      questionnaire_id: wave.questionnaireId,
      target: wave.target,
    })
    .execute();
}

export async function updateWave(db: Db, id: string, wave: Omit<WaveRecord, 'id'>) {
  wavesChanged += 1;
  await db
    .updateTable('waves')
    .set({
      name: wave.name,
      opens_on: wave.opensOn,
      closes_on: wave.closesOn,
      questionnaire_id: wave.questionnaireId,
      target: wave.target,
      closed_at: wave.closedAt,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

/** Replaces every commune target of a wave. */
export async function replaceCommuneTargets(
  trx: Db,
  waveId: string,
  targets: readonly { communeCode: string; target: number }[],
) {
  await trx.deleteFrom('wave_targets').where('wave_id', '=', waveId).execute();
  if (targets.length === 0) return;
  await trx
    .insertInto('wave_targets')
    .values(
      targets.map((t) => ({ wave_id: waveId, commune_code: t.communeCode, target: t.target })),
    )
    .execute();
}

/**
 * The latest wave with responses that count (in the rollups), by its opening day; a wave
 * value with no record (responses stored straight, as some tests do) by its year.
 */
export async function findLatestAnsweredWave(db: Db): Promise<string | null> {
  const result = await sql<{ wave: string }>`
    select used.wave from (select distinct wave from rollups) as used
    left join waves w on w.id = used.wave
    order by coalesce(w.opens_on,
      case when used.wave ~ '^[0-9]{4}$' then make_date(used.wave::int, 1, 1) end)
      desc nulls last, used.wave desc
    limit 1`.execute(db);
  return result.rows[0]?.wave ?? null;
}
