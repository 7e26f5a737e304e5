import { type SurveyModel, surveyLocalization } from 'survey-core';
import { message } from './i18n.ts';
import { stringsFor } from './languages.ts';

/** SurveyJS's own words on the form (its buttons, its progress bar), from the messages. */
const surveyWords = [
  'pagePrevText',
  'pageNextText',
  'completeText',
  'questionsProgressText',
  'progressbar',
] as const;

type Localizable = { setLocaleText(locale: string, text: string): void };
type Owner = Record<string, unknown>;

const locOf = (owner: Owner | null | undefined, property: string) => {
  const loc = owner?.[`loc${property.charAt(0).toUpperCase()}${property.slice(1)}`];
  return loc && typeof (loc as Localizable).setLocaleText === 'function'
    ? (loc as Localizable)
    : null;
};

/**
 * Where a key of questionnaire-strings.ts lives on the model: `title` (the survey),
 * `pages.<page>.<property>`, `<element>.<property>`, `<question>.<list>.<value>`.
 */
function target(model: SurveyModel, key: string): Localizable | null {
  const parts = key.split('.');
  if (parts.length === 1) return locOf(model as unknown as Owner, key);
  if (parts[0] === 'pages' && parts.length === 3) {
    return locOf(model.getPageByName(parts[1] ?? '') as unknown as Owner, parts[2] ?? '');
  }
  const [name = '', property = '', ...value] = parts;
  const element = (model.getQuestionByName(name) ??
    model.getPanelByName(name)) as unknown as Owner | null;
  if (value.length === 0) return locOf(element, property);
  const items = element?.[property];
  if (!Array.isArray(items)) return null;
  const item = items.find((entry: { value?: unknown }) => String(entry?.value) === value.join('.'));
  return item ? locOf(item as Owner, 'text') : null;
}

/**
 * Shows the form in a language: SurveyJS's own words from the messages, and for a language
 * other than Vietnamese and English (whose texts the questionnaire holds) its fetched strings
 * put on the model by key. Setting the same text again is harmless, so this runs at every
 * change of language.
 */
export function localizeSurvey(model: SurveyModel, questionnaireId: string, code: string) {
  surveyLocalization.locales[code] ??= {};
  const words = surveyLocalization.locales[code] as Record<string, string>;
  for (const word of surveyWords) words[word] = message(`survey.${word}`);
  if (code !== 'vi' && code !== 'en') {
    surveyLocalization.localeNames[code] ??= code;
    const strings = stringsFor(code, questionnaireId) ?? {};
    for (const [key, text] of Object.entries(strings))
      target(model, key)?.setLocaleText(code, text);
  }
  model.locale = code === 'vi' ? '' : code;
}
