import { formulaStart } from '../exports/csv.ts';
import { type KitRow, splitKitKey } from './kit-rows.ts';
import type { KitProblem } from './schema.ts';

/** A sheet as read from a file: its rows of cells, the first being the header. */
export type KitTable = readonly (readonly string[])[];

/** The longest text the table takes (migration 0013). */
const maxLength = 10_000;

/**
 * Labels on buttons: a translation much longer than the Vietnamese may not fit. Answer labels
 * (choices, the rating's "don't know"/"not applicable") are buttons too.
 */
const buttonKeys = new Set([
  'resident.start',
  'resident.retry',
  'resident.changeCommune',
  'resident.changeDone',
  'resident.changeCancel',
  'resident.again',
  'kiosk.pairButton',
  'kiosk.retry',
  'kiosk.nextPerson',
  'kiosk.stillHere',
  'kiosk.exit',
  'kiosk.ok',
  'kiosk.cancel',
  'kiosk.resume',
  'kiosk.unpair',
  'form.sendNow',
  'form.keepAnswering',
  'survey.pagePrevText',
  'survey.pageNextText',
  'survey.completeText',
]);
const isButton = (key: string) =>
  buttonKeys.has(key) || /[.](choices|rateValues)[.][^.]+$/.test(key);

const placeholdersOf = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[0]).sort();
/** Each tag as written, case and spacing aside: `<b>`, `</li>`, `<a href="…">`. */
const tagsOf = (text: string) =>
  [...text.matchAll(/<\/?[a-zA-Z][^>]*>/g)]
    .map((m) => m[0].toLowerCase().replace(/\s+/g, ' '))
    .sort();
const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item, i) => item === b[i]);

/**
 * A cell as the translator meant it: NFC (input methods differ in how they compose Vietnamese
 * letters), without the apostrophe the kit put before a text a spreadsheet would take for a
 * formula, and without spaces around it.
 */
function cleanCell(text: string) {
  const trimmed = text.normalize('NFC').trim();
  return trimmed.startsWith("'") && formulaStart.test(trimmed.slice(1))
    ? trimmed.slice(1)
    : trimmed;
}

/** What a checked kit gives: the translations to store, and every problem found. */
export type KitReading = {
  language: string | null;
  errors: KitProblem[];
  warnings: KitProblem[];
  /** Only the filled targets, by scope and key. */
  rows: { scope: string; key: string; text: string }[];
};

/**
 * Checks a filled kit against the rows the language needs now (`expectedFor`): the
 * header names the target language; every key is there once and no other; each translation
 * keeps the Vietnamese's placeholders (`{count}`) and markup (`<b>`) exactly, no more and no
 * less; a button's label much longer than the Vietnamese is a warning. Rows are numbered as
 * a spreadsheet shows them (the header is row 1).
 */
export function checkKit(
  table: KitTable,
  options: {
    isLanguage: (code: string) => boolean;
    isSource: (code: string) => boolean;
    /** The rows the language needs now (kitRows). */
    expectedFor: (code: string) => readonly KitRow[];
  },
): KitReading {
  const errors: KitProblem[] = [];
  const warnings: KitProblem[] = [];
  const header = (table[0] ?? []).map((cell) => cell.normalize('NFC').trim());
  const column = (name: string) => header.findIndex((cell) => cell.toLowerCase() === name);
  const keyAt = column('key');
  const viAt = column('vi');
  const missing = ['key', 'where', 'vi', 'en'].filter((name) => column(name) < 0);
  const targetAt = header.findIndex(
    (cell, i) => i > Math.max(keyAt, viAt, column('en'), column('where')) && cell !== '',
  );
  if (missing.length > 0 || targetAt < 0) {
    const what = [...missing, ...(targetAt < 0 ? ['<language code>'] : [])];
    errors.push({
      row: 1,
      key: null,
      code: 'missing_columns',
      message: `The first row must name the columns key, where, vi, en and then the language's code; missing: ${what.join(', ')}`,
    });
    return { language: null, errors, warnings, rows: [] };
  }
  const language = (header[targetAt] ?? '').toLowerCase();
  if (!options.isLanguage(language)) {
    errors.push({
      row: 1,
      key: null,
      code: 'no_language',
      message: `"${language}" is not a language this server holds: add its folder under surveys/languages first`,
    });
    return { language: null, errors, warnings, rows: [] };
  }
  if (options.isSource(language)) {
    errors.push({
      row: 1,
      key: null,
      code: 'source_language',
      message: `"${language}" is a source language of the kit; its texts are shipped, not imported`,
    });
    return { language, errors, warnings, rows: [] };
  }

  const expected = options.expectedFor(language);
  const byKey = new Map(expected.map((row) => [row.key, row]));
  const seen = new Set<string>();
  const rows: KitReading['rows'] = [];
  table.slice(1).forEach((cells, i) => {
    const row = i + 2;
    const key = cleanCell(cells[keyAt] ?? '');
    const text = cleanCell(cells[targetAt] ?? '');
    if (key === '' && cells.every((cell) => cell.trim() === '')) return;
    const wanted = byKey.get(key);
    if (!wanted) {
      errors.push({
        row,
        key,
        code: 'unknown_key',
        message: `"${key}" is no string of the current kit`,
      });
      return;
    }
    if (seen.has(key)) {
      errors.push({ row, key, code: 'duplicate_key', message: `"${key}" comes twice` });
      return;
    }
    seen.add(key);
    if (text === '') return;
    const problem = (code: KitProblem['code'], message: string) => ({ row, key, code, message });
    const want = placeholdersOf(wanted.vi);
    const got = placeholdersOf(text);
    if (!sameList(want, got)) {
      errors.push(
        problem(
          'placeholders',
          `The translation must keep the placeholders exactly: ${want.join(' ') || 'none'} (it has ${got.join(' ') || 'none'})`,
        ),
      );
    }
    const wantTags = tagsOf(wanted.vi);
    const gotTags = tagsOf(text);
    if (!sameList(wantTags, gotTags)) {
      errors.push(
        problem(
          'markup',
          `The translation must have the same markup as the Vietnamese: ${wantTags.join(' ') || 'none'} (it has ${gotTags.join(' ') || 'none'})`,
        ),
      );
    }
    if (text.length > maxLength) {
      errors.push(problem('too_long', `At most ${maxLength} characters (it has ${text.length})`));
    } else if (
      isButton(splitKitKey(wanted.key).key) &&
      text.length > wanted.vi.length * 1.5 &&
      text.length > wanted.vi.length + 4
    ) {
      warnings.push(
        problem(
          'too_long',
          `A button's label: ${text.length} characters against ${wanted.vi.length} in Vietnamese; it may not fit`,
        ),
      );
    }
    rows.push({ ...splitKitKey(wanted.key), text });
  });
  for (const wanted of expected) {
    if (!seen.has(wanted.key)) {
      errors.push({
        row: null,
        key: wanted.key,
        code: 'missing_key',
        message: `"${wanted.key}" is missing: keep every row of the kit, even one left empty`,
      });
    }
  }
  return { language, errors, warnings, rows };
}
