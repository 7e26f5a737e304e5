import type { Questionnaire } from '../../../server/questionnaires/schema.ts';
import type { Language } from '../shared/i18n.ts';

export type QuestionTitles = ReadonlyMap<string, Record<Language, string>>;

/**
 * Each question's wording by name, from the SurveyJS form (`title` is a string, or
 * `{ default: vi, en }`), so that staff read items as residents saw them, not as codes.
 */
export function questionTitles(survey: Questionnaire['survey']): QuestionTitles {
  const titles = new Map<string, Record<Language, string>>();
  const visit = (elements: unknown) => {
    if (!Array.isArray(elements)) return;
    for (const element of elements as Array<Record<string, unknown>>) {
      visit(element.elements);
      const { name, title } = element;
      if (typeof name !== 'string') continue;
      if (typeof title === 'string') titles.set(name, { vi: title, en: title });
      else if (title && typeof title === 'object') {
        const text = title as Record<string, unknown>;
        const vi = typeof text.default === 'string' ? text.default : name;
        titles.set(name, { vi, en: typeof text.en === 'string' ? text.en : vi });
      }
    }
  };
  const pages = Array.isArray(survey.pages) ? (survey.pages as Array<Record<string, unknown>>) : [];
  for (const page of pages) visit(page.elements);
  return titles;
}
