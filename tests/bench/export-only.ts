import type { LoadedQuestionnaire } from '../../server/questionnaires/normalise-questionnaire.ts';
import type { ServerProcess } from '../helpers/server-process.ts';
import { analystCookie } from './analyst.ts';
import type { BenchDatabase } from './bench-database.ts';
import { bulkLoadResponses } from './bulk-load.ts';
import { measureExportPhase } from './export-phase.ts';
import { largestWave } from './results-bench.ts';
import { formatNumber } from './table.ts';

/**
 * `BENCH_ONLY=export`: the bulk load and the export phase alone, without the submission and
 * results phases, for a figure on the export in a few minutes.
 */
export async function measureExportOnly(options: {
  database: BenchDatabase;
  app: ServerProcess;
  questionnaire: LoadedQuestionnaire;
  bulkRows: number;
  say: (message: string) => void;
}): Promise<string[]> {
  const { database, say } = options;
  say(`bulk load: ${formatNumber(options.bulkRows)} responses with COPY`);
  const load = await bulkLoadResponses({
    databaseUrl: database.url,
    questionnaire: options.questionnaire,
    count: options.bulkRows,
    seed: 7,
    every: 250_000,
    progress: (rows, seconds) =>
      say(`  ${formatNumber(rows)} rows (${formatNumber(rows / seconds)} rows/s)`),
  });
  say(`bulk load: responses now holds ${formatNumber(load.totalRows)} rows`);
  const { wave, rows } = await largestWave(database.url);
  const cookie = await analystCookie(database.url, options.app.url);
  say(`export: wave ${wave} (${formatNumber(rows)} responses), analyst signed in`);
  return measureExportPhase({
    databaseUrl: database.url,
    databaseName: database.name,
    app: options.app,
    cookie,
    wave,
    waveRows: rows,
    say,
  });
}
