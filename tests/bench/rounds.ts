import type { CpuShares } from './cpu.ts';
import type { LoadResult } from './load.ts';

/**
 * One target's measured rounds as one result. The bench can split each target's measured
 * time into rounds taken in turn, each round starting with the next target (run.ts,
 * BENCH_ROUNDS), so that other people's work on a shared machine, which comes and goes over
 * minutes, and the database work one target leaves for the next, weigh on every target alike
 * and the ratios between them stay comparable.
 *
 * Requests and errors add up; req/s is all requests over all measured seconds (a round
 * that served none counts `secondsEach`); CPU shares are
 * the rounds' shares weighted by their seconds. A percentile cannot be merged from
 * percentiles: p50 is the median of the rounds' p50s, p99 the highest round's p99.
 */
export function combineRounds(rounds: readonly LoadResult[], secondsEach: number): LoadResult {
  const [first] = rounds;
  if (!first) throw new Error('no rounds to combine');
  if (rounds.length === 1) return first;
  const sum = (pick: (round: LoadResult) => number) =>
    rounds.reduce((total, round) => total + pick(round), 0);
  const statusCounts: Record<string, number> = {};
  for (const round of rounds) {
    for (const [status, count] of Object.entries(round.statusCounts)) {
      statusCounts[status] = (statusCounts[status] ?? 0) + count;
    }
  }
  const p50s = rounds.map((round) => round.p50).sort((a, b) => a - b);
  const mean = (pick: (cpu: CpuShares) => number) =>
    sum((round) => pick(round.cpu)) / rounds.length;
  return {
    requests: sum((round) => round.requests),
    requestsPerSecond:
      sum((round) => round.requests) /
      sum((round) =>
        round.requestsPerSecond > 0 ? round.requests / round.requestsPerSecond : secondsEach,
      ),
    p50: p50s[Math.floor((p50s.length - 1) / 2)] ?? first.p50,
    p99: Math.max(...rounds.map((round) => round.p99)),
    non201: sum((round) => round.non201),
    errors: sum((round) => round.errors),
    timeouts: sum((round) => round.timeouts),
    statusCounts,
    examples: rounds.flatMap((round) => round.examples).slice(0, 3),
    cpu: {
      server: mean((cpu) => cpu.server),
      postgres: mean((cpu) => cpu.postgres),
      loadGenerator: mean((cpu) => cpu.loadGenerator),
      other: mean((cpu) => cpu.other),
      idle: mean((cpu) => cpu.idle),
    },
  };
}
