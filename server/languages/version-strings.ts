import { languageTexts, type StoredTranslation } from './language-texts.ts';
import { questionnaireStrings } from './questionnaire-strings.ts';
import type { LanguageFiles } from './read-language-files.ts';

/** One questionnaire version's strings (questionnaire-strings.ts keys), by language code. */
export type VersionStrings = ReadonlyMap<string, Readonly<Record<string, string>>>;

/**
 * Each language's strings of a version: its files, then what admins imported. Vietnamese and
 * English are read from the form itself, so they are there even when the server holds no files
 * for them: they are what every translation is made from, and what decides whether a
 * translation or a recording still fits a new version.
 */
export function versionStrings(
  files: LanguageFiles,
  stored: readonly StoredTranslation[],
  questionnaire: { id: string; survey: object },
): VersionStrings {
  const texts = languageTexts(files, stored, questionnaire);
  const strings = new Map<string, Record<string, string>>(
    texts.map((language) => [language.code, language.strings]),
  );
  const source = questionnaireStrings(questionnaire.survey);
  const vi = source.map((s) => [s.key, s.vi] as const);
  const en = source.map((s) => [s.key, s.en ?? ''] as const);
  strings.set('vi', Object.fromEntries(vi.filter(([, text]) => text.trim() !== '')));
  strings.set('en', Object.fromEntries(en.filter(([, text]) => text.trim() !== '')));
  return strings;
}
