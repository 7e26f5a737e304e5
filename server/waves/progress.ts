import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { PaperProgress } from '../paper/schema.ts';
import type { CommuneProgress, WaveProgress, WaveView } from './schema.ts';
import { addDays, startOfVietnamDay, vietnamDate } from './wave-dates.ts';

/** The days the recent pace is taken over: today and the six before it. */
export const paceDays = 7;

/**
 * The day a commune reaches its target at its recent pace, or null: when it has reached it
 * already, or when nothing came in over the last `paceDays` (no pace to project). Pure.
 *
 * @example projectTargetDay({ responses: 10, target: 30, lastSevenDays: 7 }, '2026-03-01')
 *   // one a day, 20 to go: '2026-03-21'
 */
export function projectTargetDay(
  commune: { responses: number; target: number; lastSevenDays: number },
  today: string,
): string | null {
  const remaining = commune.target - commune.responses;
  if (remaining <= 0 || commune.lastSevenDays === 0) return null;
  const perDay = commune.lastSevenDays / paceDays;
  return addDays(today, Math.ceil(remaining / perDay));
}

type CommuneCounts = { code: string; name: string; responses: number; lastSevenDays: number };

/**
 * Per commune, the wave's responses that count in the results (scored overall and not
 * excluded by review: the rollups' overall `n`, summed over the sex × age cells, never a count
 * of rows) and, of those, how many were received since `since` (one probe of the
 * commune·wave index per commune: a commune's responses of one wave, not the table).
 */
async function countResponses(
  db: Db,
  waveId: string,
  since: Date,
  communeCode: string | null,
): Promise<CommuneCounts[]> {
  const only = communeCode === null ? sql`` : sql`where c.code = ${communeCode}`;
  const result = await sql<CommuneCounts>`
    select c.code, c.name,
      coalesce((select sum(r.n) from rollups r
        where r.commune_code = c.code and r.wave = ${waveId} and r.measure = 'overall'), 0)::int
        as responses,
      (select count(*) from responses s
        where s.commune_code = c.code and s.wave = ${waveId}
          and s.received_at >= ${since.toISOString()}::timestamptz
          and s.score_overall is not null and s.review_state <> 'excluded')::int
        as "lastSevenDays"
    from communes c ${only}
    order by c.code`.execute(db);
  return result.rows;
}

/** Live kiosks by commune, with their last contact with the server. */
async function kioskContacts(db: Db, communeCode: string | null) {
  let query = db
    .selectFrom('kiosks')
    .select(['id', 'label', 'commune_code', 'last_seen_at'])
    .where('revoked_at', 'is', null);
  if (communeCode !== null) query = query.where('commune_code', '=', communeCode);
  const rows = await query.orderBy('commune_code').orderBy('label').execute();
  const byCommune = new Map<string, CommuneProgress['kiosks']>();
  for (const row of rows) {
    const contact = {
      id: row.id,
      label: row.label,
      lastSeenAt: row.last_seen_at ? new Date(row.last_seen_at).toISOString() : null,
    };
    byCommune.set(row.commune_code, [...(byCommune.get(row.commune_code) ?? []), contact]);
  }
  return byCommune;
}

const noPaper = (): PaperProgress => ({ printed: 0, enteredOnce: 0, verified: 0, conflicts: 0 });

/**
 * Per commune, the wave's paper forms: printed (the batches' counts), and of those typed, how
 * many wait for a second entry, are verified or in conflict. Grouped counts over the wave's
 * batches and their forms (by the batch·state index), never a scan of responses.
 */
async function countPaper(db: Db, waveId: string, communeCode: string | null) {
  const only = communeCode === null ? sql`` : sql`and b.commune_code = ${communeCode}`;
  const [printed, forms] = await Promise.all([
    sql<{ commune: string; n: number }>`
      select b.commune_code as commune, sum(b.form_count)::int as n
      from paper_batches b where b.wave = ${waveId} ${only}
      group by b.commune_code`.execute(db),
    sql<{ commune: string; state: string; n: number }>`
      select b.commune_code as commune, f.state, count(*)::int as n
      from paper_batches b join paper_forms f on f.batch_id = b.id
      where b.wave = ${waveId} ${only}
      group by b.commune_code, f.state`.execute(db),
  ]);
  const byCommune = new Map<string, PaperProgress>();
  const of = (commune: string) => {
    const counts = byCommune.get(commune) ?? noPaper();
    byCommune.set(commune, counts);
    return counts;
  };
  for (const row of printed.rows) of(row.commune).printed = row.n;
  for (const row of forms.rows) {
    const counts = of(row.commune);
    if (row.state === 'awaiting_second') counts.enteredOnce = row.n;
    else if (row.state === 'verified') counts.verified = row.n;
    else if (row.state === 'conflict') counts.conflicts = row.n;
  }
  return byCommune;
}

/**
 * Field progress of a wave (server/API.md "Waves"): each commune's responses against its
 * target, the last 7 days, its kiosks' last contact and a projected day; and the summary of
 * the communes shown (all, or the officer's one).
 */
export async function waveProgress(
  db: Db,
  wave: WaveView,
  options: { now: Date; communeCode: string | null },
): Promise<WaveProgress> {
  const today = vietnamDate(options.now);
  const since = startOfVietnamDay(addDays(today, -(paceDays - 1)));
  const [counts, kiosks, paper] = await Promise.all([
    countResponses(db, wave.id, since, options.communeCode),
    kioskContacts(db, options.communeCode),
    countPaper(db, wave.id, options.communeCode),
  ]);
  const targets = new Map(wave.communeTargets.map((t) => [t.communeCode, t.target]));
  const communes = counts.map((commune): CommuneProgress => {
    const target = targets.get(commune.code) ?? wave.target;
    const counted = { ...commune, target };
    return {
      ...counted,
      reached: commune.responses >= target,
      projectedOn: projectTargetDay(counted, today),
      kiosks: kiosks.get(commune.code) ?? [],
      paper: paper.get(commune.code) ?? noPaper(),
    };
  });
  const paperTotal = noPaper();
  for (const commune of communes) {
    for (const key of Object.keys(paperTotal) as (keyof PaperProgress)[]) {
      paperTotal[key] += commune.paper[key];
    }
  }
  return {
    wave,
    today,
    summary: {
      communes: communes.length,
      atTarget: communes.filter((c) => c.reached).length,
      quietSevenDays: communes.filter((c) => c.lastSevenDays === 0).length,
      responses: communes.reduce((sum, c) => sum + c.responses, 0),
      target: communes.reduce((sum, c) => sum + c.target, 0),
      paper: paperTotal,
    },
    communes,
  };
}
