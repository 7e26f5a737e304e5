import { type FormQuestion, listFormQuestions } from './form-questions.ts';
import {
  dimensionKeys,
  type Questionnaire,
  type QuestionnaireFile,
  type Scoring,
} from './schema.ts';

/**
 * One thing wrong with a questionnaire: where in the JSON (`scoring.items[3]`), the item,
 * question or dimension at fault (or null), and what is wrong, in words an author can act on.
 */
export type QuestionnaireProblem = { where: string; item: string | null; message: string };

/** A questionnaire ready to score answers: the API's normalised form plus its form's questions. */
export type LoadedQuestionnaire = Questionnaire & {
  published: string;
  questions: ReadonlyMap<string, FormQuestion>;
};

/**
 * Fills every default of the scoring block and checks the rules of METHOD.md section 1
 * against the form. Returns the problems, each naming the item or question at fault, so
 * that a broken file stops the start with a message a questionnaire author can act on.
 *
 * Defaults: dimension weight 1, minAnswered ⌈2k/3⌉ for k items in the dimension; item
 * reverse false, weight 1; missing [98, 99]; cutoff 70; method `mean`.
 */
export function normaliseQuestionnaire(
  file: QuestionnaireFile,
):
  | { ok: true; questionnaire: LoadedQuestionnaire }
  | { ok: false; problems: QuestionnaireProblem[] } {
  const problems: QuestionnaireProblem[] = [];
  const problem = (where: string, item: string | null, message: string) =>
    problems.push({ where, item, message });
  const formQuestions = listFormQuestions(file.survey);
  const questions = new Map<string, FormQuestion>();
  for (const question of formQuestions) {
    if (questions.has(question.name))
      problem('survey', question.name, 'this question name appears twice in the form');
    questions.set(question.name, question);
  }

  const { items, missing } = file.scoring;
  const seenItems = new Set<string>();
  for (const [index, item] of items.entries()) {
    const at = (message: string) => problem(`scoring.items[${index}]`, item.name, message);
    if (seenItems.has(item.name)) at('this item is listed twice');
    seenItems.add(item.name);
    if (item.min >= item.max) at(`min (${item.min}) must be below max (${item.max})`);
    if (item.max - item.min > maxScalePoints) {
      at(`${item.min}..${item.max} is not a rating scale (at most ${maxScalePoints} points)`);
      continue;
    }
    for (const code of missing) {
      if (code >= item.min && code <= item.max) {
        at(`missing code ${code} lies within ${item.min}..${item.max}`);
      }
    }
    const question = questions.get(item.name);
    if (!question) {
      at('names no question of the form');
      continue;
    }
    const choiceProblem = scaleProblem(question, item.min, item.max, missing);
    if (choiceProblem) at(choiceProblem);
  }

  const seenDimensions = new Set<string>();
  for (const [index, dimension] of file.scoring.dimensions.entries()) {
    if (seenDimensions.has(dimension.key))
      problem(`scoring.dimensions[${index}]`, dimension.key, 'this dimension is listed twice');
    seenDimensions.add(dimension.key);
  }
  const dimensions: Scoring['dimensions'] = dimensionKeys.map((key) => {
    const declared = file.scoring.dimensions.find((dimension) => dimension.key === key);
    const k = items.filter((item) => item.dimension === key).length;
    const minAnswered = declared?.minAnswered ?? Math.ceil((2 * k) / 3);
    if (k === 0) problem('scoring.items', key, 'this dimension has no item');
    else if (minAnswered > k) {
      problem('scoring.dimensions', key, `minAnswered ${minAnswered} exceeds its ${k} items`);
    }
    return { key, weight: declared?.weight ?? 1, minAnswered };
  });

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    questionnaire: {
      id: file.id,
      published: file.published,
      title: file.title,
      scoring: { ...file.scoring, dimensions },
      survey: file.survey,
      questions,
    },
  };
}

/** A scale is something a resident picks from; a typo like max 5000000000 must not be taken literally. */
const maxScalePoints = 100;

/** The question must offer exactly the integers min..max, plus (optionally) missing codes. */
function scaleProblem(question: FormQuestion, min: number, max: number, missing: number[]) {
  if (question.choices === null || question.multiple) {
    return `question type "${question.type}" offers no single choice of integers`;
  }
  const scale = question.choices.filter((value) => !missing.includes(value as number));
  const expected = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  const sorted = [...scale].sort((a, b) => Number(a) - Number(b));
  const exact =
    sorted.length === expected.length && sorted.every((value, i) => value === expected[i]);
  return exact
    ? null
    : `the form offers [${scale.join(', ')}], expected exactly the integers ${min}..${max}`;
}
