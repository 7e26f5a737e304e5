import type { Db } from '../db/database.ts';
import type { QuestionnaireCatalog } from '../questionnaires/load-questionnaires.ts';
import { findServedQuestionnaire } from '../questionnaires/served-questionnaire.ts';
import {
  type LanguageTexts,
  languagePack,
  languageSummary,
  languageTexts,
  packVersion,
} from './language-texts.ts';
import { readTranslations } from './queries.ts';
import type { LanguageFiles } from './read-language-files.ts';
import type { LanguagePack, LanguageSummary } from './schema.ts';

export type LanguageState = {
  questionnaireId: string;
  survey: object;
  texts: LanguageTexts[];
  packs: Map<string, { pack: LanguagePack; summary: LanguageSummary }>;
};

/**
 * The languages as residents get them now: the served questionnaire (it follows the open
 * wave) and the stored translations, read at most every few seconds, since every page load
 * asks for the list. An import through this process is seen at once (`forget`); one through
 * another process within `maxAgeMs`.
 */
export function languageService(
  db: Db,
  catalog: QuestionnaireCatalog,
  files: LanguageFiles,
  options: { maxAgeMs?: number; now?: () => Date } = {},
) {
  const maxAgeMs = options.maxAgeMs ?? 5000;
  const now = options.now ?? (() => new Date());
  let held: { at: number; state: Promise<LanguageState> } | null = null;

  const compute = async (): Promise<LanguageState> => {
    const [{ questionnaire }, stored] = await Promise.all([
      findServedQuestionnaire(db, catalog, now()),
      readTranslations(db),
    ]);
    const texts = languageTexts(files, stored, questionnaire);
    const packs = new Map<string, { pack: LanguagePack; summary: LanguageSummary }>();
    for (const language of texts) {
      const pack = languagePack(language, questionnaire.id);
      packs.set(language.code, { pack, summary: languageSummary(language, packVersion(pack)) });
    }
    return { questionnaireId: questionnaire.id, survey: questionnaire.survey, texts, packs };
  };

  return {
    files,
    state(): Promise<LanguageState> {
      const at = Date.now();
      if (!held || at - held.at > maxAgeMs) {
        const state = compute();
        held = { at, state };
        // A failed read is not kept: the next request tries again.
        state.catch(() => {
          if (held?.state === state) held = null;
        });
      }
      return held.state;
    },
    forget() {
      held = null;
    },
  };
}

export type LanguageService = ReturnType<typeof languageService>;
