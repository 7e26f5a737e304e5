import { mkdirSync } from 'node:fs';
import type { Config } from './config.ts';
import { connectDatabase, type DatabaseHandle } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { backfillFlags } from './integrity/backfill-flags.ts';
import {
  type QuestionnaireCatalog,
  storeQuestionnaires,
} from './questionnaires/load-questionnaires.ts';

/** How often a long start-up backfill says how far it has got. */
const progressEveryMs = 10_000;

/**
 * Opens the configured database ready for use, as the server, `npm run demo` and `npm run
 * users` all need it: the embedded directory made if new, the schema migrated, and (when a
 * catalog is given) the questionnaires stored and stored responses given the integrity flags
 * they lack. On any failure the database is closed again,
 * so an embedded directory is never left locked by a process that gave up.
 */
export async function openDatabase(
  config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR'>,
  options: { poolSize: number; catalog?: QuestionnaireCatalog; log?: (message: string) => void },
): Promise<DatabaseHandle> {
  if (!config.DATABASE_URL) mkdirSync(config.DATA_DIR, { recursive: true });
  const database = await connectDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolSize: options.poolSize,
  });
  try {
    const applied = await migrateToLatest(database.db);
    if (applied.length > 0) options.log?.(`migrated: ${applied.join(', ')}`);
    if (options.catalog) {
      await storeQuestionnaires(database.db, options.catalog);
      // Rows stored before the integrity flags (migration 0006) get them now; none: one probe.
      // Many (an upgrade with its rows: about 7,600 a second at 1,000,000) take minutes
      // before the server serves, so the operator hears how far it has got every few seconds.
      const started = Date.now();
      let told = started;
      const filled = await backfillFlags(database.db, options.catalog.byId, {
        progress: (so) => {
          if (Date.now() - told < progressEveryMs) return;
          told = Date.now();
          const seconds = Math.round((told - started) / 1000);
          options.log?.(`integrity flags: ${so} stored responses filled in so far (${seconds} s)`);
        },
      });
      if (filled > 0) options.log?.(`integrity flags: filled in ${filled} stored responses`);
    }
    return database;
  } catch (error) {
    await database.db.destroy();
    throw error;
  }
}
