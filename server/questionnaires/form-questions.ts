/**
 * What the server needs to know of a SurveyJS form: its questions, and for each the answers
 * it can take. The server checks every stored answer against this, so that a broken or
 * hostile client cannot fill the database with values no form could have produced.
 */
export type FormQuestion = {
  name: string;
  type: string;
  /** The choice values a select-like question offers; `null` for free-form questions. */
  choices: ReadonlyArray<string | number> | null;
  /** Checkbox and tagbox answers are arrays of choices. */
  multiple: boolean;
  maxLength: number | null;
};

/** Elements that show something but take no answer. */
const displayOnlyTypes = new Set(['html', 'image', 'expression']);
const singleChoiceTypes = new Set(['radiogroup', 'dropdown', 'buttongroup', 'imagepicker']);
const multipleChoiceTypes = new Set(['checkbox', 'tagbox']);
const textTypes = new Set(['text', 'comment']);
/** Free text is kept short: a comment, not a document. */
const defaultMaxLength = 2000;

/** Every answerable question of a form, pages and nested panels included, in form order. */
export function listFormQuestions(survey: { pages: readonly unknown[] }): FormQuestion[] {
  const questions: FormQuestion[] = [];
  const visit = (elements: unknown) => {
    if (!Array.isArray(elements)) return;
    for (const element of elements as Record<string, unknown>[]) {
      if (Array.isArray(element.elements)) visit(element.elements);
      const type = String(element.type ?? '');
      if (type === 'panel' || displayOnlyTypes.has(type)) continue;
      if (typeof element.name !== 'string') continue;
      questions.push(describeQuestion(element, type));
    }
  };
  for (const page of survey.pages) visit((page as Record<string, unknown>).elements);
  return questions;
}

function describeQuestion(element: Record<string, unknown>, type: string): FormQuestion {
  const maxLength =
    typeof element.maxLength === 'number' && element.maxLength > 0
      ? element.maxLength
      : defaultMaxLength;
  const base = { name: element.name as string, type, multiple: false, maxLength: null };
  if (type === 'rating') return { ...base, choices: ratingValues(element) };
  if (type === 'boolean') return { ...base, choices: null };
  if (singleChoiceTypes.has(type)) return { ...base, choices: choiceValues(element.choices) };
  if (multipleChoiceTypes.has(type)) {
    return { ...base, multiple: true, choices: choiceValues(element.choices) };
  }
  if (textTypes.has(type)) return { ...base, choices: null, maxLength };
  return { ...base, choices: null };
}

/** A rating offers its `rateValues` when given, else rateMin..rateMax by rateStep (SurveyJS's defaults 1..5 by 1). */
function ratingValues(element: Record<string, unknown>): Array<string | number> {
  if (Array.isArray(element.rateValues) && element.rateValues.length > 0) {
    return choiceValues(element.rateValues);
  }
  const min = typeof element.rateMin === 'number' ? element.rateMin : 1;
  const max = typeof element.rateMax === 'number' ? element.rateMax : 5;
  const step = typeof element.rateStep === 'number' && element.rateStep > 0 ? element.rateStep : 1;
  const values: number[] = [];
  for (let v = min; v <= max; v += step) values.push(v);
  return values;
}

function choiceValues(choices: unknown): Array<string | number> {
  if (!Array.isArray(choices)) return [];
  return choices.map((choice) =>
    choice !== null && typeof choice === 'object'
      ? (choice as { value: string | number }).value
      : choice,
  );
}

/**
 * Why an answer to an unscored question cannot be stored, or `null` when it can.
 * `null` and absent answers are always fine: a resident may skip any question.
 */
export function unscoredAnswerProblem(question: FormQuestion, answer: unknown): string | null {
  if (answer === null || answer === undefined) return null;
  if (question.type === 'boolean')
    return typeof answer === 'boolean' ? null : 'must be true or false';
  if (question.maxLength !== null) {
    if (typeof answer !== 'string') return 'must be text';
    return answer.length <= question.maxLength
      ? null
      : `must be at most ${question.maxLength} characters`;
  }
  if (question.choices === null) return null;
  const offered = question.choices;
  if (question.multiple) {
    return Array.isArray(answer) && answer.every((value) => offered.includes(value))
      ? null
      : 'must be a list of the offered choices';
  }
  return offered.includes(answer as string | number) ? null : 'is not one of the offered choices';
}
