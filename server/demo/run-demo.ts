import { listCommunes } from '../communes/queries.ts';
import type { Db } from '../db/database.ts';
import { generateDemoResponses } from './generate.ts';
import {
  countDemoResponses,
  countRealResponses,
  deleteDemo,
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
};

export type RunDemoResult = LoadDemoResult & {
  /** Demo rows of an earlier run, deleted first. */
  replaced: number;
};

/**
 * `npm run demo` without the command line: refuses to mix demo rows into real ones unless
 * forced, replaces any demo rows already loaded (so a database never holds two demo sets,
 * and rerunning with the same seed gives the same database), then generates and loads.
 */
export async function runDemo(
  db: Db,
  questionnaire: DemoQuestionnaire,
  options: RunDemoOptions,
): Promise<RunDemoResult> {
  const real = await countRealResponses(db);
  if (real > 0 && !options.force) throw new DemoRefusedError(real);
  const replaced = (await countDemoResponses(db)) > 0 ? await deleteDemo(db) : 0;
  const communes = await listCommunes(db);
  const rows = generateDemoResponses(questionnaire, communes, options);
  const result = await loadDemo(db, rows, options);
  return { ...result, replaced };
}
