import { connectDatabase } from '../../server/db/connect.ts';
import { backfillFlags } from '../../server/integrity/backfill-flags.ts';
import type { QuestionnaireCatalog } from '../../server/questionnaires/load-questionnaires.ts';

/**
 * Runs the start-up integrity backfill on the bench database (the bulk-loaded rows have no
 * fingerprint yet), timed, and once more with nothing left to do: what every later start pays.
 */
export async function backfillBulkRows(databaseUrl: string, catalog: QuestionnaireCatalog) {
  const { db } = await connectDatabase({ databaseUrl, dataDir: '', poolSize: 1 });
  try {
    const started = performance.now();
    const rows = await backfillFlags(db, catalog.byId);
    const seconds = (performance.now() - started) / 1000;
    const idleStarted = performance.now();
    const again = await backfillFlags(db, catalog.byId);
    if (again !== 0) throw new Error(`the backfill found ${again} rows left on its second run`);
    return { rows, seconds, idleSeconds: (performance.now() - idleStarted) / 1000 };
  } finally {
    await db.destroy();
  }
}
