import type { LoadedQuestionnaire } from '../questionnaires/normalise-questionnaire.ts';
import type { CsvValue } from './csv.ts';
import type { ExportedResponse } from './responses-query.ts';

/**
 * The columns before the answers; nothing that could identify a device or a request. `flags`
 * (METHOD.md section 7) and `review_state` let an analyst see, and filter out, what the index
 * leaves out: the results count every response whose state is not `excluded`.
 */
const leadingColumns = [
  'id',
  'questionnaire_id',
  'commune_code',
  'wave',
  'channel',
  'started_at',
  'completed_at',
  'received_at',
  'is_demo',
  'flags',
  'review_state',
] as const;

const scoreColumns = [
  'score_overall',
  'score_security',
  'score_opportunity',
  'score_culture',
  'score_trust',
] as const;

/**
 * One answer column per form question: every question of the first questionnaire in form
 * order (scored or not: anchors, demographics, comments), then any question only an older
 * version of the wave asked, so no stored answer is left out of the file.
 */
export function questionColumns(questionnaires: readonly LoadedQuestionnaire[]): string[] {
  const names = new Set<string>();
  for (const questionnaire of questionnaires) {
    for (const name of questionnaire.questions.keys()) names.add(name);
  }
  return [...names];
}

export function responsesHeader(questions: readonly string[]): string[] {
  return [...leadingColumns, ...questions, ...scoreColumns];
}

/** One response as a row of the header's columns. */
export function responseRow(row: ExportedResponse, questions: readonly string[]): CsvValue[] {
  return [
    row.id,
    row.questionnaire_id,
    row.commune_code,
    row.wave,
    row.channel,
    row.started_at,
    row.completed_at,
    row.received_at,
    row.is_demo,
    flagsCell(row.flags),
    row.review_state,
    ...questions.map((name) => answerCell(row.answers[name])),
    ...scoreColumns.map((column) => row[column]),
  ];
}

/**
 * An answer as a cell: numbers (ratings, and the don't-know codes 98/99 as given) stay numbers,
 * a multiple choice is its values joined with ';', a skipped question is empty.
 */
export function answerCell(answer: unknown): CsvValue {
  if (answer === null || answer === undefined) return null;
  if (typeof answer === 'number' || typeof answer === 'string' || typeof answer === 'boolean') {
    return answer;
  }
  if (Array.isArray(answer)) return answer.map((value) => String(value)).join(';');
  return JSON.stringify(answer);
}

/**
 * A response's flags in one cell, as stored (in the order the server added them), joined with
 * ';' as a multiple choice is: `too_fast;straight_line`; none is an empty cell. A null in the
 * array (which the server never writes) is left out, as PostgreSQL's `array_to_string` does.
 */
export function flagsCell(flags: readonly (string | null)[]): string {
  return flags.filter((flag) => flag !== null).join(';');
}
