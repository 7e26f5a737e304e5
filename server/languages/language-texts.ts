import { createHash } from 'node:crypto';
import { type QuestionnaireString, questionnaireStrings } from './questionnaire-strings.ts';
import type { LanguageFiles } from './read-language-files.ts';
import type { LanguagePack, LanguageSummary } from './schema.ts';

/** The languages whose texts are the kit's source columns: never imported, only shipped. */
export const sourceLanguages = ['vi', 'en'] as const;
export const isSourceLanguage = (code: string) =>
  (sourceLanguages as readonly string[]).includes(code);

/** A stored translation (table `translations`): it overrides or adds to the shipped files. */
export type StoredTranslation = { language: string; scope: string; key: string; text: string };

/** The scope of the pages' messages; any other scope is a questionnaire id. */
export const messagesScope = 'messages';

/** The questionnaire the languages are measured against now: the one residents are given. */
export type ServedQuestionnaire = { id: string; survey: object };

/** Every text a resident may see in one language, for one questionnaire, and how complete. */
export type LanguageTexts = {
  code: string;
  name: string;
  nameVi: string;
  messages: Record<string, string>;
  strings: Record<string, string>;
  translated: number;
  needed: number;
};

const filled = (text: string | undefined): text is string =>
  typeof text === 'string' && text.trim() !== '';

/** The strings of a questionnaire in a source language, as its own file holds them. */
function sourceStrings(strings: readonly QuestionnaireString[], code: string) {
  const out: Record<string, string> = {};
  for (const s of strings) {
    const text = code === 'vi' ? s.vi : code === 'en' ? s.en : null;
    if (filled(text ?? undefined)) out[s.key] = text as string;
  }
  return out;
}

/**
 * Each language's texts for the questionnaire now served: the shipped files, then what an
 * admin imported (stored rows win), keeping only keys Vietnamese has. Vietnamese and English
 * take the questionnaire's strings from the questionnaire itself (its `default` and `en`).
 * `needed` counts every message and every string of the questionnaire; a language is offered
 * when all are there.
 */
export function languageTexts(
  files: LanguageFiles,
  stored: readonly StoredTranslation[],
  questionnaire: ServedQuestionnaire,
): LanguageTexts[] {
  const source = questionnaireStrings(questionnaire.survey);
  const viMessages = files.get('vi')?.messages ?? {};
  const messageKeys = Object.keys(viMessages);
  const stringKeys = source.map((s) => s.key);
  const needed = messageKeys.length + stringKeys.length;
  return [...files.values()].map((language) => {
    const messages: Record<string, string> = {};
    const strings: Record<string, string> = {};
    const fromFiles = isSourceLanguage(language.code)
      ? sourceStrings(source, language.code)
      : (language.questionnaires.get(questionnaire.id) ?? {});
    const fromTable = (scope: string) =>
      stored.filter((row) => row.language === language.code && row.scope === scope);
    for (const key of messageKeys) {
      const text = language.messages[key];
      if (filled(text)) messages[key] = text;
    }
    for (const key of stringKeys) {
      const text = fromFiles[key];
      if (filled(text)) strings[key] = text;
    }
    if (!isSourceLanguage(language.code)) {
      for (const row of fromTable(messagesScope)) {
        if (row.key in viMessages && filled(row.text)) messages[row.key] = row.text;
      }
      const known = new Set(stringKeys);
      for (const row of fromTable(questionnaire.id)) {
        if (known.has(row.key) && filled(row.text)) strings[row.key] = row.text;
      }
    }
    return {
      code: language.code,
      name: language.name,
      nameVi: language.nameVi,
      messages,
      strings,
      translated: Object.keys(messages).length + Object.keys(strings).length,
      needed,
    };
  });
}

/** The pack `GET /api/languages/:code` sends. */
export const languagePack = (texts: LanguageTexts, questionnaireId: string): LanguagePack => ({
  code: texts.code,
  name: texts.name,
  questionnaireId,
  messages: texts.messages,
  strings: texts.strings,
});

/** A short hash of the pack: its ETag, and the `v` that makes its address cacheable for long. */
export const packVersion = (pack: LanguagePack) =>
  createHash('sha256').update(JSON.stringify(pack)).digest('base64url').slice(0, 16);

/**
 * The list entry: offered only when complete. Coverage is rounded down to three places, so a
 * language one string short never reads as 1.
 */
export function languageSummary(texts: LanguageTexts, version: string): LanguageSummary {
  const ratio = texts.needed === 0 ? 0 : texts.translated / texts.needed;
  return {
    code: texts.code,
    name: texts.name,
    nameVi: texts.nameVi,
    offered: texts.needed > 0 && texts.translated === texts.needed,
    coverage: Math.floor(ratio * 1000) / 1000,
    version,
  };
}
