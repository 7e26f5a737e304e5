import { isSourceLanguage, type LanguageTexts, messagesScope } from './language-texts.ts';
import { questionnaireStrings } from './questionnaire-strings.ts';
import type { LanguageFiles } from './read-language-files.ts';

/** One string of the kit: the translator reads `vi` and `en` and writes `target`. */
export type KitRow = {
  /** A message key (`resident.title`), or `<questionnaire id>:<string key>`. */
  key: string;
  scope: string;
  /** Where a resident meets it. */
  where: string;
  vi: string;
  en: string;
  target: string;
};

/** The kit's columns, in order; the last is headed by the target language's code. */
export const kitColumns = (code: string) => ['key', 'where', 'vi', 'en', code] as const;

/** Where each group of messages shows, by the key's first part, in both staff languages. */
const messageGroups: Record<string, string> = {
  resident: 'Trang người dân / Resident page',
  kiosk: 'Máy ki-ốt / Kiosk',
  form: 'Hộp hỏi "Gửi phiếu?" / "Send the form?" dialog',
  dimension: 'Tên khía cạnh, kết quả sau khi gửi / Dimension names, profile after sending',
  noWave: 'Màn hình "chưa có đợt khảo sát" / "No survey open" screen',
  language: 'Chọn ngôn ngữ / Choosing a language',
  survey: 'Nút và thanh tiến độ của phiếu / Form buttons and progress bar',
};

/** A key of the kit names its scope: `cb-hpi-2026-v2:sec_income.title` or a message key. */
export function splitKitKey(key: string): { scope: string; key: string } {
  const colon = key.indexOf(':');
  return colon < 0
    ? { scope: messagesScope, key }
    : { scope: key.slice(0, colon), key: key.slice(colon + 1) };
}

/**
 * Every string a language needs for the served questionnaire, in the order a resident meets
 * them (the questionnaire's), then the pages' messages; the target filled with the language's
 * translation where it has one.
 */
export function kitRows(
  files: LanguageFiles,
  texts: LanguageTexts,
  questionnaire: { id: string; survey: object },
): KitRow[] {
  const vi = files.get('vi')?.messages ?? {};
  const en = files.get('en')?.messages ?? {};
  const target = (text: string | undefined) => (isSourceLanguage(texts.code) ? '' : (text ?? ''));
  const strings = questionnaireStrings(questionnaire.survey).map((s) => ({
    key: `${questionnaire.id}:${s.key}`,
    scope: questionnaire.id,
    where: `${questionnaire.id} · ${s.where}`,
    vi: s.vi,
    en: s.en ?? '',
    target: target(texts.strings[s.key]),
  }));
  const messages = Object.entries(vi).map(([key, text]) => ({
    key,
    scope: messagesScope,
    where: messageGroups[key.split('.')[0] ?? ''] ?? key.split('.')[0] ?? '',
    vi: text,
    en: en[key] ?? '',
    target: target(texts.messages[key]),
  }));
  return [...strings, ...messages];
}
