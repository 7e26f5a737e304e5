import type { Db } from '../db/database.ts';
import type { LoadedQuestionnaire } from '../questionnaires/normalise-questionnaire.ts';
import { isSourceLanguage } from './language-texts.ts';
import { readTranslations } from './queries.ts';
import type { LanguageFiles } from './read-language-files.ts';
import { type VersionStrings, versionStrings } from './version-strings.ts';

/** Who a carried row names as its writer: the version it was copied from. */
export const carriedBy = (fromId: string) => `carried from ${fromId}`;

/**
 * Whether a translation made for `key` in the version before still translates it: the
 * Vietnamese it was made from is the same, and so is the English where both versions have
 * one (a translator reads both columns). A key the new form lacks, or whose Vietnamese is
 * empty, has no Vietnamese to match.
 */
function sameSource(before: VersionStrings, after: VersionStrings, key: string) {
  const vi = [before.get('vi')?.[key], after.get('vi')?.[key]];
  const en = [before.get('en')?.[key], after.get('en')?.[key]];
  if (vi[0] === undefined || vi[0] !== vi[1]) return false;
  return en[0] === undefined || en[1] === undefined || en[0] === en[1];
}

/**
 * When a new questionnaire version is published, stores for it, in every language but the
 * sources (vi, en: the form holds them, the table never does), each string of the version
 * before it (its files, then imported rows) whose key the new form still has and whose source
 * words are unchanged (sameSource). So a language that was offered stays offered after a
 * version that only moved or reworded a few questions, and only the reworded strings wait for
 * the translator: a changed Vietnamese is not carried, so coverage shows it missing. A string
 * the new version already has, from its own files or a stored row, is kept as it is. Runs in
 * the publishing transaction. Returns how many were stored, by language (only those with any).
 */
export async function carryTranslations(
  trx: Db,
  files: LanguageFiles,
  from: LoadedQuestionnaire,
  to: LoadedQuestionnaire,
): Promise<Record<string, number>> {
  const stored = await readTranslations(trx);
  const before = versionStrings(files, stored, from);
  const after = versionStrings(files, stored, to);
  const taken = new Set(
    stored.filter((row) => row.scope === to.id).map((row) => `${row.language}\n${row.key}`),
  );
  const rows: { language: string; key: string; text: string }[] = [];
  for (const [language, strings] of before) {
    if (isSourceLanguage(language)) continue;
    const own = after.get(language) ?? {};
    for (const [key, text] of Object.entries(strings)) {
      if (key in own || taken.has(`${language}\n${key}`)) continue;
      if (sameSource(before, after, key)) rows.push({ language, key, text });
    }
  }
  return insertCarried(trx, from.id, to.id, rows);
}

/** Stores the carried rows, counted by language. */
async function insertCarried(
  trx: Db,
  fromId: string,
  toId: string,
  rows: readonly { language: string; key: string; text: string }[],
) {
  const counts: Record<string, number> = {};
  if (rows.length === 0) return counts;
  await trx
    .insertInto('translations')
    .values(rows.map((row) => ({ ...row, scope: toId, updated_by: carriedBy(fromId) })))
    .execute();
  for (const { language } of rows) counts[language] = (counts[language] ?? 0) + 1;
  return counts;
}
