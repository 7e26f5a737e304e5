// Imports nothing, so the web pages share it: the server lists a questionnaire's strings by
// these keys, and the pages put a language's strings back on the form by the same keys.

/** One translatable string of a questionnaire, where it sits, and its Vietnamese and English. */
export type QuestionnaireString = {
  /** `title`, `pages.<page>.title`, `<element>.<property>`, `<question>.choices.<value>`. */
  key: string;
  /** Where a translator sees it: the page, and the question or element. */
  where: string;
  vi: string;
  en: string | null;
};

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** SurveyJS's localizable text: `{ default: "…", en: "…" }` (a plain string is Vietnamese only). */
const isLocalized = (value: unknown): value is Record<string, string> =>
  isObject(value) && typeof value.default === 'string';

/** Properties that hold structure, not text: walked, never listed as strings. */
const structural = new Set(['pages', 'elements', 'templateElements', 'name', 'type', 'value']);

/** Properties whose plain-string value is text a person reads (other plain strings are settings). */
const textProperties = new Set([
  'title',
  'description',
  'html',
  'text',
  'placeholder',
  'minRateDescription',
  'maxRateDescription',
  'completedHtml',
  'otherText',
  'noneText',
]);

type Found = { key: string; where: string; text: Record<string, string> };

function* stringsOf(node: Json, keyPrefix: string, where: string): Generator<Found> {
  for (const [property, value] of Object.entries(node)) {
    if (structural.has(property)) continue;
    if (isLocalized(value)) {
      yield { key: `${keyPrefix}${property}`, where, text: value };
    } else if (typeof value === 'string' && textProperties.has(property)) {
      yield { key: `${keyPrefix}${property}`, where, text: { default: value } };
    } else if (Array.isArray(value)) {
      // An answer list (choices, rateValues, rows, columns): each labelled item by its value.
      for (const item of value) {
        if (!isObject(item) || item.value === undefined) continue;
        const text = item.text;
        const label = isLocalized(text)
          ? text
          : typeof text === 'string'
            ? { default: text }
            : null;
        if (label) {
          yield {
            key: `${keyPrefix}${property}.${String(item.value)}`,
            where: `${where} · ${property} ${String(item.value)}`,
            text: label,
          };
        }
      }
    }
  }
}

function* elementStrings(elements: unknown, page: string): Generator<Found> {
  if (!Array.isArray(elements)) return;
  for (const element of elements) {
    if (!isObject(element) || typeof element.name !== 'string') continue;
    yield* stringsOf(element, `${element.name}.`, `${page} · ${element.name}`);
    yield* elementStrings(element.elements, page);
  }
}

function* allStrings(survey: Json): Generator<Found> {
  yield* stringsOf(survey, '', 'survey');
  const pages = Array.isArray(survey.pages) ? survey.pages : [];
  for (const page of pages) {
    if (!isObject(page)) continue;
    const name = typeof page.name === 'string' ? page.name : '';
    yield* stringsOf(page, `pages.${name}.`, `page ${name}`);
    yield* elementStrings(page.elements, `page ${name}`);
  }
}

/**
 * Every translatable string of a SurveyJS form, in the order a resident meets them, with its
 * Vietnamese (`default`) and English. Element names are unique in a form (SurveyJS requires
 * it), so `<element>.<property>` names one string; pages get their own `pages.` keys, since a
 * page may share its name with an element on it.
 *
 * @example questionnaireStrings({ pages: [{ name: 'p', elements: [{ type: 'rating', name: 'q',
 *   title: { default: 'Câu hỏi', en: 'Question' } }] }] })
 *   // [{ key: 'q.title', where: 'page p · q', vi: 'Câu hỏi', en: 'Question' }]
 */
export function questionnaireStrings(survey: object): QuestionnaireString[] {
  return [...allStrings(survey as Json)].map(({ key, where, text }) => ({
    key,
    where,
    vi: text.default ?? '',
    en: typeof text.en === 'string' && text.en !== '' ? text.en : null,
  }));
}
