import type { QuestionnaireCatalog } from '../../server/questionnaires/load-questionnaires.ts';
import type { ServerProcess } from '../helpers/server-process.ts';
import { postgresAdminUrl } from '../helpers/test-env.ts';
import { analystCookie } from './analyst.ts';
import { measureExport } from './export-bench.ts';
import { exportBreakdown } from './export-breakdown.ts';
import { compareWithScan, largestWave, measureResults, measureScan } from './results-bench.ts';
import { formatNumber, formatTable } from './table.ts';

export const resultsSettings = {
  resultsWarmup: Number(process.env.BENCH_RESULTS_WARMUP ?? 20),
  resultsRuns: Number(process.env.BENCH_RESULTS_RUNS ?? 200),
  scanRuns: Number(process.env.BENCH_SCAN_RUNS ?? 20),
  /** Communes whose overall mean is compared with the scan's. */
  communesChecked: 5,
};
const aims = { resultsP50Ms: 50, scanOverResults: 20, exportRowsPerSecond: 100_000, rssMb: 250 };

const meets = (ok: boolean) => (ok ? 'aim met' : 'BELOW AIM');

/**
 * GET /api/results against a full scan of `responses`, then the CSV export of a whole wave,
 * on the app server and the database the earlier phases left (about 1,000,000 responses).
 * Prints the tables; returns what failed (a non-200, figures that disagree, a short export).
 */
export async function measureResultsAndExports(options: {
  databaseUrl: string;
  databaseName: string;
  app: ServerProcess;
  catalog: QuestionnaireCatalog;
  say: (message: string) => void;
}): Promise<string[]> {
  const { app, say } = options;
  const failures: string[] = [];
  const settings = resultsSettings;
  const { wave, rows: waveRows } = await largestWave(options.databaseUrl);
  const cookie = await analystCookie(options.databaseUrl, app.url);
  say(`results and exports: wave ${wave} (${formatNumber(waveRows)} responses), analyst signed in`);

  say(
    `GET /api/results: ${settings.resultsWarmup} warm-up + ${settings.resultsRuns} measured, ` +
      'one at a time',
  );
  const results = await measureResults({
    serverUrl: app.url,
    cookie,
    wave,
    warmup: settings.resultsWarmup,
    runs: settings.resultsRuns,
  });
  say(`full scan of responses: 1 warm-up + ${settings.scanRuns} measured, one at a time`);
  const scan = await measureScan({
    databaseUrl: options.databaseUrl,
    wave,
    runs: settings.scanRuns,
  });
  const ratio = scan.p50 / results.p50;
  console.log(`\nResults of wave ${wave} (${formatNumber(waveRows)} responses), sequential`);
  console.log(
    formatTable(
      ['method', 'runs', 'p50 ms', 'p99 ms', 'req/s', 'scan p50 / p50'],
      [
        [
          'GET /api/results (rollups)',
          formatNumber(results.runs),
          formatNumber(results.p50, 2),
          formatNumber(results.p99, 2),
          formatNumber(results.perSecond),
          formatNumber(ratio, 1),
        ],
        [
          'SQL scan of responses',
          formatNumber(scan.runs),
          formatNumber(scan.p50, 1),
          formatNumber(scan.p99, 1),
          formatNumber(scan.perSecond, 2),
          '1.0',
        ],
      ],
    ),
  );
  console.log(
    `results p50 ${formatNumber(results.p50, 2)} ms (aim ≤ ${aims.resultsP50Ms}: ` +
      `${meets(results.p50 <= aims.resultsP50Ms)}); ${formatNumber(ratio, 1)}× faster than the ` +
      `scan (aim ≥ ${aims.scanOverResults}: ${meets(ratio >= aims.scanOverResults)})`,
  );
  const agreement = compareWithScan(results.body, scan.rows, settings.communesChecked);
  if (agreement.differences.length > 0) {
    failures.push(`GET /api/results disagrees with the scan: ${agreement.differences.join('; ')}`);
  } else {
    console.log(
      `overall n and mean of communes ${agreement.checked.join(', ')}: GET /api/results equals ` +
        'the scan (within 1e-9)',
    );
  }

  say(`GET /api/exports/responses.csv?wave=${wave}: streamed and counted here`);
  const exported = await measureExport({
    serverUrl: app.url,
    serverPid: app.child.pid ?? 0,
    cookie,
    wave,
    adminUrl: postgresAdminUrl,
    database: options.databaseName,
  });
  console.log(`\nCSV export of wave ${wave}`);
  console.log(
    formatTable(
      [
        'rows',
        'MB',
        'seconds',
        'first byte s',
        'rows/s',
        'RSS before MB',
        'peak RSS MB',
        'VmHWM MB',
        'cpu% server',
        'postgres',
        'bench',
        'other',
        'idle',
      ],
      [
        [
          formatNumber(exported.rows),
          formatNumber(exported.bytes / 1e6, 0),
          formatNumber(exported.seconds, 1),
          formatNumber(exported.firstByteSeconds, 2),
          formatNumber(exported.rowsPerSecond),
          formatNumber(exported.rssBeforeMb, 0),
          formatNumber(exported.peakRssMb, 0),
          formatNumber(exported.highWaterMb, 0),
          formatNumber(exported.cpu.server, 0),
          formatNumber(exported.cpu.postgres, 0),
          formatNumber(exported.cpu.loadGenerator, 0),
          formatNumber(exported.cpu.other, 0),
          formatNumber(exported.cpu.idle, 0),
        ],
      ],
    ),
  );
  console.log(
    '(peak RSS: VmRSS of the app polled every 100 ms; VmHWM: its peak since it started, ' +
      'submission phases included.)',
  );
  console.log(
    `export ${formatNumber(exported.rowsPerSecond)} rows/s (aim ≥ ` +
      `${formatNumber(aims.exportRowsPerSecond)}: ` +
      `${meets(exported.rowsPerSecond >= aims.exportRowsPerSecond)}); peak RSS ` +
      `${formatNumber(exported.peakRssMb, 0)} MB (aim < ${aims.rssMb}: ` +
      `${meets(exported.peakRssMb < aims.rssMb)})\n`,
  );
  if (
    exported.rowsPerSecond < aims.exportRowsPerSecond &&
    process.env.BENCH_EXPORT_BREAKDOWN !== '0'
  ) {
    say('export below aim: the server’s export code again, in the bench process, without HTTP');
    const parts = await exportBreakdown({
      databaseUrl: options.databaseUrl,
      catalog: options.catalog,
      wave,
    });
    const share = (seconds: number) => `${formatNumber((100 * seconds) / parts.seconds, 0)}%`;
    console.log(`\nWhere the export's time goes (no HTTP, one connection, wave ${wave})`);
    console.log(
      formatTable(
        ['rows', 'seconds', 'rows/s', 'database s', 'share', 'rows + CSV s', 'share'],
        [
          [
            formatNumber(parts.rows),
            formatNumber(parts.seconds, 1),
            formatNumber(parts.rows / parts.seconds),
            formatNumber(parts.databaseSeconds, 1),
            share(parts.databaseSeconds),
            formatNumber(parts.formatSeconds, 1),
            share(parts.formatSeconds),
          ],
        ],
      ),
    );
    console.log(
      '(database: awaiting pageResponses, keyset pages of 2,000 rows per commune, ' +
        'pg parsing included; rows + CSV: responseRow and csvChunks.)\n',
    );
  }
  if (exported.rows !== waveRows) {
    failures.push(
      `the export of wave ${wave} has ${exported.rows} rows, the database ${waveRows} responses`,
    );
  }
  return failures;
}
