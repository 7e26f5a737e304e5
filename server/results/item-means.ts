import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Scoring } from '../questionnaires/schema.ts';
import { itemScore } from '../scoring/score-response.ts';
import type { CommuneItem } from './item-means-schema.ts';

/** One commune × item × answer class: `missingCode` null for the valid answers. */
export type ItemAnswerSums = {
  communeCode: string;
  name: string;
  missingCode: number | null;
  count: number;
  /** Σ of the raw answers of the class (only the valid class's sum is used). */
  sum: number;
};

/**
 * Every commune's answers to every scored item of a wave, counted per distinct answer, in one
 * pass over the wave's rows: at most 56 × items × (scale points + missing codes) rows come
 * back (56 × 24 × 13 on the 2026 form), whatever the number of responses. Each row's
 * `answers` is expanded once (`jsonb_each_text`, one detoast) and grouped by the answer as
 * stored; the sums are made here. (Looking each item up in turn, and carrying `answers`
 * into the grouping's sort, took 3 s at 10,000 responses; this, about 0.6 s.)
 * Only the versions `questionnaireIds` (those scored alike) and responses not excluded by
 * review count (METHOD.md sections 5 and 7). Answers are checked when stored, so a number
 * here is either valid or a missing code; a null is a skip.
 */
export async function findItemAnswerSums(
  db: Db,
  input: { wave: string; questionnaireIds: readonly string[]; scoring: Scoring },
): Promise<{ sums: ItemAnswerSums[]; responses: Map<string, number> }> {
  const { wave, questionnaireIds, scoring } = input;
  if (questionnaireIds.length === 0 || scoring.items.length === 0) {
    return { sums: [], responses: new Map() };
  }
  const names = sql.join(scoring.items.map((item) => item.name));
  const ids = sql.join(questionnaireIds);
  const [answerRows, countRows] = await Promise.all([
    sql<{ commune_code: string; name: string; answer: string; count: number }>`
      select r.commune_code, e.key as name, e.value as answer, count(*)::int as count
      from responses r
      cross join lateral jsonb_each_text(r.answers) as e(key, value)
      where r.wave = ${wave} and r.questionnaire_id in (${ids})
        and r.review_state <> 'excluded' and e.key in (${names}) and e.value is not null
      group by 1, 2, 3`.execute(db),
    sql<{ commune_code: string; responses: number }>`
      select commune_code, count(*)::int as responses from responses
      where wave = ${wave} and questionnaire_id in (${ids}) and review_state <> 'excluded'
      group by commune_code`.execute(db),
  ]);
  const missing = new Set(scoring.missing);
  const sums = new Map<string, ItemAnswerSums>();
  for (const row of answerRows.rows) {
    const value = Number(row.answer);
    if (!Number.isFinite(value)) continue;
    const missingCode = missing.has(value) ? value : null;
    const key = `${row.commune_code}/${row.name}/${missingCode}`;
    const entry = sums.get(key) ?? {
      communeCode: row.commune_code,
      name: row.name,
      missingCode,
      count: 0,
      sum: 0,
    };
    entry.count += Number(row.count);
    entry.sum += value * Number(row.count);
    sums.set(key, entry);
  }
  return {
    sums: [...sums.values()],
    responses: new Map(countRows.rows.map((row) => [row.commune_code, Number(row.responses)])),
  };
}

/**
 * A commune's item results from its summed answers. Pure. The item score is linear in the
 * answer (METHOD.md section 3), so the mean item score is the item score of the mean answer:
 * `itemScore(item, Σv / n)`, reverse items mirrored, exactly as averaging item by item.
 *
 * @example
 *   // sec_income (0–10) answered 8 and 9 by two of three responses, 98 by the third
 *   communeItems(scoring, sums, 3)[0]
 *   // { name: 'sec_income', n: 2, mean: 85, missing: [{ code: 98, count: 1, rate: 1/3 }, { code: 99, count: 0, rate: 0 }] }
 */
export function communeItems(
  scoring: Scoring,
  sums: readonly ItemAnswerSums[],
  responses: number,
): CommuneItem[] {
  return scoring.items.map((item) => {
    const mine = sums.filter((s) => s.name === item.name);
    const valid = mine.find((s) => s.missingCode === null);
    const n = valid?.count ?? 0;
    return {
      name: item.name,
      n,
      mean: valid && n > 0 ? itemScore(item, valid.sum / n) : null,
      missing: scoring.missing.map((code) => {
        const count = mine.find((s) => s.missingCode === code)?.count ?? 0;
        return { code, count, rate: responses > 0 ? count / responses : null };
      }),
    };
  });
}

/**
 * What a wave's answers look like from its rollups and review counts, read in an instant: it
 * changes when a response is stored, excluded or included back, so a kept item mean is known
 * to be current while it is the same.
 */
export async function waveStamp(db: Db, wave: string): Promise<string> {
  const { rows } = await sql<{ n: string | number | null; excluded: string | number | null }>`
    select (select sum(n) from rollups where wave = ${wave}) as n,
      (select sum(excluded) from review_counts where wave = ${wave}) as excluded`.execute(db);
  return `${rows[0]?.n ?? 0}/${rows[0]?.excluded ?? 0}`;
}
