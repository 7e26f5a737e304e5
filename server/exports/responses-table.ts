import type { LoadedQuestionnaire } from '../questionnaires/normalise-questionnaire.ts';
import type { CsvValue } from './csv.ts';
import type { ExportedResponse } from './responses-query.ts';

/** The columns before the answers; nothing that could identify a device or a request. */
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
