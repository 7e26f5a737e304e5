import { measureReview } from './review-bench.ts';
import { loadForSinglePhase, type SinglePhaseOptions } from './single-phase-load.ts';

/**
 * `BENCH_ONLY=review`: the bulk load and the review queue alone, without the submission,
 * results and export phases.
 */
export async function measureReviewOnly(options: SinglePhaseOptions): Promise<string[]> {
  const { wave } = await loadForSinglePhase(options);
  return measureReview({
    databaseUrl: options.database.url,
    app: options.app,
    wave,
    say: options.say,
  });
}
