import pg from 'pg';
import type { FormQuestion } from '../questionnaires/form-questions.ts';
import type { LoadedQuestionnaire } from '../questionnaires/normalise-questionnaire.ts';
import { formulaStart } from './csv.ts';

/**
 * A wave, and one commune of it or (`undefined`) all of them; `communes` narrows the latter to
 * the codes from `from` (included) up to `before` (excluded), a part of a file written by
 * several COPYs at once.
 */
export type CopyScope = {
  wave: string;
  communeCode: string | undefined;
  communes?: { from?: string | undefined; before?: string | undefined } | undefined;
};

/**
 * COPY takes no bind parameters, so every value is a literal: the wave and commune code are
 * checked by the route's schema (a year, five digits), question names come from our own
 * questionnaire files, and `escapeLiteral` quotes each one anyway.
 */
const literal = (text: string) => pg.escapeLiteral(text);

/**
 * The same time format as the paged export's (responses-query.ts): ISO 8601, UTC, ms. The
 * COPY's transaction is in UTC (`responsesCopySettings`), so `to_char` takes the stored
 * instant as it is: `at time zone 'UTC'` cost a conversion per time, three per row.
 */
const isoTime = (column: string) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * `neutraliseFormula` in SQL: csv.ts's very pattern (written to mean the same in PostgreSQL's
 * regular expressions), and an empty text as NULL, because COPY writes '' as `""` where the
 * paged export writes nothing.
 */
const guardedText = (text: string) =>
  `nullif(case when ${text} ~ ${literal(formulaStart.source)} then '''' || ${text} else ${text} end, '')`;

/**
 * `answerCell` and `formatCsvField` in SQL: a number or a yes/no as jsonb writes it (the paged
 * export writes it as JavaScript does: the same text for every number a form can give, see
 * `copyWritesTheSameFile`), text guarded, a multiple choice joined with ';' (a null in it as
 * `null`, as JavaScript's String does) and then guarded, a skip as nothing.
 */
function typedAnswerCell(name: string): string {
  const answer = `answers -> ${literal(name)}`;
  const joined =
    `(select string_agg(coalesce(value #>> '{}', 'null'), ';' order by place) ` +
    `from jsonb_array_elements(${answer}) with ordinality as choice(value, place))`;
  return (
    `case jsonb_typeof(${answer}) ` +
    `when 'string' then ${guardedText(`(answers ->> ${literal(name)})`)} ` +
    `when 'array' then ${guardedText(joined)} ` +
    `else answers ->> ${literal(name)} end`
  );
}

/**
 * First characters after which an answer's text alone does not tell what to write: nothing
 * (an empty text), whitespace or a formula trigger (text to guard, or a negative number not
 * to), '[' (a list, or text that starts with one). The code points of `formulaStart`'s.
 */
const ambiguousStarts = [0, 9, 10, 13, 32, 43, 45, 61, 64, 91, 0xff0b, 0xff0d, 0xff1d, 0xff20];

/**
 * The cell of one answer, fast: its text (`column`, read once per row) is written as it is
 * when it starts with anything else than `ambiguousStarts` (a rating, a choice, a comment);
 * only the others take the typed way.
 */
function answerCell(name: string, column: string): string {
  return `case when ${startsAmbiguously(column)} then ${typedAnswerCell(name)} else ${column} end`;
}

/** The stored row's column that holds the text of question `i`'s answer (no question's name). */
const answerColumn = (i: number) => pg.escapeIdentifier(`answer ${i + 1}`);

const startsAmbiguously = (text: string) => `ascii(${text}) in (${ambiguousStarts.join(', ')})`;

/** `guardedText`, its regular expression only for a text that starts like a formula could. */
const cheaplyGuardedText = (text: string) =>
  `case when ${startsAmbiguously(text)} then ${guardedText(text)} else ${text} end`;

/**
 * Planner settings for the responses COPY (copy-csv.ts sets them for its transaction alone).
 * `jit`: the statement's hundreds of expressions cost enough for PostgreSQL to compile them,
 * which took seconds before the first row (4 s at 400,000 rows) for less than it saved.
 * `work_mem`: the sort of the formatted rows (`responsesCopyStatement`), about 330 bytes a
 * row, is merged from sorted runs in temporary files past some 12,000 rows: measured, that was
 * faster than one sort in memory of 100,000 rows (1.17 s against 1.28 s of the database's CPU;
 * the runs stay in the processor's cache), and an export holds little of the database's
 * memory, whatever the server is configured with. `max_parallel_workers_per_gather`:
 * the answer cells are not parallel safe (their lists are subqueries), so workers would only
 * scan and sort the raw rows for the one process that formats them all; the parts of a file
 * are the parallelism (copy-csv.ts). `timezone`: the times are written in UTC (`isoTime`).
 */
export const responsesCopySettings: Readonly<Record<string, string>> = {
  jit: 'off',
  work_mem: '4MB',
  max_parallel_workers_per_gather: '0',
  timezone: 'UTC',
};

/**
 * The responses file's rows as one `COPY … TO STDOUT (format csv)`: the columns of
 * `responsesHeader` in its order, rows by commune code then id as the paged export gives them.
 * The rows are read in the table's own order (a sequential scan; for one commune, its pages
 * through the index) and the formatted rows sorted: in index order every row was a page read
 * of its own, ids being random, and with the table larger than the buffer cache that cost
 * more than formatting. Only `questionnaire_id`, flags (`flagsCell`) and answers are guarded:
 * ids are UUIDs, codes digits (a foreign key), the wave is the year asked for, the channel and
 * the review state one of three words (checked by the table), times digits; none can start a
 * formula. Scores are float8 as PostgreSQL writes them, the shortest text that reads back as
 * the same double, as JavaScript writes them too for scores (0–100; the two notations differ
 * only below 1e-4 and from 1e15).
 */
export function responsesCopyStatement(scope: CopyScope, questions: readonly string[]): string {
  const columns = [
    'id',
    cheaplyGuardedText('questionnaire_id'),
    'commune_code',
    'wave',
    'channel',
    isoTime('started_at'),
    isoTime('completed_at'),
    isoTime('received_at'),
    'is_demo::text',
    cheaplyGuardedText(`array_to_string(flags, ';')`),
    'review_state',
    ...questions.map((name, i) => answerCell(name, answerColumn(i))),
    'score_overall',
    'score_security',
    'score_opportunity',
    'score_culture',
    'score_trust',
  ];
  const { from, before } = scope.communes ?? {};
  const commune =
    scope.communeCode === undefined
      ? (from === undefined ? '' : ` and commune_code >= ${literal(from)}`) +
        (before === undefined ? '' : ` and commune_code < ${literal(before)}`)
      : ` and commune_code = ${literal(scope.communeCode)}`;
  // Each answer's text is taken once per row (`->>`), in a subquery of its own (`offset 0`), so
  // the cell's test and its value read it as a column instead of looking it up twice.
  // Measured at 500,000 rows of 29 questions: 2.5 s of the database's CPU, against 3.1 s for
  // the same columns by `jsonb_to_record`, whose function scan makes a tuplestore per row.
  const answers = questions.map(
    (name, i) => `, answers ->> ${literal(name)} as ${answerColumn(i)}`,
  );
  const stored =
    `select responses.*${answers.join('')} from responses ` +
    `where wave = ${literal(scope.wave)}${commune} offset 0`;
  // The outer `offset 0` keeps the rows a subquery of their own too, so they are formatted
  // before the sort: it then orders the formatted cells (a third of a stored row) instead of
  // the whole rows.
  const rows = `select ${columns.join(', ')} from (${stored}) as response offset 0`;
  return (
    `copy (select * from (${rows}) as line order by line.commune_code, line.id) ` +
    `to stdout (format csv, encoding 'UTF8')`
  );
}

/**
 * Numbers that jsonb and JavaScript write alike. Stored answers are JSON that JavaScript wrote,
 * and jsonb keeps a number's digits as given, except that it expands an exponent, which
 * JavaScript uses below 1e-6 and from 1e21.
 */
const writtenAlike = (value: unknown) =>
  typeof value !== 'number' || value === 0 || (Math.abs(value) >= 1e-6 && Math.abs(value) < 1e21);

/**
 * Whether the server stores only scalars, or lists of offered choices, for this question
 * (form-questions.ts): text, choices and yes/no are checked; any other kind takes anything.
 */
const hasFlatAnswers = (question: FormQuestion) =>
  question.choices !== null || question.maxLength !== null || question.type === 'boolean';

/**
 * Whether the COPY file equals the paged one for every answer these questionnaires accept.
 * Not for a question whose answers may be objects (a matrix: jsonb and JSON.stringify space
 * and order keys differently) or a form offering numbers the two write differently (1e-7).
 * Scored items take integers only, within a scale of at most 100 points.
 */
export function copyWritesTheSameFile(questionnaires: readonly LoadedQuestionnaire[]): boolean {
  return questionnaires.every((questionnaire) => {
    const { items, missing } = questionnaire.scoring;
    const scored = new Set(items.map((item) => item.name));
    const numbersAlike =
      missing.every(writtenAlike) && items.every((i) => writtenAlike(i.min) && writtenAlike(i.max));
    return (
      numbersAlike &&
      [...questionnaire.questions.values()].every(
        (question) =>
          scored.has(question.name) ||
          (hasFlatAnswers(question) && (question.choices ?? []).every(writtenAlike)),
      )
    );
  });
}
