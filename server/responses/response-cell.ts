import { type RawBuilder, sql } from 'kysely';

/**
 * The respondent's cell for weighting (METHOD.md section 8), from the stored answers named
 * `sex` and `age_band`: a response is placed when its sex is `female` or `male` and its age
 * band one of the four; otherwise the part it lacks is '' and it counts as `unplaced`. Written
 * once here and used wherever rollups are made from rows (a submission, a review decision, a
 * rebuild), so every path files a response in the same cell. Migration 0007 repeats it (a
 * migration never imports application code).
 */
export function cellSexOf(answers: RawBuilder<unknown>) {
  return sql<string>`(case when ${answers}->>'sex' in ('female', 'male')
    then ${answers}->>'sex' else '' end)`;
}

export function cellAgeBandOf(answers: RawBuilder<unknown>) {
  return sql<string>`(case when ${answers}->>'age_band' in ('18-29', '30-44', '45-59', '60+')
    then ${answers}->>'age_band' else '' end)`;
}
