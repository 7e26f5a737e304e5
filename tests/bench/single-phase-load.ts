import type { LoadedQuestionnaire } from '../../server/questionnaires/normalise-questionnaire.ts';
import type { ServerProcess } from '../helpers/server-process.ts';
import type { BenchDatabase } from './bench-database.ts';
import { bulkLoadResponses } from './bulk-load.ts';
import { largestWave } from './results-bench.ts';
import { formatNumber } from './table.ts';

/** What a `BENCH_ONLY=<phase>` run is given by `run.ts`. */
export type SinglePhaseOptions = {
  database: BenchDatabase;
  app: ServerProcess;
  questionnaire: LoadedQuestionnaire;
  bulkRows: number;
  say: (message: string) => void;
};

/**
 * The bulk load a single-phase run starts with (the same rows and seed as the full run, so
 * its figures compare), and the wave that holds most of them, which the phase then measures.
 */
export async function loadForSinglePhase(options: SinglePhaseOptions) {
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
  return largestWave(database.url);
}
