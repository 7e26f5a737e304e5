import { type Config, loadConfig } from '../config.ts';
import type { DatabaseHandle } from '../db/connect.ts';
import { openDatabase } from '../open-database.ts';
import {
  type QuestionnaireCatalog,
  readQuestionnaires,
} from '../questionnaires/load-questionnaires.ts';
import { type DemoCommand, demoUsage, parseDemoArgs, UsageError } from './args.ts';
import { deleteDemo } from './load-demo.ts';
import { createProgressBar } from './progress.ts';
import { DemoRefusedError, type RunDemoResult, runDemo } from './run-demo.ts';

const exitInterrupted = 130;
const count = (n: number) => n.toLocaleString('en-US');

/**
 * `npm run demo`: fills the server's database with demo responses, or removes them. An entry
 * point of its own, like the server's `main.ts` and the users CLI: it reads the same
 * environment as the server and prepares the database as a start does (migrations,
 * questionnaires), so it works on a fresh install. The rest of the demo never reads the
 * environment or exits, and prints only where this file says (the summary to stdout, the
 * progress bar it makes to stderr). Exits 0 done, 1 refused or failed, 130 stopped by Ctrl-C.
 */
async function main(): Promise<number> {
  const command = parseDemoArgs(process.argv.slice(2));
  if (command.kind === 'help') {
    console.log(demoUsage);
    return 0;
  }
  // The embedded database must be closed cleanly or its files may not open again: Ctrl-C
  // stops a load after the batch in flight; a second Ctrl-C quits at once.
  const stop = new AbortController();
  process.on('SIGINT', () => {
    if (stop.signal.aborted) process.exit(exitInterrupted);
    stop.abort();
    console.error('\nstopping after the current batch (Ctrl-C again to quit at once)…');
  });
  const config = loadConfig();
  const catalog = readQuestionnaires(config.SURVEYS_DIR, config.CURRENT_QUESTIONNAIRE);
  const database = await openDatabase(config, { poolSize: 2, catalog, log: console.log });
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

async function load(
  database: DatabaseHandle,
  catalog: QuestionnaireCatalog,
  command: Extract<DemoCommand, { kind: 'load' }>,
  config: Config,
  signal: AbortSignal,
): Promise<number> {
  const progress = createProgressBar(command.responses);
  // The loaded rows' flags (the backfill) are a second long step, with a bar of its own.
  let flags: ReturnType<typeof createProgressBar> | undefined;
  const started = performance.now();
  try {
    const result = await runDemo(database.db, catalog.current, {
      ...command,
      gaming: true,
      onProgress: progress.update,
      onFlagsProgress: (filled, loaded) => {
        if (!flags) {
          progress.finish();
          flags = createProgressBar(loaded, { label: 'integrity flags ' });
        }
        flags.update(filled);
      },
      signal,
    });
    progress.finish();
    flags?.finish();
    const seconds = (performance.now() - started) / 1000;
    console.log(summary(result, seconds, `(seed ${command.seed}, ${catalog.current.id})`, config));
    return result.interrupted ? exitInterrupted : 0;
  } catch (error) {
    progress.finish();
    flags?.finish();
    if (!(error instanceof DemoRefusedError)) throw error;
    console.error(
      `demo: refused: ${where(config)} holds ${count(error.realResponses)} real (non-demo) ` +
        'responses, and demo data would be mixed into their results.\n' +
        'Load anyway with --force, or point DATA_DIR or DATABASE_URL at another database.',
    );
    return 1;
  }
}

function summary(result: RunDemoResult, seconds: number, what: string, config: Config) {
  const rate = count(Math.round(result.inserted / seconds));
  const waves = Object.entries(result.byWave).map(([wave, n]) => `wave ${wave}: ${count(n)}`);
  return [
    `${result.interrupted ? 'stopped after' : 'loaded'} ${count(result.inserted)} demo ` +
      `responses ${what} into ${where(config)} in ${seconds.toFixed(1)} s (${rate} rows/s)`,
    `  ${waves.join(', ')}`,
    ...(result.replaced > 0
      ? [`  replaced the ${count(result.replaced)} demo responses loaded before`]
      : []),
    ...(result.wavesMade.length > 0
      ? [
          `  wave records made for the demo rows: ${result.wavesMade.join(', ')} (they stay after --delete)`,
        ]
      : []),
    result.marginCommunes > 0
      ? `  demo population margins for ${result.marginCommunes} communes`
      : '  population margins uploaded by an admin kept (no demo margins)',
    'rollups rebuilt; remove the demo data with: npm run demo -- --delete',
  ].join('\n');
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
