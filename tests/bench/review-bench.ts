import pg from 'pg';
import type { ServerProcess } from '../helpers/server-process.ts';
import { analystCookie } from './analyst.ts';
import { percentile } from './results-bench.ts';
import { formatNumber, formatTable } from './table.ts';

export const reviewSettings = {
  warmup: Number(process.env.BENCH_REVIEW_WARMUP ?? 20),
  runs: Number(process.env.BENCH_REVIEW_RUNS ?? 200),
  /** One response in this many gets a flag, as the flag rules might leave a real wave. */
  flaggedOneIn: 30,
  /** The gamed commune: this many more of its responses flagged, some already decided. */
  gamedFlagged: 2000,
};
const aims = { reviewP50Ms: 50 };

type Timing = { runs: number; p50: number; p99: number };

async function time(runs: number, warmup: number, run: () => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await run();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { runs, p50: percentile(samples, 0.5), p99: percentile(samples, 0.99) };
}

/**
 * Flags responses of the bulk-loaded database straight in SQL (the queue reads flags; how
 * they were computed does not matter here): one in `flaggedOneIn` everywhere, and
 * `gamedFlagged` more in the busiest commune of the wave, a third of those already kept (a
 * decision that moves no rollup, so the rollups stay exact). Returns that commune and how
 * many of its responses the default queue holds.
 */
async function plantFlags(client: pg.Client, wave: string) {
  const { rows: busiest } = await client.query<{ commune_code: string; n: number }>(
    `select commune_code, count(*)::int as n from responses where wave = $1
     group by commune_code order by n desc, commune_code limit 1`,
    [wave],
  );
  const commune = busiest[0];
  if (!commune) throw new Error('no responses to review');
  await client.query(
    `update responses set flags = array['duplicate']
     where cardinality(flags) = 0 and abs(hashtext(id::text)) % $1 = 0`,
    [reviewSettings.flaggedOneIn],
  );
  await client.query(
    `update responses set flags = array['burst', 'duplicate'],
       review_state = case when abs(hashtext(id::text)) % 3 = 0 then 'kept' else review_state end
     where id in (select id from responses where commune_code = $1 and wave = $2
       and cardinality(flags) = 0 order by id limit $3)`,
    [commune.commune_code, wave, reviewSettings.gamedFlagged],
  );
  await client.query('analyze responses');
  const { rows: counts } = await client.query<{ flagged: number; queue: number; all: number }>(
    `select count(*) filter (where cardinality(flags) > 0)::int as flagged,
       count(*) filter (where cardinality(flags) > 0 and review_state = 'unreviewed')::int as queue,
       count(*)::int as all
     from responses where commune_code = $1 and wave = $2`,
    [commune.commune_code, wave],
  );
  const { rows: total } = await client.query<{ n: number }>(
    'select count(*)::int as n from responses where cardinality(flags) > 0',
  );
  return { communeCode: commune.commune_code, ...counts[0], flaggedTotal: total[0]?.n ?? 0 };
}

/** The queue's page query as the server sends it, through a bare `pg` client: the floor. */
const pageQuery = `
  select r.*, k.label as kiosk_label,
    to_char(coalesce(r.completed_at, r.received_at) at time zone 'UTC',
      'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as sort_at
  from responses r left join kiosks k on k.id = r.kiosk_id
  where (cardinality(r.flags) > 0 or r.review_state <> 'unreviewed')
    and cardinality(r.flags) > 0 and r.review_state = 'unreviewed'
    and r.commune_code = $1 and r.wave = $2
  order by coalesce(r.completed_at, r.received_at), r.id
  limit 51`;

/**
 * `GET /api/review` for one commune at the bulk load's size (about 1,000,000 responses): the
 * first page of the default queue, a page deep into it (by cursor), and `state=all`; against
 * the same page query through a bare `pg` client in the same run. Then `GET /api/results`
 * again, now that flags exist, since each row counts its flagged and excluded responses.
 * Prints the table; returns what failed (a non-200, an empty queue).
 */
export async function measureReview(options: {
  databaseUrl: string;
  app: ServerProcess;
  wave: string;
  say: (message: string) => void;
}): Promise<string[]> {
  const { app, wave, say } = options;
  const failures: string[] = [];
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    say('review: flagging responses in SQL (one in 30, and a gamed commune)');
    const planted = await plantFlags(client, wave);
    say(
      `review: ${formatNumber(planted.flaggedTotal)} flagged responses; commune ` +
        `${planted.communeCode}: ${formatNumber(planted.all ?? 0)} responses in wave ${wave}, ` +
        `${formatNumber(planted.flagged ?? 0)} flagged, ${formatNumber(planted.queue ?? 0)} in the queue`,
    );
    const cookie = await analystCookie(options.databaseUrl, app.url);
    const get = async (query: string) => {
      const res = await fetch(`${app.url}/api/review?${query}`, { headers: { cookie } });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`GET /api/review?${query}: ${res.status} ${text}`);
      return JSON.parse(text) as { responses: unknown[]; nextCursor: string | null };
    };
    const base = `communeCode=${planted.communeCode}&wave=${wave}`;
    const first = await get(base);
    if (first.responses.length !== 50 || first.nextCursor === null) {
      failures.push(`review: the first page holds ${first.responses.length} responses, not 50`);
    }
    // A cursor some pages deep, so the deep page starts in the middle of the index.
    let deep = first.nextCursor;
    for (let i = 0; i < 10 && deep; i++) deep = (await get(`${base}&cursor=${deep}`)).nextCursor;
    const { warmup, runs } = reviewSettings;
    say(`GET /api/review: ${warmup} warm-up + ${runs} measured per row, one at a time`);
    const rows: Array<[string, Timing]> = [
      ['GET /api/review (first page)', await time(runs, warmup, () => get(base))],
      [
        'GET /api/review (page 12, by cursor)',
        await time(runs, warmup, () => get(`${base}&cursor=${deep ?? ''}`)),
      ],
      ['GET /api/review?state=all', await time(runs, warmup, () => get(`${base}&state=all`))],
      [
        'SQL page query (pg client)',
        await time(runs, warmup, () => client.query(pageQuery, [planted.communeCode, wave])),
      ],
      [
        'GET /api/results (with flags)',
        await time(runs, warmup, async () => {
          const res = await fetch(`${app.url}/api/results?wave=${wave}`, { headers: { cookie } });
          await res.arrayBuffer();
          if (res.status !== 200) throw new Error(`GET /api/results: ${res.status}`);
        }),
      ],
    ];
    const sqlP50 = rows[3]?.[1].p50 ?? Number.NaN;
    console.log(
      `\nReview queue of commune ${planted.communeCode}, wave ${wave} (${formatNumber(planted.queue ?? 0)} ` +
        `in its queue, ${formatNumber(planted.flaggedTotal)} flagged in all), sequential`,
    );
    console.log(
      formatTable(
        ['request', 'runs', 'p50 ms', 'p99 ms', 'p50 / SQL p50'],
        rows.map(([name, t]) => [
          name,
          formatNumber(t.runs),
          formatNumber(t.p50, 2),
          formatNumber(t.p99, 2),
          formatNumber(t.p50 / sqlP50, 1),
        ]),
      ),
    );
    const p50 = rows[0]?.[1].p50 ?? Number.NaN;
    console.log(
      `review p50 ${formatNumber(p50, 2)} ms (aim ≤ ${aims.reviewP50Ms}: ` +
        `${p50 <= aims.reviewP50Ms ? 'aim met' : 'BELOW AIM'})`,
    );
    const { rows: plan } = await client.query<{ 'QUERY PLAN': string }>(
      `explain ${pageQuery.replace('$1', `'${planted.communeCode}'`).replace('$2', `'${wave}'`)}`,
    );
    console.log(`page query plan: ${plan.map((r) => r['QUERY PLAN'].trim()).join(' | ')}`);
  } catch (error) {
    failures.push(`review: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await client.end();
  }
  return failures;
}
