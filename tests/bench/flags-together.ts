import { fire, type LoadOptions } from './load.ts';

export type FlagsTogether = {
  /** Requests per second each server served over the same seconds. */
  app: number;
  withoutFlags: number;
  /** app / withoutFlags: the share of the throughput the flags keep. */
  kept: number;
  /** The same share in each round, to show its spread. */
  keptByRound: number[];
  non201: number;
  errors: number;
  examples: string[];
};

/**
 * What the integrity flags cost, measured on the app and the app with the flags off loaded
 * at the same time, half the connections each, against the same database.
 *
 * Taken in turn (run.ts), each target meets the machine as it is during its own seconds,
 * and on a shared machine that capacity comes and goes by up to 2× from one round to the
 * next: the ratio of two such figures carries that noise. Loaded together, both meet the
 * same machine, the same database, the same checkpoints and autovacuum, second for second,
 * so what moves one moves the other and their ratio keeps only what differs between them:
 * the flags. Sharing the processors fairly, each gets requests served in inverse proportion
 * to its cost per request, which is the same ratio the taken-in-turn figures estimate
 * ((app / baseline) / (flags off / baseline) = app / flags off).
 */
export async function measureFlagsTogether(
  urls: { app: string; withoutFlags: string },
  options: Pick<LoadOptions, 'connections' | 'body' | 'warmupSeconds' | 'seconds'> & {
    /** The measured seconds in this many back-to-back rounds (the figures add them up). */
    rounds: number;
  },
): Promise<FlagsTogether> {
  const half = {
    connections: Math.max(1, Math.floor(options.connections / 2)),
    body: options.body,
  };
  const examples: string[] = [];
  const both = (seconds: number) =>
    Promise.all([
      fire(urls.app, seconds, half, examples),
      fire(urls.withoutFlags, seconds, half, examples),
    ]);
  const warmup = await both(options.warmupSeconds);
  const rounds: Awaited<ReturnType<typeof both>>[] = [];
  for (let round = 0; round < options.rounds; round++) {
    rounds.push(await both(options.seconds / options.rounds));
  }
  const perSecond = (runs: Awaited<ReturnType<typeof fire>>[]) =>
    runs.reduce((sum, run) => sum + run.requests, 0) /
    runs.reduce((sum, run) => sum + run.result.duration, 0);
  const app = perSecond(rounds.map(([run]) => run));
  const withoutFlags = perSecond(rounds.map(([, run]) => run));
  const runs = [...warmup, ...rounds.flat()];
  return {
    app,
    withoutFlags,
    kept: app / withoutFlags,
    keptByRound: rounds.map(([a, b]) => perSecond([a]) / perSecond([b])),
    non201: runs.reduce((sum, run) => sum + run.non201, 0),
    errors: runs.reduce((sum, run) => sum + run.result.errors, 0),
    examples,
  };
}
