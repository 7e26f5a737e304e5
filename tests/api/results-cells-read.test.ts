import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CellRollup,
  findOverallRollups,
  findWaveRollups,
} from '../../server/results/queries.ts';
import { databaseBackends, type TestDatabase } from '../helpers/databases.ts';
import { storeResponse } from '../helpers/store-response.ts';
import { questionnaire } from '../helpers/test-app.ts';

const wave = '2025';
const varied = '01273';
const alike = '01279';
const notAsked = '01288';

/** Answers around `level` (0–10), the items varied by `seed`. */
function answersAt(level: number, seed: number, sex: string | null, ageBand: string) {
  const answers: Record<string, unknown> = Object.fromEntries(
    questionnaire.scoring.items.map((item, i) => {
      const v = Math.max(
        0,
        Math.min(10, level + ((seed + i) % 3 === 0 ? 1 : 0) - (i % 7 === 0 ? 1 : 0)),
      );
      return [item.name, item.reverse ? 10 - v : v];
    }),
  );
  if (sex) answers.sex = sex;
  answers.age_band = ageBand;
  return answers;
}

/**
 * The placed cells as a row per cell, cast to float8 by the database: how they were read before
 * they came with the totals. The read under test must give these very doubles.
 */
async function cellsRowByRow(db: TestDatabase['db'], where: ReturnType<typeof sql>) {
  const { rows } = await sql<{
    commune_code: string;
    wave: string;
    measure: CellRollup['measure'];
    sex: string;
    age_band: string;
    n: number;
    sum: number;
    n_ss: number;
  }>`select commune_code, wave, measure, sex, age_band, n, sum::float8 as sum,
      (n * sum_squares - sum * sum)::float8 as n_ss
    from rollups where ${where} and sex <> '' and age_band <> '' and n > 0
      and commune_code in (${varied}, ${alike})`.execute(db);
  return rows.map((row) => ({
    communeCode: row.commune_code,
    wave: row.wave,
    measure: row.measure,
    sex: row.sex,
    ageBand: row.age_band,
    n: Number(row.n),
    sum: Number(row.sum),
    sumSquaresAboutMean: Number(row.n_ss) / Number(row.n),
  }));
}

const byPlace = (cells: readonly CellRollup[]) =>
  [...cells].sort((a, b) =>
    `${a.wave}/${a.communeCode}/${a.measure}/${a.sex}/${a.ageBand}`.localeCompare(
      `${b.wave}/${b.communeCode}/${b.measure}/${b.sex}/${b.ageBand}`,
    ),
  );

describe.each(databaseBackends())(
  'the placed cells read with the totals on $kind',
  ({ create }) => {
    let database: TestDatabase;

    beforeAll(async () => {
      database = await create();
      const { db } = database;
      let seed = 0;
      for (const [sex, band, count] of [
        ['female', '18-29', 3],
        ['female', '60+', 5],
        ['male', '30-44', 4],
        ['male', '45-59', 1],
      ] as const) {
        for (let i = 0; i < count; i += 1) {
          await storeResponse(db, varied, answersAt(7 + (i % 3), seed++, sex, band), wave);
        }
      }
      // Unplaced: no sex given.
      await storeResponse(db, varied, answersAt(5, seed++, null, '30-44'), wave);
      // The same answers four times in a cell (scores such as 73.33…, which no double holds):
      // Σ(m − mean)² must come out exactly 0.
      for (let i = 0; i < 4; i += 1) {
        await storeResponse(db, alike, answersAt(7, 1, 'female', '45-59'), wave);
        await storeResponse(db, alike, answersAt(8, 2, 'male', '45-59'), wave);
      }
      await storeResponse(db, notAsked, answersAt(8, seed++, 'male', '18-29'), wave);
      await storeResponse(db, varied, answersAt(6, seed++, 'female', '18-29'), '2024');
    });
    afterAll(async () => {
      await database?.drop();
    });

    it('gives every placed cell of the communes asked for, as the row-by-row read did', async () => {
      const { totals, cells } = await findWaveRollups(database.db, wave, [varied, alike]);
      const expected = await cellsRowByRow(database.db, sql`wave = ${wave}`);
      expect(cells.length).toBe(expected.length);
      // Four placed cells × 5 measures in `varied`, two × 5 in `alike` (every item answered).
      expect(cells.length).toBe(30);
      const got = byPlace(cells);
      for (const [i, cell] of byPlace(expected).entries()) {
        const read = got[i] as CellRollup;
        expect(read).toEqual(cell);
        // Bit for bit, not only close: the figures kept by these numbers depend on it.
        expect(Object.is(read.sum, cell.sum)).toBe(true);
        expect(Object.is(read.sumSquaresAboutMean, cell.sumSquaresAboutMean)).toBe(true);
      }
      expect(cells.some((c) => c.communeCode === notAsked)).toBe(false);
      expect(cells.every((c) => c.sex !== '' && c.ageBand !== '')).toBe(true);
      const plain = await findWaveRollups(database.db, wave);
      expect(plain.cells).toEqual([]);
      expect(totals).toEqual(plain.totals);
      const overall = totals.find((t) => t.communeCode === varied && t.measure === 'overall');
      expect(overall?.n).toBe(14);
    });

    it('gives exactly 0 for a cell whose answers are all equal', async () => {
      const { cells } = await findWaveRollups(database.db, wave, [alike]);
      expect(cells.length).toBe(10);
      for (const cell of cells) {
        expect(cell.n).toBe(4);
        expect(cell.sumSquaresAboutMean).toBe(0);
      }
      // The case is not trivial: in doubles, n·Σm² − (Σm)² would leave a residue for some.
      const residues = cells.filter((cell) => {
        const mean = cell.sum / cell.n;
        return (
          cell.n * (cell.n * mean * mean) - cell.sum * cell.sum !== 0 || !Number.isInteger(mean)
        );
      });
      expect(residues.length).toBeGreaterThan(0);
    });

    it('gives the trend the overall cells of every wave', async () => {
      const { totals, cells } = await findOverallRollups(database.db, [varied, alike]);
      const expected = await cellsRowByRow(database.db, sql`measure = 'overall'`);
      expect(byPlace(cells)).toEqual(byPlace(expected));
      expect(cells.some((c) => c.wave === '2024')).toBe(true);
      expect(totals.map((t) => t.wave)).toEqual([...totals.map((t) => t.wave)].sort());
      expect(totals.every((t) => t.measure === 'overall')).toBe(true);
    });
  },
);
