import type { Db } from '../db/database.ts';
import { languageTexts } from '../languages/language-texts.ts';
import { readTranslations } from '../languages/queries.ts';
import type { LanguageFiles } from '../languages/read-language-files.ts';
import type { CheckedQuestionnaire } from '../questionnaires/check-questionnaire.ts';

/**
 * A language's texts for a batch's questionnaire (the wave's version, which may not be the
 * one residents are given now), and whether it is complete: every page message and every
 * string of that version translated, as residents are only offered complete languages.
 * Null when the server holds no such language.
 */
export async function batchLanguage(
  db: Db,
  files: LanguageFiles,
  questionnaire: Pick<CheckedQuestionnaire, 'id' | 'survey'>,
  code: string,
) {
  const stored = await readTranslations(db);
  const texts = languageTexts(files, stored, {
    id: questionnaire.id,
    survey: questionnaire.survey,
  }).find((language) => language.code === code);
  if (!texts) return null;
  return { texts, complete: texts.needed > 0 && texts.translated === texts.needed };
}
