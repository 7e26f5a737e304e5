import type { Questionnaire } from '../../../server/questionnaires/schema.ts';
import type { Language } from '../shared/i18n.ts';

export type AnswerTexts = ReadonlyMap<string, ReadonlyMap<string, Record<Language, string>>>;

const localized = (text: unknown): Record<Language, string> | null => {
  if (typeof text === 'string') return { vi: text, en: text };
  if (text && typeof text === 'object') {
    const { default: vi, en } = text as Record<string, unknown>;
    if (typeof vi === 'string') return { vi, en: typeof en === 'string' ? en : vi };
  }
  return null;
};

/**
 * The wording of each question's choices by value, from the SurveyJS form (`choices` of a
 * radio group, the labelled `rateValues` of a rating: "Không biết" for 98), so that a reviewer
 * reads an answer as the resident chose it. Plain numbers on a rating have no entry.
 *
 * @example answerTexts(survey).get('sec_income')?.get('98') // { vi: 'Không biết', en: "Don't know" }
 */
export function answerTexts(survey: Questionnaire['survey']): AnswerTexts {
  const texts = new Map<string, Map<string, Record<Language, string>>>();
  const visit = (elements: unknown) => {
    if (!Array.isArray(elements)) return;
    for (const element of elements as Array<Record<string, unknown>>) {
      visit(element.elements);
      if (typeof element.name !== 'string') continue;
      const options = [element.choices, element.rateValues].flatMap((list) =>
        Array.isArray(list) ? (list as unknown[]) : [],
      );
      const byValue = new Map<string, Record<Language, string>>();
      for (const option of options) {
        if (!option || typeof option !== 'object') continue;
        const { value, text } = option as Record<string, unknown>;
        const words = localized(text);
        if (words && (typeof value === 'string' || typeof value === 'number')) {
          byValue.set(String(value), words);
        }
      }
      if (byValue.size > 0) texts.set(element.name, byValue);
    }
  };
  const pages = Array.isArray(survey.pages) ? (survey.pages as Array<Record<string, unknown>>) : [];
  for (const page of pages) visit(page.elements);
  return texts;
}
