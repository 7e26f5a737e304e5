import autocannon from 'autocannon';
import { type CpuShares, sampleCpu } from './cpu.ts';

export type LoadOptions = {
  /** Seconds of unmeasured load first (JIT, connection pools, caches). */
  warmupSeconds: number;
  seconds: number;
  connections: number;
  /** A fresh request body per call (a new submission id each time). */
  body: () => string;
  /** For the CPU columns: which process serves, and which database it uses. */
  serverPid: number;
  adminUrl: string;
  database: string;
};

export type LoadResult = {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Responses other than 201, warm-up included (a 200 too: every body here is new). */
  non201: number;
  /** Connection errors and timeouts (no response at all), warm-up included. */
  errors: number;
  timeouts: number;
  /** Status counts of the measured run. */
  statusCounts: Record<string, number>;
  /** A few unexpected responses (status and body), to say what went wrong. */
  examples: string[];
  cpu: CpuShares;
};

/** `seconds` of POST /api/responses against one server, `options.connections` at a time. */
export async function fire(
  url: string,
  seconds: number,
  options: Pick<LoadOptions, 'connections' | 'body'>,
  examples: string[],
) {
  const result = await autocannon({
    url: `${url}/api/responses`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    connections: options.connections,
    duration: seconds,
    requests: [
      {
        setupRequest: (request) => ({ ...request, body: options.body() }),
        onResponse: (status, body) => {
          if (status !== 201 && examples.length < 3) examples.push(`${status} ${body}`);
        },
      },
    ],
  });
  const statusCounts = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count ?? 0]),
  );
  const requests = Object.values(statusCounts).reduce((sum, count) => sum + count, 0);
  return { result, statusCounts, requests, non201: requests - (statusCounts['201'] ?? 0) };
}

/** A warm-up, then the measured run, of POST /api/responses against one server. */
export async function measureSubmissions(url: string, options: LoadOptions): Promise<LoadResult> {
  const examples: string[] = [];
  const warmup = await fire(url, options.warmupSeconds, options, examples);
  const stopCpu = await sampleCpu(options);
  const run = await fire(url, options.seconds, options, examples);
  const cpu = await stopCpu();
  return {
    requests: run.requests,
    requestsPerSecond: run.requests / run.result.duration,
    p50: run.result.latency.p50,
    p99: run.result.latency.p99,
    non201: warmup.non201 + run.non201,
    errors: warmup.result.errors + run.result.errors,
    timeouts: warmup.result.timeouts + run.result.timeouts,
    statusCounts: run.statusCounts,
    examples,
    cpu,
  };
}
