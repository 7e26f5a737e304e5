import type { Db } from '../db/database.ts';
import { insertResponseOnce } from '../responses/queries.ts';
import type { PlannedRow } from './plan-import.ts';

/**
 * Rows per transaction. Each transaction holds the rollup rows of the communes it touched
 * until it commits, so a kiosk of such a commune waits for it: at about 1,000 rows a second
 * (tests/bench/import-bench.ts) 250 rows keep that wait near a quarter of a second, and a
 * 10,000-row file writes 40 audit entries, one per transaction.
 */
export const rowsPerTransaction = 250;

/** PostgreSQL's deadlock_detected: two imports of overlapping files in another order. */
const deadlockDetected = '40P01';
const attempts = 3;

export type StoredChunk = {
  /** 1-based, of `parts` */
  part: number;
  parts: number;
  stored: number;
  firstLine: number;
  lastLine: number;
};

/**
 * Stores the rows, a chunk per transaction, each by insertResponseOnce (with its integrity
 * flags, as a submission is stored): a row whose id is already stored is left as it is, so
 * a concurrent import of the same file stores each row once. `onChunk` runs inside each
 * chunk's transaction that stored a row (the audit entry goes there: kept or lost with the
 * rows it describes). Returns the rows this call did not store: stored meanwhile by
 * someone else, to be told unchanged or conflicting by their hash. Each stored row records
 * the import's declared `source`.
 */
export async function storeImport(
  db: Db,
  source: string,
  rows: readonly PlannedRow[],
  onChunk: (trx: Db, chunk: StoredChunk) => Promise<void>,
): Promise<{ stored: number; notStored: PlannedRow[] }> {
  const parts = Math.ceil(rows.length / rowsPerTransaction);
  let stored = 0;
  const notStored: PlannedRow[] = [];
  for (let part = 1; part <= parts; part += 1) {
    const chunk = rows.slice((part - 1) * rowsPerTransaction, part * rowsPerTransaction);
    const outcome = await withDeadlockRetry(() =>
      db.transaction().execute(async (trx) => {
        const missed: PlannedRow[] = [];
        const storedIds: string[] = [];
        for (const row of chunk) {
          if (await insertResponseOnce(trx, row.response, row.integrity)) {
            storedIds.push(row.response.id);
          } else missed.push(row);
        }
        // Apart from the insert, so the submission statement every resident's answer takes
        // stays as it is: only imports have a source.
        if (storedIds.length > 0) {
          await trx.updateTable('responses').set({ source }).where('id', 'in', storedIds).execute();
        }
        const count = chunk.length - missed.length;
        if (count > 0) {
          await onChunk(trx, {
            part,
            parts,
            stored: count,
            firstLine: chunk[0]?.line ?? 0,
            lastLine: chunk.at(-1)?.line ?? 0,
          });
        }
        return { count, missed };
      }),
    );
    stored += outcome.count;
    notStored.push(...outcome.missed);
  }
  return { stored, notStored };
}

async function withDeadlockRetry<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code !== deadlockDetected || attempt >= attempts) throw error;
    }
  }
}
