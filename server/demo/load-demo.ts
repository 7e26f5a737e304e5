import { type Insertable, sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { deleteDemoMargins } from '../population/queries.ts';
import type { NewResponse } from '../responses/queries.ts';
import { rebuildRollups } from '../responses/rebuild-rollups.ts';
import type { ResponsesTable } from '../responses/responses.table.ts';
import type { DemoKiosk } from './gaming.ts';

export type LoadDemoOptions = {
  /** Called after each stored batch with the number of rows stored so far. */
  onProgress?: (inserted: number) => void;
  /** Stops after the batch in flight; what is stored stays, and the rollups are rebuilt. */
  signal?: AbortSignal;
  /** Rows per insert statement; 1000 rows of 17 columns stay well under PostgreSQL's 65535 parameters. */
  batchSize?: number;
};

export type LoadDemoResult = {
  inserted: number;
  /** Rows stored per wave, waves in order. */
  byWave: Record<string, number>;
  interrupted: boolean;
};

/**
 * Stores demo rows (`is_demo = true`) in multi-row inserts, then rebuilds the rollups of the
 * waves it touched: one rebuild at the end is far cheaper than updating rollups per row, and
 * gives exactly the figures per-row updates would have. Each batch is one statement and so
 * its own transaction: an interruption leaves whole batches, never half of one.
 *
 * Until the rebuild the new rows are missing from the rollups, so the rebuild runs even when a
 * batch fails or the load is stopped. Only a killed process skips it; `deleteDemo` (which
 * rebuilds every wave it empties) puts that right.
 */
export async function loadDemo(
  db: Db,
  rows: Iterable<NewResponse>,
  options: LoadDemoOptions = {},
): Promise<LoadDemoResult> {
  const batchSize = options.batchSize ?? 1000;
  const byWave = new Map<string, number>();
  let inserted = 0;
  let interrupted = false;
  let batch: NewResponse[] = [];
  const flush = async () => {
    await db.insertInto('responses').values(batch.map(demoRow)).execute();
    for (const row of batch) byWave.set(row.wave, (byWave.get(row.wave) ?? 0) + 1);
    inserted += batch.length;
    batch = [];
    options.onProgress?.(inserted);
  };
  const rebuild = () => rebuildRollups(db, { waves: [...byWave.keys()] });
  try {
    for (const row of rows) {
      if (batch.length === batchSize) {
        await flush();
        // A turn of the event loop per batch, so a Ctrl-C (a signal event) is seen between
        // batches whatever the database answers with.
        await new Promise((resolve) => setImmediate(resolve));
        interrupted = options.signal?.aborted ?? false;
        if (interrupted) break;
      }
      batch.push(row);
    }
    if (!interrupted && batch.length > 0) await flush();
  } catch (error) {
    await rebuild().catch(() => {});
    throw error;
  }
  await rebuild();
  return {
    inserted,
    byWave: Object.fromEntries([...byWave].sort(([a], [b]) => a.localeCompare(b))),
    interrupted,
  };
}

function demoRow(response: NewResponse): Insertable<ResponsesTable> {
  const { scores } = response;
  return {
    id: response.id,
    questionnaire_id: response.questionnaireId,
    commune_code: response.communeCode,
    wave: response.wave,
    channel: response.channel,
    answers: JSON.stringify(response.answers),
    request_hash: response.requestHash,
    score_overall: scores.overall,
    score_security: scores.security,
    score_opportunity: scores.opportunity,
    score_culture: scores.culture,
    score_trust: scores.trust,
    started_at: response.startedAt,
    completed_at: response.completedAt,
    received_at: response.receivedAt,
    kiosk_id: response.kioskId,
    is_demo: true,
  };
}

/** The demo's own kiosks (planted gaming), marked `is_demo` so they go with the demo rows. */
export async function insertDemoKiosks(db: Db, kiosks: readonly DemoKiosk[]): Promise<void> {
  if (kiosks.length === 0) return;
  await sql`
    insert into kiosks (id, commune_code, label, token_hash, is_demo)
    select k.id, k.commune_code, k.label, k.token_hash, true
    from jsonb_to_recordset(${JSON.stringify(
      kiosks.map((kiosk) => ({
        id: kiosk.id,
        commune_code: kiosk.communeCode,
        label: kiosk.label,
        token_hash: kiosk.tokenHash,
      })),
    )}::jsonb) as k(id uuid, commune_code text, label text, token_hash text)`.execute(db);
}

/**
 * Removes every demo row (and the demo's kiosks and margins) and rebuilds the rollups of the waves they were in, in one
 * transaction: results never show the rows gone but their sums still counted. Returns how
 * many rows went.
 */
export async function deleteDemo(db: Db): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const waves = await trx
      .selectFrom('responses')
      .select('wave')
      .distinct()
      .where('is_demo', '=', true)
      .execute();
    const deleted = await trx
      .deleteFrom('responses')
      .where('is_demo', '=', true)
      .executeTakeFirst();
    await rebuildRollups(trx, { waves: waves.map((row) => row.wave) });
    // After their responses, which reference them.
    await sql`delete from kiosks where is_demo`.execute(trx);
    // The demo's margins too; an admin's real ones stay.
    await deleteDemoMargins(trx);
    return Number(deleted.numDeletedRows);
  });
}

/** Responses that are not demo rows: real answers that demo data must not be mixed into unasked. */
export async function countRealResponses(db: Db): Promise<number> {
  return countResponses(db, false);
}

export async function countDemoResponses(db: Db): Promise<number> {
  return countResponses(db, true);
}

async function countResponses(db: Db, isDemo: boolean) {
  const row = await db
    .selectFrom('responses')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('is_demo', '=', isDemo)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
