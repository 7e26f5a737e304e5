import { canonicalJson } from '../canonical-json.ts';
import type { ErrorDetail } from '../errors.ts';
import type { Difference } from './schema.ts';

/** One typing of a paper form, as double entry compares it. */
export type TypedForm = { answers: Record<string, unknown>; completedOn: string | null };

/** The name a differing `completedOn` is listed under, beside the questions. */
export const completedOnQuestion = 'completedOn';

/** A skipped question is absent or `null`: both typings of a blank box are the same. */
const answered = (answers: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(answers).filter(([, value]) => value !== null && value !== undefined),
  );

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

/**
 * The answers two typings of a form disagree on, in the form's question order (questions the
 * form does not list come after, by name), then `completedOn` if the dates differ. A blank is
 * `null`. Every other answer agrees. Pure.
 *
 * @example findDifferences({ answers: { a: 1, b: 2 }, completedOn: null },
 *                          { answers: { a: 1, b: 3 }, completedOn: null }, ['a', 'b'])
 *   // [{ question: 'b', first: 2, second: 3 }]
 */
export function findDifferences(
  first: TypedForm,
  second: TypedForm,
  questionOrder: readonly string[],
): Difference[] {
  const a = answered(first.answers);
  const b = answered(second.answers);
  const position = new Map(questionOrder.map((name, index) => [name, index]));
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(
    (x, y) =>
      (position.get(x) ?? Number.MAX_SAFE_INTEGER) - (position.get(y) ?? Number.MAX_SAFE_INTEGER) ||
      (x < y ? -1 : x > y ? 1 : 0),
  );
  const differences: Difference[] = names
    .filter((name) => !same(a[name], b[name]))
    .map((name) => ({ question: name, first: a[name] ?? null, second: b[name] ?? null }));
  if (first.completedOn !== second.completedOn) {
    differences.push({
      question: completedOnQuestion,
      first: first.completedOn,
      second: second.completedOn,
    });
  }
  return differences;
}

export type FormDecision =
  | { state: 'awaiting_second' }
  | { state: 'verified'; form: TypedForm }
  | { state: 'conflict'; differences: Difference[] };

/**
 * Where a form stands after its typings (each by a different person): one waits for a
 * second; two that agree on every answer and the date make the form verified, with those
 * answers; two that disagree make a conflict for an admin or analyst to resolve. Pure.
 */
export function decideForm(
  entries: readonly TypedForm[],
  questionOrder: readonly string[],
): FormDecision {
  const [first, second] = entries;
  if (!first || !second) return { state: 'awaiting_second' };
  const differences = findDifferences(first, second, questionOrder);
  if (differences.length > 0) return { state: 'conflict', differences };
  return {
    state: 'verified',
    form: { answers: answered(first.answers), completedOn: first.completedOn },
  };
}

/**
 * The form a resolution decides: the answers both typings agree on, and for each differing
 * question the decided value (`null`: left blank). Every differing question must be decided;
 * a decision on an agreeing question must repeat the agreed answer (the paper was read, not
 * retyped); `completedOn` must be decided when the dates differ. Pure.
 */
export function resolveForm(
  first: TypedForm,
  second: TypedForm,
  decision: { answers: Record<string, unknown>; completedOn?: string | null },
  questionOrder: readonly string[],
): { form: TypedForm } | { problems: ErrorDetail[] } {
  const differences = findDifferences(first, second, questionOrder);
  const differing = new Set(differences.map((d) => d.question));
  const problems: ErrorDetail[] = [];
  const answers = answered(first.answers);
  for (const { question } of differences) {
    if (question === completedOnQuestion) continue;
    if (!(question in decision.answers)) {
      problems.push({ path: `answers.${question}`, message: 'the entries differ here: decide it' });
      continue;
    }
    const value = decision.answers[question];
    if (value === null || value === undefined) delete answers[question];
    else answers[question] = value;
  }
  for (const [question, value] of Object.entries(decision.answers)) {
    if (differing.has(question) || same(value, answers[question])) continue;
    problems.push({
      path: `answers.${question}`,
      message: 'both entries agree on this answer; only differing answers are decided',
    });
  }
  let completedOn = first.completedOn;
  if (differing.has(completedOnQuestion)) {
    if (decision.completedOn === undefined) {
      problems.push({ path: completedOnQuestion, message: 'the entries differ here: decide it' });
    } else completedOn = decision.completedOn;
  } else if (decision.completedOn !== undefined && decision.completedOn !== completedOn) {
    problems.push({
      path: completedOnQuestion,
      message: 'both entries agree on this date; only differing answers are decided',
    });
  }
  return problems.length > 0 ? { problems } : { form: { answers, completedOn } };
}
