import type { LoadedQuestionnaire } from '../questionnaires/normalise-questionnaire.ts';

/** What a person reads of a form question: its wording and the words of its choices. */
export type QuestionWords = {
  /** Vietnamese wording (SurveyJS `default`), and English when the form has it. */
  title: { vi: string; en: string };
  /** Choice value (as text) → Vietnamese word, for the choices that have a text of their own. */
  choices: ReadonlyMap<string, string>;
};

type Localized = string | { default?: string; en?: string } | undefined;

const vi = (text: Localized) => (typeof text === 'string' ? text : (text?.default ?? ''));
const en = (text: Localized) => (typeof text === 'string' ? text : (text?.en ?? vi(text)));

/**
 * The words of every question of the wave's forms, by question name, read from the SurveyJS
 * JSON as the resident saw it: the first questionnaire's wording wins (the columns follow the
 * first questionnaire too). Ratings keep their numbers; only a rating value with a text of its
 * own (the missing codes 98 "Không biết", 99 "Không áp dụng") gets a word.
 */
export function questionWords(
  questionnaires: readonly LoadedQuestionnaire[],
): Map<string, QuestionWords> {
  const words = new Map<string, QuestionWords>();
  const visit = (elements: unknown) => {
    if (!Array.isArray(elements)) return;
    for (const element of elements as Record<string, unknown>[]) {
      if (Array.isArray(element.elements)) visit(element.elements);
      if (typeof element.name !== 'string' || words.has(element.name)) continue;
      const title = (element.title ?? element.name) as Localized;
      const choices = new Map<string, string>();
      for (const choice of [element.choices, element.rateValues].flat()) {
        if (choice === null || typeof choice !== 'object') continue;
        const { value, text } = choice as { value?: unknown; text?: Localized };
        const word = vi(text);
        if (value !== undefined && word) choices.set(String(value), word);
      }
      words.set(element.name, { title: { vi: vi(title), en: en(title) }, choices });
    }
  };
  for (const questionnaire of questionnaires) {
    const { pages } = questionnaire.survey as { pages?: unknown };
    if (!Array.isArray(pages)) continue;
    for (const page of pages as Record<string, unknown>[]) visit(page.elements);
  }
  return words;
}

/**
 * An answer as a person reads it: a choice by its word, several choices joined with "; ",
 * a yes/no in words, a rating or typed text as it is, nothing as an empty cell.
 */
export function answerInWords(
  answer: unknown,
  words: QuestionWords | undefined,
): string | number | null {
  if (answer === null || answer === undefined) return null;
  const word = (value: string | number) => words?.choices.get(String(value)) ?? value;
  if (typeof answer === 'number' || typeof answer === 'string') return word(answer);
  if (typeof answer === 'boolean') return answer ? 'Có' : 'Không';
  if (Array.isArray(answer)) return answer.map((value) => String(word(value))).join('; ');
  return JSON.stringify(answer);
}
