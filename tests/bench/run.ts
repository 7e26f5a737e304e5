/**
 * `npm run bench`: throughput of POST /api/responses against PostgreSQL, for the real server
 * and for a bare baseline, on an empty database and again after a bulk load of 1,000,000
 * responses; then GET /api/results against a full scan, and the CSV export of a whole wave.
 * See README.md beside this file.
 */
import { hostname, loadavg } from 'node:os';
import { readQuestionnaires } from '../../server/questionnaires/load-questionnaires.ts';
import {
  type ServerProcess,
  startServerProcess,
  stopServerProcess,
} from '../helpers/server-process.ts';
import { postgresAdminUrl } from '../helpers/test-env.ts';
import { backfillBulkRows } from './backfill-bench.ts';
import { startBaselineProcess } from './baseline-process.ts';
import { createBenchDatabase } from './bench-database.ts';
import { makeBodySource } from './bench-submissions.ts';
import { bulkLoadResponses } from './bulk-load.ts';
import { countRollupMismatches } from './check-rollups.ts';
import { countDuplicates } from './count-duplicates.ts';
import { measureEmbeddedLatency } from './embedded-latency.ts';
import { measureExportOnly } from './export-only.ts';
import { measureFlagsTogether } from './flags-together.ts';
import { type LoadResult, measureSubmissions } from './load.ts';
import { largestWave } from './results-bench.ts';
import { measureResultsOnly } from './results-only.ts';
import { measureResultsAndExports } from './results-phase.ts';
import { measureReview } from './review-bench.ts';
import { measureReviewOnly } from './review-only.ts';
import { combineRounds } from './rounds.ts';
import { formatNumber, formatTable } from './table.ts';

const settings = {
  warmupSeconds: Number(process.env.BENCH_WARMUP_SECONDS ?? 3),
  seconds: Number(process.env.BENCH_SECONDS ?? 15),
  connections: Number(process.env.BENCH_CONNECTIONS ?? 32),
  bulkRows: Number(process.env.BENCH_BULK_ROWS ?? 1_000_000),
  /** Each target's measured seconds split into this many rounds, taken in turn (rounds.ts). */
  rounds: Math.max(1, Math.floor(Number(process.env.BENCH_ROUNDS ?? 1))),
  poolSize: 10,
};
/** Above this share of a core used by others (the "other" column), a run is flagged as disturbed. */
const otherWorkWarning = 25;
const aims = { requestsPerSecond: 1500, appOverBaseline: 0.5, bulkOverEmpty: 0.9, flagsKeep: 0.9 };

const surveysDir = new URL('../../surveys', import.meta.url).pathname;
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
const say = (message: string) => console.log(`[${elapsed()}] ${message}`);

type Target = { name: string; server: ServerProcess };
type Measured = { target: Target; result: LoadResult };

const failures: string[] = [];
const cleanups: Array<() => Promise<unknown>> = [];

async function cleanUp() {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup().catch((error: unknown) => console.error(`cleanup failed: ${String(error)}`));
  }
}

/** SIGTERM (a graceful close), then SIGKILL if the process is still there after 10 s. */
async function stop(server: ServerProcess) {
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 10_000);
  try {
    await stopServerProcess(server);
  } finally {
    clearTimeout(timer);
  }
}

function percent(value: number) {
  return formatNumber(value, 0);
}

function printTable(title: string, rows: Measured[]) {
  console.log(`\n${title}`);
  console.log(
    formatTable(
      [
        'target',
        'req/s',
        'p50 ms',
        'p99 ms',
        'requests',
        'non-201',
        'errors',
        'cpu% server',
        'postgres',
        'bench',
        'other',
        'idle',
      ],
      rows.map(({ target, result }) => [
        target.name,
        formatNumber(result.requestsPerSecond),
        formatNumber(result.p50, 1),
        formatNumber(result.p99, 1),
        formatNumber(result.requests),
        formatNumber(result.non201),
        formatNumber(result.errors),
        percent(result.cpu.server),
        percent(result.cpu.postgres),
        percent(result.cpu.loadGenerator),
        percent(result.cpu.other),
        percent(result.cpu.idle),
      ]),
    ),
  );
  console.log('(cpu%: share of one core over the measured run; the machine has 200%.)');
  const busiest = Math.max(...rows.map(({ result }) => result.cpu.other));
  if (busiest > otherWorkWarning) {
    console.log(
      `WARNING: other work on the machine took up to ${percent(busiest)}% of a core during ` +
        'these runs; the figures are disturbed and not comparable with a quiet run.',
    );
  }
}

/**
 * What the integrity flags cost: the app/baseline ratio with them over the ratio without
 * them (the same server, BENCH_WITHOUT_FLAGS=1). Aim: it falls by no more than 10%.
 */
function flagsCost(withFlags: number, withoutFlags: number) {
  const kept = withFlags / withoutFlags;
  return (
    `app/baseline with flags ${withFlags.toFixed(2)}, without ${withoutFlags.toFixed(2)}: ` +
    `the flags keep ${(kept * 100).toFixed(0)}% of it (aim ≥ ${aims.flagsKeep * 100}%: ${verdict(kept, aims.flagsKeep)})`
  );
}

/**
 * The flags' cost again, the app and the app with the flags off loaded at the same time
 * (flags-together.ts): the figure the aim is judged on, since the machine's ups and downs
 * move both alike.
 */
async function measureFlagsCostTogether(
  phase: string,
  app: Target,
  withoutFlags: Target,
  body: () => string,
) {
  say(
    `${phase}: ${app.name} and ${withoutFlags.name} together: ${settings.warmupSeconds} s warm-up + ` +
      `${formatNumber(settings.seconds, 1)} s measured${settings.rounds > 1 ? ` in ${settings.rounds} rounds` : ''}, ` +
      `${Math.floor(settings.connections / 2)} connections each`,
  );
  const together = await measureFlagsTogether(
    { app: app.server.url, withoutFlags: withoutFlags.server.url },
    { ...settings, body },
  );
  if (together.keptByRound.length > 1) {
    say(
      `  rounds kept: ${together.keptByRound.map((kept) => `${(kept * 100).toFixed(0)}%`).join(', ')}`,
    );
  }
  if (together.non201 > 0 || together.errors > 0) {
    failures.push(
      `${phase}, flags together: ${together.non201} responses other than 201, ${together.errors} ` +
        `connection errors${together.examples.length > 0 ? `; e.g.\n    ${together.examples.join('\n    ')}` : ''}`,
    );
  }
  console.log(
    `loaded together: app ${formatNumber(together.app)} req/s, flags off ` +
      `${formatNumber(together.withoutFlags)} req/s: the flags keep ${(together.kept * 100).toFixed(0)}% ` +
      `(aim ≥ ${aims.flagsKeep * 100}%: ${verdict(together.kept, aims.flagsKeep)})`,
  );
}

function verdict(value: number, aim: number) {
  return value >= aim ? 'aim met' : 'BELOW AIM';
}

async function measurePhase(
  phase: string,
  targets: Target[],
  body: () => string,
  database: { name: string },
): Promise<Measured[]> {
  const { rounds } = settings;
  const seconds = settings.seconds / rounds;
  const results = targets.map(() => [] as LoadResult[]);
  for (let round = 0; round < rounds; round++) {
    // After the first round a second of warm-up is enough: the server and its pool are warm.
    const warmupSeconds = round === 0 ? settings.warmupSeconds : 1;
    // Each round starts with the next target: the one measured after another inherits the
    // database work the other left (autovacuum of its rows, a checkpoint), and no target may
    // always be the one that does.
    for (let turn = 0; turn < targets.length; turn++) {
      const index = (round + turn) % targets.length;
      const target = targets[index] as Target;
      say(
        `${phase}: ${target.name}: ${rounds > 1 ? `round ${round + 1}/${rounds}: ` : ''}` +
          `${warmupSeconds} s warm-up + ${formatNumber(seconds, 1)} s measured, ` +
          `${settings.connections} connections (load average ${loadavg()[0]?.toFixed(2)})`,
      );
      if (target.server.child.exitCode !== null || target.server.child.signalCode !== null) {
        throw new Error(`${target.name} is no longer running:\n${target.server.output()}`);
      }
      const result = await measureSubmissions(target.server.url, {
        ...settings,
        warmupSeconds,
        seconds,
        body,
        serverPid: target.server.child.pid ?? 0,
        adminUrl: postgresAdminUrl,
        database: database.name,
      });
      results[index]?.push(result);
    }
    if (rounds > 1) {
      say(
        `  round ${round + 1} req/s: ` +
          targets
            .map((target, index) => {
              const last = results[index]?.at(-1);
              return `${target.name} ${formatNumber(last?.requestsPerSecond ?? 0)}`;
            })
            .join(', '),
      );
    }
  }
  return targets.map((target, index) => {
    const result = combineRounds(results[index] ?? [], seconds);
    if (result.non201 > 0 || result.errors > 0) {
      failures.push(
        `${phase}, ${target.name}: ${result.non201} responses other than 201, ${result.errors} ` +
          `connection errors (${result.timeouts} timeouts); statuses ${JSON.stringify(result.statusCounts)}` +
          (result.examples.length > 0 ? `; e.g.\n    ${result.examples.join('\n    ')}` : ''),
      );
    }
    return { target, result };
  });
}

async function main() {
  console.log(
    `CB-HPI bench on ${hostname()}: ${settings.connections} connections, ` +
      `${settings.warmupSeconds} s warm-up + ${settings.seconds} s per target` +
      `${settings.rounds > 1 ? ` in ${settings.rounds} rounds taken in turn` : ''}, pool ${settings.poolSize}, ` +
      `bulk load ${formatNumber(settings.bulkRows)} rows`,
  );
  const catalog = readQuestionnaires(surveysDir);
  const questionnaire = catalog.current;

  // The embedded database first (it needs no PostgreSQL); `BENCH_ONLY=embedded-latency` stops there.
  if (!['export', 'submissions', 'review', 'results'].includes(process.env.BENCH_ONLY ?? '')) {
    failures.push(
      ...(await measureEmbeddedLatency({ catalog, say, onCleanup: (c) => cleanups.push(c) })),
    );
  }
  if (process.env.BENCH_ONLY === 'embedded-latency') return;

  const database = await createBenchDatabase(catalog);
  cleanups.push(async () => {
    await database.drop();
    say(`dropped database ${database.name}`);
  });
  say(`created database ${database.name} (migrated, questionnaires stored)`);

  const app = await startServerProcess({
    DATABASE_URL: database.url,
    RATE_LIMIT_PER_MINUTE: '1000000000',
    LOG_LEVEL: 'warn',
    DATABASE_POOL_SIZE: String(settings.poolSize),
  });
  cleanups.push(() => stop(app));
  // The same server with the integrity flags bypassed (the submission path as it was before
  // them), so their cost is a ratio measured in this run.
  const appWithoutFlags = await startServerProcess({
    DATABASE_URL: database.url,
    RATE_LIMIT_PER_MINUTE: '1000000000',
    LOG_LEVEL: 'warn',
    DATABASE_POOL_SIZE: String(settings.poolSize),
    BENCH_WITHOUT_FLAGS: '1',
  });
  cleanups.push(() => stop(appWithoutFlags));
  const baseline = await startBaselineProcess(database.url, settings.poolSize);
  cleanups.push(() => stop(baseline));
  say(
    `app at ${app.url} (pid ${app.child.pid}), app without flags at ${appWithoutFlags.url} ` +
      `(pid ${appWithoutFlags.child.pid}), baseline at ${baseline.url} (pid ${baseline.child.pid})`,
  );
  // `BENCH_ONLY=export`: the bulk load and the export phase, nothing else.
  if (process.env.BENCH_ONLY === 'export') {
    const { bulkRows } = settings;
    failures.push(...(await measureExportOnly({ database, app, questionnaire, bulkRows, say })));
    return;
  }
  // `BENCH_ONLY=review`: the bulk load and the review queue, nothing else.
  if (process.env.BENCH_ONLY === 'review') {
    const { bulkRows } = settings;
    failures.push(...(await measureReviewOnly({ database, app, questionnaire, bulkRows, say })));
    return;
  }
  // `BENCH_ONLY=results`: the bulk load and GET /api/results, unweighted and weighted.
  if (process.env.BENCH_ONLY === 'results') {
    const { bulkRows } = settings;
    failures.push(...(await measureResultsOnly({ database, app, questionnaire, bulkRows, say })));
    return;
  }
  const appTarget: Target = { name: 'app', server: app };
  const offTarget: Target = { name: 'app, flags off', server: appWithoutFlags };
  const targets: Target[] = [appTarget, offTarget, { name: 'baseline', server: baseline }];

  // 25,000 answer sets, each in a new commune on every pass: 1,400,000 requests before the
  // same answers come back to a commune, more than a run sends (count-duplicates.ts).
  const body = makeBodySource(questionnaire, 25_000, 20260101);
  const empty = await measurePhase('empty database', targets, body, database);
  printTable('Empty database', empty);
  const [appEmpty, offEmpty, baselineEmpty] = empty.map(
    ({ result }) => result.requestsPerSecond,
  ) as [number, number, number];
  const ratioEmpty = appEmpty / baselineEmpty;
  console.log(
    `app/baseline throughput: ${ratioEmpty.toFixed(2)} (aim ≥ ${aims.appOverBaseline}: ` +
      `${verdict(ratioEmpty, aims.appOverBaseline)}); app ${formatNumber(appEmpty)} req/s ` +
      `(aim ≥ ${formatNumber(aims.requestsPerSecond)}: ${verdict(appEmpty, aims.requestsPerSecond)})`,
  );
  console.log(`taken in turn: ${flagsCost(ratioEmpty, offEmpty / baselineEmpty)}`);
  await measureFlagsCostTogether('empty database', appTarget, offTarget, body);
  console.log();

  say(`bulk load: ${formatNumber(settings.bulkRows)} responses with COPY`);
  const load = await bulkLoadResponses({
    databaseUrl: database.url,
    questionnaire,
    count: settings.bulkRows,
    seed: 7,
    every: 100_000,
    progress: (rows, seconds) =>
      say(
        `  ${formatNumber(rows)} / ${formatNumber(settings.bulkRows)} rows ` +
          `(${formatNumber(rows / seconds)} rows/s)`,
      ),
  });
  say(
    `bulk load: ${formatNumber(load.rows)} rows in ${load.copySeconds.toFixed(1)} s ` +
      `(${formatNumber(load.rows / load.copySeconds)} rows/s); rollups recomputed, analyze and ` +
      `checkpoint in ${load.finishSeconds.toFixed(1)} s; responses now holds ${formatNumber(load.totalRows)} rows`,
  );
  // The bulk rows come without fingerprints, as rows stored before the flags did: the
  // backfill a server start runs gives them theirs, so the fingerprint index is full size.
  const backfill = await backfillBulkRows(database.url, catalog);
  say(
    `integrity backfill: ${formatNumber(backfill.rows)} rows in ${backfill.seconds.toFixed(1)} s ` +
      `(${formatNumber(backfill.rows / backfill.seconds)} rows/s); again with nothing to do: ` +
      `${(backfill.idleSeconds * 1000).toFixed(1)} ms`,
  );
  const duplicatesBefore = await countDuplicates(database.url);

  const loaded = await measurePhase(
    `${formatNumber(load.totalRows)} rows`,
    targets,
    body,
    database,
  );
  printTable(`After the bulk load (${formatNumber(load.totalRows)} rows in responses)`, loaded);
  const [appLoaded, offLoaded, baselineLoaded] = loaded.map(
    ({ result }) => result.requestsPerSecond,
  ) as [number, number, number];
  const ratioLoaded = appLoaded / baselineLoaded;
  console.log(`taken in turn: ${flagsCost(ratioLoaded, offLoaded / baselineLoaded)}`);
  await measureFlagsCostTogether(
    `${formatNumber(load.totalRows)} rows`,
    appTarget,
    offTarget,
    body,
  );
  const duplicates = (await countDuplicates(database.url)) - duplicatesBefore;
  console.log(
    `responses flagged duplicate by this phase's requests: ${formatNumber(duplicates)} ` +
      `(aim 0; ${formatNumber(duplicatesBefore)} before it)`,
  );
  if (duplicates > 0) {
    failures.push(
      `${duplicates} responses flagged duplicate: the bench's bodies repeated answers in a ` +
        'commune, so the flagged path did work the flags-off one did not',
    );
  }
  const appDrift = appLoaded / appEmpty;
  console.log(
    `app/baseline throughput: ${ratioLoaded.toFixed(2)} (aim ≥ ${aims.appOverBaseline}: ` +
      `${verdict(ratioLoaded, aims.appOverBaseline)}); app ${formatNumber(appLoaded)} req/s ` +
      `(aim ≥ ${formatNumber(aims.requestsPerSecond)}: ${verdict(appLoaded, aims.requestsPerSecond)})`,
  );
  console.log(
    `app throughput at ${formatNumber(load.totalRows)} rows / empty: ${appDrift.toFixed(2)} ` +
      `(aim ≥ ${aims.bulkOverEmpty}: ${verdict(appDrift, aims.bulkOverEmpty)}); baseline: ` +
      `${(baselineLoaded / baselineEmpty).toFixed(2)}\n`,
  );

  if (process.env.BENCH_ONLY === 'submissions') return;

  say('checking the rollups against a recomputation from every response');
  const mismatches = await countRollupMismatches(database.url);
  if (mismatches !== 0) failures.push(`${mismatches} rollup rows differ from a recomputation`);
  else say('rollups match a recomputation from every response');

  failures.push(
    ...(await measureResultsAndExports({
      databaseUrl: database.url,
      databaseName: database.name,
      app,
      catalog,
      say,
    })),
  );
  // Last: it flags responses, which the phases above measure without.
  const { wave } = await largestWave(database.url);
  failures.push(...(await measureReview({ databaseUrl: database.url, app, wave, say })));
}

let exitCode = 0;
// However the bench ends, the two server processes and the database must go with it.
const abort = (why: string, code: number) => {
  console.error(`\n${why}: cleaning up`);
  void cleanUp().finally(() => process.exit(code));
};
process.once('SIGINT', () => abort('SIGINT', 130));
process.once('SIGTERM', () => abort('SIGTERM', 143));
process.once('uncaughtException', (error) => abort(`uncaught ${error.stack ?? error}`, 1));
// `npm run bench | head` closes the pipe early: keep going (and clean up) rather than die on EPIPE.
process.stdout.on('error', () => {});
try {
  await main();
} catch (error) {
  failures.push(
    `bench aborted: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
} finally {
  await cleanUp();
}
if (failures.length > 0) {
  console.error(`\nBENCH FAILED:\n  ${failures.join('\n  ')}`);
  exitCode = 1;
}
say(`done (${exitCode === 0 ? 'ok' : 'failed'}), total run time ${elapsed()}`);
process.exit(exitCode);
