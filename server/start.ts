import { mkdirSync } from 'node:fs';
import { buildApp } from './app.ts';
import { bootstrapAdmin } from './auth/bootstrap-admin.ts';
import type { Config } from './config.ts';
import { connectDatabase } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { loggerOptions } from './logger.ts';
import { readQuestionnaires, storeQuestionnaires } from './questionnaires/load-questionnaires.ts';
import { webDist } from './web/ensure-web-build.ts';

/**
 * Everything a start does before listening, in order: read and check the questionnaire
 * files (a broken file stops here, before any database work), open and migrate the
 * database, store the questionnaires, build the app.
 */
export async function prepareServer(config: Config, log: (message: string) => void) {
  const catalog = readQuestionnaires(config.SURVEYS_DIR, config.CURRENT_QUESTIONNAIRE);
  if (!config.DATABASE_URL) mkdirSync(config.DATA_DIR, { recursive: true });
  const database = await connectDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolSize: config.DATABASE_POOL_SIZE,
  });
  try {
    const applied = await migrateToLatest(database.db);
    if (applied.length > 0) log(`migrated: ${applied.join(', ')}`);
    await storeQuestionnaires(database.db, catalog);
    await bootstrapAdmin(
      database.db,
      { email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD },
      log,
    );
    const app = await buildApp({
      config,
      database,
      catalog,
      logger: loggerOptions(config.LOG_LEVEL),
      webRoot: webDist,
    });
    return { app, database, catalog };
  } catch (error) {
    await database.db.destroy();
    throw error;
  }
}
