import type { QuestionnaireCatalog } from '../../server/questionnaires/load-questionnaires.ts';
import type { ServerProcess } from '../helpers/server-process.ts';
import { analystCookie } from './analyst.ts';
import { storeBenchMargins } from './bench-margins.ts';
import { measureExportPhase } from './export-phase.ts';
import { compareWithScan, largestWave, measureResults, measureScan } from './results-bench.ts';
import { formatNumber, formatTable } from './table.ts';

export const resultsSettings = {
  resultsWarmup: Number(process.env.BENCH_RESULTS_WARMUP ?? 20),
  resultsRuns: Number(process.env.BENCH_RESULTS_RUNS ?? 200),
  scanRuns: Number(process.env.BENCH_SCAN_RUNS ?? 20),
  /** Communes whose overall mean is compared with the scan's. */
  communesChecked: 5,
};
const aims = { resultsP50Ms: 50, scanOverResults: 20, weightedOverUnweighted: 2 };

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
  const { wave, rows: waveRows } = await largestWave(options.databaseUrl);
  const cookie = await analystCookie(options.databaseUrl, options.app.url);
  const failures = await measureResultsPhase({ ...options, wave, waveRows, cookie });
  failures.push(
    ...(await measureExportPhase({
      databaseUrl: options.databaseUrl,
      databaseName: options.databaseName,
      app: options.app,
      cookie,
      wave,
      waveRows,
      say: options.say,
    })),
  );
  return failures;
}

/**
 * GET /api/results unweighted (`?weights=none`) against a full scan of `responses`; then with
 * population margins for every commune, weighted (METHOD.md section 8) against unweighted in
 * the same run. The margins are the bench's own and are removed afterwards.
 */
export async function measureResultsPhase(options: {
  databaseUrl: string;
  app: ServerProcess;
  wave: string;
  waveRows: number;
  cookie: string;
  say: (message: string) => void;
}): Promise<string[]> {
  const { app, say, wave, waveRows, cookie } = options;
  const failures: string[] = [];
  const settings = resultsSettings;
  say(`results: wave ${wave} (${formatNumber(waveRows)} responses), analyst signed in`);

  say(
    `GET /api/results: ${settings.resultsWarmup} warm-up + ${settings.resultsRuns} measured, ` +
      'one at a time',
  );
  const measure = (query: string) =>
    measureResults({
      serverUrl: app.url,
      cookie,
      wave,
      warmup: settings.resultsWarmup,
      runs: settings.resultsRuns,
      query,
    });
  const results = await measure('&weights=none');
  say(`full scan of responses: 1 warm-up + ${settings.scanRuns} measured, one at a time`);
  const scan = await measureScan({
    databaseUrl: options.databaseUrl,
    wave,
    runs: settings.scanRuns,
  });
  const removeMargins = await storeBenchMargins(options.databaseUrl);
  const weighted = await measure('');
  const unweightedAgain = await measure('&weights=none');
  await removeMargins();
  const raked = weighted.body.communes.filter((c) => c.weighting === 'raked').length;
  if (raked === 0) failures.push('GET /api/results with margins weighted no commune');
  const ratio = scan.p50 / results.p50;
  const weightedRatio = weighted.p50 / unweightedAgain.p50;
  const row = (name: string, t: typeof results, versus: string) => [
    name,
    formatNumber(t.runs),
    formatNumber(t.p50, 2),
    formatNumber(t.p99, 2),
    formatNumber(t.perSecond),
    versus,
  ];
  console.log(`\nResults of wave ${wave} (${formatNumber(waveRows)} responses), sequential`);
  console.log(
    formatTable(
      ['method', 'runs', 'p50 ms', 'p99 ms', 'req/s', 'vs'],
      [
        row('GET /api/results?weights=none', results, `scan / this ${formatNumber(ratio, 1)}`),
        [
          'SQL scan of responses',
          formatNumber(scan.runs),
          formatNumber(scan.p50, 1),
          formatNumber(scan.p99, 1),
          formatNumber(scan.perSecond, 2),
          '',
        ],
        row(
          `GET /api/results, ${raked} communes raked`,
          weighted,
          `this / unweighted ${formatNumber(weightedRatio, 2)}`,
        ),
        row('GET /api/results?weights=none (again)', unweightedAgain, ''),
      ],
    ),
  );
  console.log(
    `results p50 ${formatNumber(results.p50, 2)} ms (aim ≤ ${aims.resultsP50Ms}: ` +
      `${meets(results.p50 <= aims.resultsP50Ms)}); ${formatNumber(ratio, 1)}× faster than the ` +
      `scan (aim ≥ ${aims.scanOverResults}: ${meets(ratio >= aims.scanOverResults)})`,
  );
  console.log(
    `weighted results p50 ${formatNumber(weighted.p50, 2)} ms (aim ≤ ${aims.resultsP50Ms}: ` +
      `${meets(weighted.p50 <= aims.resultsP50Ms)}); ${formatNumber(weightedRatio, 2)}× the ` +
      `unweighted (aim ≤ ${aims.weightedOverUnweighted}: ` +
      `${meets(weightedRatio <= aims.weightedOverUnweighted)})`,
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
  return failures;
}
