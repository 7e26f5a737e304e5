import { listCommunes } from '../communes/queries.ts';
import type { Db } from '../db/database.ts';
import { backfillFlags } from '../integrity/backfill-flags.ts';
import { loadDemoMargins } from '../population/load-demo-margins.ts';
import { ensureDemoWaves } from './demo-waves.ts';
import { planGaming } from './gaming.ts';
import { generateDemoResponses } from './generate.ts';
import {
  countDemoResponses,
  countRealResponses,
  deleteDemo,
  insertDemoKiosks,
  type LoadDemoOptions,
  type LoadDemoResult,
  loadDemo,
} from './load-demo.ts';
import type { DemoQuestionnaire } from './respondent.ts';

/** The database holds real responses and the caller did not say `force`. */
export class DemoRefusedError extends Error {
  constructor(readonly realResponses: number) {
    super(
      `the database holds ${realResponses.toLocaleString('en-US')} real (non-demo) responses, ` +
        'and demo data would be mixed into their results',
    );
  }
}

export type RunDemoOptions = Pick<LoadDemoOptions, 'onProgress' | 'signal'> & {
  responses: number;
  seed: number;
  /** Load even when real responses are there. */
  force: boolean;
  /**
   * Plant gaming among the `responses` (gaming.ts): demo kiosks stuffing bursts, speeders.
   * `npm run demo` does; off by default, so a demo of honest residents stays one.
   */
  gaming?: boolean;
  /**
   * How many of the `loaded` rows have their integrity flags so far, heard as the backfill
   * goes (the second long step, after the load's `onProgress`) and once more when it is done.
   */
  onFlagsProgress?: (filled: number, loaded: number) => void;
};

export type RunDemoResult = LoadDemoResult & {
  /** Demo rows of an earlier run, deleted first. */
  replaced: number;
  /** Communes given demo population margins; 0 when an admin's real margins are kept. */
  marginCommunes: number;
  /** Wave records made for the demo's rows (those the database lacked). */
  wavesMade: string[];
};

/**
 * `npm run demo` without the command line: refuses to mix demo rows into real ones unless
 * forced, replaces any demo rows already loaded (so a database never holds two demo sets,
 * and rerunning with the same seed gives the same database), then generates and loads, and
 * has the integrity flags (METHOD.md section 7) added to the loaded rows, and stores demo
 * population margins (METHOD.md section 8) unless real ones are there. The waves the rows
 * belong to are made first when missing (demo-waves.ts), so a refusal there changes nothing.
 */
export async function runDemo(
  db: Db,
  questionnaire: DemoQuestionnaire,
  options: RunDemoOptions,
): Promise<RunDemoResult> {
  const real = await countRealResponses(db);
  if (real > 0 && !options.force) throw new DemoRefusedError(real);
  const wavesMade = await ensureDemoWaves(db, questionnaire.id);
  const replaced = (await countDemoResponses(db)) > 0 ? await deleteDemo(db) : 0;
  const communes = await listCommunes(db);
  const gaming = options.gaming
    ? planGaming(questionnaire, communes, options)
    : { kiosks: [], rows: [] };
  await insertDemoKiosks(db, gaming.kiosks);
  const honest = generateDemoResponses(questionnaire, communes, {
    ...options,
    responses: options.responses - gaming.rows.length,
  });
  const result = await loadDemo(db, concat(honest, gaming.rows), options);
  // Demo rows are bulk-loaded without flags; the server's own rules give them theirs.
  let told = -1;
  const tell = (filled: number) => {
    if (filled === told) return;
    told = filled;
    options.onFlagsProgress?.(filled, result.inserted);
  };
  tell(await backfillFlags(db, new Map([[questionnaire.id, questionnaire]]), { progress: tell }));
  // Sized by the rows just loaded, so weighting has something to do in the demo.
  const marginCommunes = await loadDemoMargins(db, options.seed);
  return { ...result, replaced, marginCommunes, wavesMade };
}

function* concat<T>(...parts: Iterable<T>[]): Generator<T> {
  for (const part of parts) yield* part;
}
