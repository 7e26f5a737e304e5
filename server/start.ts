import { buildApp } from './app.ts';
import { bootstrapAdmin } from './auth/bootstrap-admin.ts';
import type { Config } from './config.ts';
import { readLanguageFiles } from './languages/read-language-files.ts';
import { loggerOptions } from './logger.ts';
import { openDatabase } from './open-database.ts';
import { readQuestionnaires } from './questionnaires/load-questionnaires.ts';
import { readTlsFiles } from './tls-files.ts';
import { webDist } from './web/ensure-web-build.ts';

/**
 * Everything a start does before listening, in order: read and check the TLS files and the
 * questionnaire files (a broken file stops here, before any database work), open and
 * migrate the database, store the questionnaires, build the app.
 */
export async function prepareServer(config: Config, log: (message: string) => void) {
  const tls = readTlsFiles(config);
  const catalog = readQuestionnaires(config.SURVEYS_DIR, config.CURRENT_QUESTIONNAIRE);
  const languages = readLanguageFiles(
    config.EXTRA_LANGUAGES_DIR
      ? [config.LANGUAGES_DIR, config.EXTRA_LANGUAGES_DIR]
      : [config.LANGUAGES_DIR],
  );
  const database = await openDatabase(config, {
    poolSize: config.DATABASE_POOL_SIZE,
    catalog,
    log,
  });
  try {
    await bootstrapAdmin(
      database.db,
      { email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD },
      log,
    );
    const app = await buildApp({
      config,
      database,
      catalog,
      languages,
      logger: loggerOptions(config.LOG_LEVEL),
      webRoot: webDist,
      tls,
    });
    return { app, database, catalog };
  } catch (error) {
    await database.db.destroy();
    throw error;
  }
}
