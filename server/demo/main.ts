import { mkdirSync } from 'node:fs';
import { listCommunes } from '../communes/queries.ts';
import { type Config, loadConfig } from '../config.ts';
import { connectDatabase, type DatabaseHandle } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import {
  type QuestionnaireCatalog,
  readQuestionnaires,
  storeQuestionnaires,
} from '../questionnaires/load-questionnaires.ts';
import { type DemoCommand, demoUsage, parseDemoArgs, UsageError } from './args.ts';
import { generateDemoResponses } from './generate.ts';
import { countDemoResponses, countRealResponses, deleteDemo, loadDemo } from './load-demo.ts';
import { createProgressBar } from './progress.ts';

/** A load that must not go ahead; the message says why and what to do instead. */
class Refused extends Error {}

const exitInterrupted = 130;
const count = (n: number) => n.toLocaleString('en-US');

/**
 * `npm run demo`: fills the server's database with demo responses, or removes them. Reads
 * the same environment as the server and prepares the database as a start does (migrations,
 * questionnaires), so it works on a fresh install. The only place here that reads the
 * environment, prints, or exits: 0 done, 1 refused or failed, 130 stopped by Ctrl-C.
 */
async function main(): Promise<number> {
  const command = parseDemoArgs(process.argv.slice(2));
  if (command.kind === 'help') {
    console.log(demoUsage);
    return 0;
  }
  const config = loadConfig();
  const catalog = readQuestionnaires(config.SURVEYS_DIR, config.CURRENT_QUESTIONNAIRE);
  const database = await openDatabase(config, catalog);
  // The embedded database must be closed cleanly or its files may not open again: Ctrl-C
  // stops after the batch in flight; a second Ctrl-C quits at once.
  const stop = new AbortController();
  process.on('SIGINT', () => {
    if (stop.signal.aborted) process.exit(exitInterrupted);
    stop.abort();
    console.error('\nstopping after the current batch (Ctrl-C again to quit at once)…');
  });
  try {
    if (command.kind === 'delete') {
      const deleted = await deleteDemo(database.db);
      console.log(
        `deleted ${count(deleted)} demo responses from ${where(config)}; rollups rebuilt`,
      );
      return 0;
    }
    return await load(database, catalog, command, config, stop.signal);
  } finally {
    await database.db.destroy();
  }
}

async function openDatabase(config: Config, catalog: QuestionnaireCatalog) {
  if (!config.DATABASE_URL) mkdirSync(config.DATA_DIR, { recursive: true });
  const database = await connectDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolSize: 2,
  });
  try {
    const applied = await migrateToLatest(database.db);
    if (applied.length > 0) console.log(`migrated: ${applied.join(', ')}`);
    await storeQuestionnaires(database.db, catalog);
    return database;
  } catch (error) {
    await database.db.destroy();
    throw error;
  }
}

async function load(
  database: DatabaseHandle,
  catalog: QuestionnaireCatalog,
  command: Extract<DemoCommand, { kind: 'load' }>,
  config: Config,
  signal: AbortSignal,
): Promise<number> {
  const { db } = database;
  const real = await countRealResponses(db);
  if (real > 0 && !command.force) {
    throw new Refused(
      `refused: ${where(config)} holds ${count(real)} real (non-demo) responses, and demo ` +
        'data would be mixed into their results.\n' +
        'Load anyway with --force, or point DATA_DIR or DATABASE_URL at another database.',
    );
  }
  const previous = await countDemoResponses(db);
  if (previous > 0) {
    console.log(`replacing the ${count(previous)} demo responses already loaded`);
    await deleteDemo(db);
  }
  const communes = await listCommunes(db);
  const rows = generateDemoResponses(catalog.current, communes, command);
  const started = performance.now();
  const progress = createProgressBar(command.responses);
  const result = await loadDemo(db, rows, { onProgress: progress.update, signal });
  progress.finish();
  const seconds = (performance.now() - started) / 1000;
  const rate = Math.round(result.inserted / seconds);
  const waves = Object.entries(result.byWave)
    .map(([wave, n]) => `wave ${wave}: ${count(n)}`)
    .join(', ');
  console.log(
    `${result.interrupted ? 'stopped after' : 'loaded'} ${count(result.inserted)} demo responses ` +
      `(seed ${command.seed}, questionnaire ${catalog.current.id}) into ${where(config)} ` +
      `in ${seconds.toFixed(1)} s (${count(rate)} rows/s)\n  ${waves}\n` +
      'rollups rebuilt; remove the demo data with: npm run demo -- --delete',
  );
  return result.interrupted ? exitInterrupted : 0;
}

/** Which database, without a password. */
function where(config: Config) {
  if (!config.DATABASE_URL) return `the embedded database in ${config.DATA_DIR}`;
  const url = new URL(config.DATABASE_URL);
  return `PostgreSQL ${url.host}${url.pathname}`;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`demo: ${message}`);
    if (error instanceof UsageError) console.error(`\n${demoUsage}`);
    process.exitCode = 1;
  },
);
