import { analystCookie } from './analyst.ts';
import { measureExportPhase } from './export-phase.ts';
import { loadForSinglePhase, type SinglePhaseOptions } from './single-phase-load.ts';
import { formatNumber } from './table.ts';

/**
 * `BENCH_ONLY=export`: the bulk load and the export phase alone, without the submission and
 * results phases, for a figure on the export in a few minutes.
 */
export async function measureExportOnly(options: SinglePhaseOptions): Promise<string[]> {
  const { database, say } = options;
  const { wave, rows } = await loadForSinglePhase(options);
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
