import type { LoadedQuestionnaire } from '../../server/questionnaires/normalise-questionnaire.ts';
import type { ServerProcess } from '../helpers/server-process.ts';
import type { BenchDatabase } from './bench-database.ts';
import { bulkLoadResponses } from './bulk-load.ts';
import { largestWave } from './results-bench.ts';
import { measureReview } from './review-bench.ts';
import { formatNumber } from './table.ts';

/**
 * `BENCH_ONLY=review`: the bulk load and the review queue alone, without the submission,
 * results and export phases.
 */
export async function measureReviewOnly(options: {
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
  const { wave } = await largestWave(database.url);
  return measureReview({ databaseUrl: database.url, app: options.app, wave, say });
}
