import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { MeasureKey } from '../questionnaires/schema.ts';

/**
 * A rollup as the statistics need it. `sumSquaresAboutMean` (Σ(x − mean)²) is derived from
 * n·Σx² − (Σx)², computed exactly on numeric in the database and divided by n only here, so
 * a commune whose answers are all equal gets exactly 0, not a rounding residue.
 */
export type MeasureRollup = {
  communeCode: string;
  wave: string;
  measure: MeasureKey;
  n: number;
  sum: number;
  sumSquaresAboutMean: number;
};

/**
 * One cell of a commune·wave·measure rollup: the responses of one sex × age band (METHOD.md
 * section 8), with `sex` or `ageBand` '' for those not placed. What raking needs.
 */
export type CellRollup = MeasureRollup & { sex: string; ageBand: string };

/** A wave's rollups: per commune and measure over every cell, and per cell. */
export type WaveRollups = { totals: MeasureRollup[]; cells: CellRollup[] };

export type RollupRow = {
  commune_code: string;
  wave: string;
  measure: MeasureKey;
  sex: string | null;
  age_band: string | null;
  n: number | string;
  sum: string;
  n_ss: string;
};

const toRollup = (row: RollupRow): MeasureRollup => {
  const n = Number(row.n);
  return {
    communeCode: row.commune_code,
    wave: row.wave,
    measure: row.measure,
    n,
    sum: Number(row.sum),
    sumSquaresAboutMean: n > 0 ? Number(row.n_ss) / n : 0,
  };
};

/**
 * Splits rows grouped by `grouping sets ((commune, wave, measure), (…, sex, age_band))`: a
 * row whose cell columns are null is a total over the cells. The totals are summed in the
 * database in numeric, so their n·Σx² − (Σx)² stays exact (0 when all answers are equal),
 * which a sum of the cells' spreads in double precision would not be.
 */
export function splitRollupRows(rows: readonly RollupRow[]): WaveRollups {
  const totals: MeasureRollup[] = [];
  const cells: CellRollup[] = [];
  for (const row of rows) {
    if (row.sex === null || row.age_band === null) totals.push(toRollup(row));
    else cells.push({ ...toRollup(row), sex: row.sex, ageBand: row.age_band });
  }
  return { totals, cells };
}

/** The spread columns of a rollup query over `rollups`, exact in numeric. */
const summedColumns = sql`sum(n)::int as n, sum(sum)::text as sum,
      (sum(n) * sum(sum_squares) - sum(sum) * sum(sum))::text as n_ss`;

/**
 * Which communes' cells to read: the raking needs them only for communes with population
 * margins, and only the placed cells (a sex and an age band); the unplaced are the measure's
 * n less those. Reading no more keeps an unweighted request at 280 rows.
 */
export type CellsWanted = readonly string[];

type RollupWithCellsRow = RollupRow & { cells?: string | null };

/**
 * The placed cells of a commune·measure, as one JSON array of five values per cell: sex, age
 * band, n, Σm and n·Σm² − (Σm)². Why one text per commune·measure rather than a row per cell:
 * the cells then come in the rows of the totals, in the same scan, and 2,240 rows parsed one
 * by one cost the server more than the raking of them. The sums are written as PostgreSQL
 * prints numeric, exactly; `JSON.parse` rounds each to the nearest double once, as a cast to
 * float8 would (so equal answers still give exactly 0). The categories are constrained to
 * plain words, so they need no escaping.
 */
function placedCellsColumn(communes: CellsWanted) {
  return sql`, '[' || string_agg(
      concat_ws(',', '"' || sex || '"', '"' || age_band || '"', n, sum, n * sum_squares - sum * sum),
      ',')
    filter (where sex <> '' and age_band <> '' and n > 0 and commune_code in (${sql.join(communes)}))
    || ']' as cells`;
}

/** The cells a row of the totals carries (see `placedCellsColumn`), onto `cells`. */
function addPlacedCells(row: RollupWithCellsRow, cells: CellRollup[]): void {
  if (row.cells === undefined || row.cells === null) return;
  const values = JSON.parse(row.cells) as (string | number)[];
  for (let i = 0; i + 4 < values.length; i += 5) {
    const n = values[i + 2] as number;
    cells.push({
      communeCode: row.commune_code,
      wave: row.wave,
      measure: row.measure,
      sex: values[i] as string,
      ageBand: values[i + 1] as string,
      n,
      sum: values[i + 3] as number,
      sumSquaresAboutMean: (values[i + 4] as number) / n,
    });
  }
}

/**
 * The rollups per commune·measure over `where`, and the placed cells of `communes` with them:
 * one query either way; with no communes, just the totals an unweighted request needs.
 */
async function findRollupsAndCells(
  db: Db,
  where: RawBuilder<unknown>,
  communes: CellsWanted,
  orderBy: RawBuilder<unknown> = sql``,
): Promise<WaveRollups> {
  const cellsColumn = communes.length > 0 ? placedCellsColumn(communes) : sql``;
  const { rows } = await sql<RollupWithCellsRow>`
    select commune_code, wave, measure, null as sex, null as age_band, ${summedColumns}
      ${cellsColumn}
    from rollups where ${where}
    group by commune_code, wave, measure ${orderBy}`.execute(db);
  const totals: MeasureRollup[] = [];
  const cells: CellRollup[] = [];
  for (const row of rows) {
    totals.push(toRollup(row));
    addPlacedCells(row, cells);
  }
  return { totals, cells };
}

/**
 * Every rollup of a wave per commune·measure (at most 56 × 5 rows, whatever the number of
 * responses), and the placed cells of the communes in `cellsOf`.
 */
export function findWaveRollups(
  db: Db,
  wave: string,
  cellsOf: CellsWanted = [],
): Promise<WaveRollups> {
  return findRollupsAndCells(db, sql`wave = ${wave}`, cellsOf);
}

/** The overall rollups of every wave per commune, and the placed cells of `cellsOf`, for the trend. */
export function findOverallRollups(db: Db, cellsOf: CellsWanted = []): Promise<WaveRollups> {
  return findRollupsAndCells(db, sql`measure = 'overall'`, cellsOf, sql`order by wave`);
}

/** The province pooled per wave: every scored response counted once, as one sample. */
export async function findProvinceRollups(db: Db): Promise<MeasureRollup[]> {
  const { rows } = await sql<RollupRow>`
    select '' as commune_code, wave, 'overall' as measure, null as sex, null as age_band,
      ${summedColumns}
    from rollups where measure = 'overall' group by wave order by wave`.execute(db);
  return rows.map(toRollup);
}

/** The latest wave with scored responses, or null on an empty database. */
export async function findLatestWave(db: Db): Promise<string | null> {
  const row = await db
    .selectFrom('rollups')
    .select((eb) => eb.fn.max('wave').as('wave'))
    .executeTakeFirst();
  return row?.wave ?? null;
}

/** Which of these questionnaires have responses in the wave (an index probe each). */
export async function findWaveQuestionnaires(db: Db, wave: string, ids: readonly string[]) {
  const used: string[] = [];
  for (const id of ids) {
    const hit = await db
      .selectFrom('responses')
      .select('id')
      .where('questionnaire_id', '=', id)
      .where('wave', '=', wave)
      .limit(1)
      .executeTakeFirst();
    if (hit) used.push(id);
  }
  return used;
}

/**
 * The answers of one commune in one wave that count (not excluded by review: METHOD.md
 * section 7), served by the commune·wave index.
 */
export async function findCommuneAnswers(db: Db, communeCode: string, wave: string) {
  const rows = await db
    .selectFrom('responses')
    .select(['questionnaire_id', 'answers'])
    .where('commune_code', '=', communeCode)
    .where('wave', '=', wave)
    .where('review_state', '<>', 'excluded')
    .execute();
  return rows;
}

/** Per commune: responses excluded by review, and flagged ones not reviewed yet. */
export type ReviewCounts = { excluded: number; flaggedUnreviewed: number };

/**
 * The review counts of every commune in a wave, as migration 0007's triggers keep them in
 * `review_counts` (at most 56 rows: no request counts responses).
 */
export async function findReviewCounts(db: Db, wave: string): Promise<Map<string, ReviewCounts>> {
  const rows = await db
    .selectFrom('review_counts')
    .select(['commune_code', 'excluded', 'flagged_unreviewed'])
    .where('wave', '=', wave)
    .where((eb) => eb.or([eb('excluded', '<>', 0), eb('flagged_unreviewed', '<>', 0)]))
    .execute();
  return new Map(
    rows.map((row) => [
      row.commune_code,
      { excluded: Number(row.excluded), flaggedUnreviewed: Number(row.flagged_unreviewed) },
    ]),
  );
}
