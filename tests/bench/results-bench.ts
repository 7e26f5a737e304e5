import pg from 'pg';

/** The value at share `p` (0–1) of sorted samples (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
}

export type Timing = { runs: number; p50: number; p99: number; perSecond: number };

function timing(samples: number[], totalMs: number): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    runs: samples.length,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    perSecond: (1000 * samples.length) / totalMs,
  };
}

/** The wave holding the most responses (the bulk load may straddle New Year), with its count. */
export async function largestWave(databaseUrl: string): Promise<{ wave: string; rows: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ wave: string; n: number }>(
      'select wave, count(*)::int as n from responses group by wave order by n desc limit 1',
    );
    const top = rows[0];
    if (!top) throw new Error('no responses to measure results or exports on');
    return { wave: top.wave, rows: top.n };
  } finally {
    await client.end();
  }
}

type WaveResultsBody = {
  wave: string;
  communes: Array<{
    code: string;
    n: number;
    weighting: 'raked' | 'none';
    overall: { n: number; mean: number | null };
  }>;
};

async function getResults(serverUrl: string, cookie: string, wave: string, query: string) {
  const res = await fetch(`${serverUrl}/api/results?wave=${wave}${query}`, {
    headers: { cookie },
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET /api/results: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as WaveResultsBody;
}

/**
 * GET /api/results (reads the rollups only), one request at a time: `warmup` unmeasured, then
 * `runs` timed. `query` is added to the address (`&weights=none`, say).
 */
export async function measureResults(options: {
  serverUrl: string;
  cookie: string;
  wave: string;
  warmup: number;
  runs: number;
  query?: string;
}): Promise<Timing & { body: WaveResultsBody }> {
  const get = () =>
    getResults(options.serverUrl, options.cookie, options.wave, options.query ?? '');
  let body = await get();
  for (let i = 1; i < options.warmup; i++) body = await get();
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < options.runs; i++) {
    const t = performance.now();
    body = await get();
    samples.push(performance.now() - t);
  }
  return { ...timing(samples, performance.now() - started), body };
}

/** What results would cost without rollups: every commune·measure from every response. */
const scanQuery = `
  select r.commune_code, m.measure, count(*)::int as n, avg(m.x) as mean,
    stddev_samp(m.x) as sd
  from responses r
  cross join lateral (values
    ('overall', r.score_overall),
    ('security', r.score_security),
    ('opportunity', r.score_opportunity),
    ('culture', r.score_culture),
    ('trust', r.score_trust)
  ) as m(measure, x)
  where r.wave = $1 and m.x is not null
  group by r.commune_code, m.measure`;

export type ScanRow = { commune_code: string; measure: string; n: number; mean: number };

/** The baseline: the scan above through one `pg` client, one warm-up, then `runs` timed. */
export async function measureScan(options: {
  databaseUrl: string;
  wave: string;
  runs: number;
}): Promise<Timing & { rows: ScanRow[] }> {
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    let { rows } = await client.query<ScanRow>(scanQuery, [options.wave]);
    const samples: number[] = [];
    const started = performance.now();
    for (let i = 0; i < options.runs; i++) {
      const t = performance.now();
      ({ rows } = await client.query<ScanRow>(scanQuery, [options.wave]));
      samples.push(performance.now() - t);
    }
    return { ...timing(samples, performance.now() - started), rows };
  } finally {
    await client.end();
  }
}

/**
 * Differences between GET /api/results and the scan for the first `count` communes (by code)
 * that have responses: n must be equal and the overall mean within `tolerance`.
 */
export function compareWithScan(
  body: WaveResultsBody,
  scan: readonly ScanRow[],
  count: number,
  tolerance = 1e-9,
): { checked: string[]; differences: string[] } {
  const overall = scan
    .filter((row) => row.measure === 'overall')
    .sort((a, b) => a.commune_code.localeCompare(b.commune_code))
    .slice(0, count);
  const differences: string[] = [];
  for (const row of overall) {
    const commune = body.communes.find((c) => c.code === row.commune_code);
    const mean = commune?.overall.mean ?? null;
    if (!commune || commune.overall.n !== row.n || mean === null) {
      differences.push(
        `${row.commune_code}: results n ${commune?.overall.n} mean ${mean}, scan n ${row.n}`,
      );
    } else if (Math.abs(mean - Number(row.mean)) > tolerance) {
      differences.push(`${row.commune_code}: results mean ${mean}, scan avg ${row.mean}`);
    }
  }
  return { checked: overall.map((row) => row.commune_code), differences };
}
