import { analystCookie } from './analyst.ts';
import { measureResultsPhase } from './results-phase.ts';
import { loadForSinglePhase, type SinglePhaseOptions } from './single-phase-load.ts';

/**
 * `BENCH_ONLY=results`: the bulk load and GET /api/results (unweighted, against the scan, and
 * weighted), without the submission and export phases.
 */
export async function measureResultsOnly(options: SinglePhaseOptions): Promise<string[]> {
  const { wave, rows } = await loadForSinglePhase(options);
  const cookie = await analystCookie(options.database.url, options.app.url);
  return measureResultsPhase({
    databaseUrl: options.database.url,
    app: options.app,
    wave,
    waveRows: rows,
    cookie,
    say: options.say,
  });
}
