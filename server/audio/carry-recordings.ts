import type { Db } from '../db/database.ts';
import { readTranslations } from '../languages/queries.ts';
import type { LanguageFiles } from '../languages/read-language-files.ts';
import { type VersionStrings, versionStrings } from '../languages/version-strings.ts';
import type { LoadedQuestionnaire } from '../questionnaires/normalise-questionnaire.ts';
import { copyRecordings, listRecordings } from './queries.ts';
import { recordingKeyProblem } from './recording-keys.ts';

/** Answer lists whose items' labels are `<question>.<list>.<value>` strings. */
const answerLists = ['choices', 'rateValues'];
const booleanLabels: Record<string, string> = { true: 'labelTrue', false: 'labelFalse' };

/**
 * The strings (questionnaire-strings.ts keys) a recording reads aloud: a question's title, or
 * a display element's own text; an answer's label. None for a reserved key (`_greeting`), or
 * for a label the form does not write out (a rating's bare numbers).
 */
export function spokenStrings(key: string): string[] {
  if (key.startsWith('_')) return [];
  const dot = key.indexOf('.');
  if (dot === -1) return [`${key}.title`, `${key}.html`];
  const name = key.slice(0, dot);
  const value = key.slice(dot + 1);
  const lists = answerLists.map((list) => `${name}.${list}.${value}`);
  const label = booleanLabels[value];
  return label ? [...lists, `${name}.${label}`] : lists;
}

/**
 * Whether a recording still says what the new version shows: each string it reads is the same
 * in its language in both versions. Where either version lacks that language's text (a new
 * version is published before its translation is imported), the Vietnamese, which every
 * translation is made from, decides: the same Vietnamese will be translated the same way, a
 * changed one will not.
 */
function sameWords(before: VersionStrings, after: VersionStrings, language: string, key: string) {
  const vi = { before: before.get('vi') ?? {}, after: after.get('vi') ?? {} };
  const own = { before: before.get(language) ?? {}, after: after.get(language) ?? {} };
  return spokenStrings(key).every((string) => {
    const mine = [own.before[string], own.after[string]];
    if (mine[0] !== undefined && mine[1] !== undefined) return mine[0] === mine[1];
    return vi.before[string] === vi.after[string];
  });
}

/**
 * When a new questionnaire version is published, copies into it each recording of the one
 * before it whose key the new form still has and whose words are unchanged in its language
 * (sameWords), so recordings need not be made again for a version that only moved a question
 * or changed another's wording. A recording of changed words is not copied: a resident must
 * never hear a question other than the one shown. Runs in the publishing transaction.
 * Returns how many were copied.
 */
export async function carryRecordings(
  trx: Db,
  files: LanguageFiles,
  from: LoadedQuestionnaire,
  to: LoadedQuestionnaire,
): Promise<number> {
  const recordings = await listRecordings(trx, from.id);
  if (recordings.length === 0) return 0;
  const stored = await readTranslations(trx);
  const before = versionStrings(files, stored, from);
  const after = versionStrings(files, stored, to);
  const carried = recordings.filter(
    ({ language, key }) =>
      recordingKeyProblem(to, key) === null && sameWords(before, after, language, key),
  );
  return copyRecordings(trx, from.id, to.id, carried);
}
