import { readZip, ZipReadError } from './read-zip.ts';

/** A workbook that cannot be read; the message says why, for the admin who uploaded it. */
export { ZipReadError as XlsxReadError };

/** More than any kit: a bigger part is refused rather than inflated (a "zip bomb"). */
const maxPartBytes = 16 * 1024 * 1024;

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML character data as text: entities, then OOXML's `_x000D_` escapes of control characters. */
function xmlText(raw: string): string {
  return raw
    .replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, name: string) => {
      if (name.startsWith('#x')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
      return entities[name] ?? whole;
    })
    .replace(/_x([0-9a-fA-F]{4})_/g, (_, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    );
}

/** The text of a string item (`<si>` or `<is>`): its `<t>` runs joined, phonetic runs left out. */
function itemText(xml: string): string {
  const withoutPhonetic = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  return [...withoutPhonetic.matchAll(/<t\b[^>]*>([\s\S]*?)<\/t>|<t\b[^>]*\/>/g)]
    .map((m) => xmlText(m[1] ?? ''))
    .join('');
}

/** A, B, …, AA → 0, 1, …, 26. */
function columnIndex(ref: string): number {
  const letters = /^[A-Z]+/.exec(ref)?.[0] ?? '';
  let index = 0;
  for (const letter of letters) index = index * 26 + (letter.charCodeAt(0) - 64);
  return index - 1;
}

/** The first sheet's path, by the workbook's sheet order and its relationships. */
function firstSheetPath(parts: Map<string, () => Buffer>): string {
  const workbook = parts.get('xl/workbook.xml')?.().toString('utf8');
  const rels = parts.get('xl/_rels/workbook.xml.rels')?.().toString('utf8');
  const id = workbook && /<sheet\b[^>]*\br:id="([^"]+)"/.exec(workbook)?.[1];
  const target =
    id && rels
      ? [...rels.matchAll(/<Relationship\b[^>]*>/g)]
          .map((m) => m[0])
          .find((tag) => tag.includes(`Id="${id}"`))
          ?.match(/Target="([^"]+)"/)?.[1]
      : undefined;
  if (!target) return 'xl/worksheets/sheet1.xml';
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

/**
 * The first sheet of an .xlsx workbook as rows of text cells: what the kit writes (inline
 * strings) and what Excel and LibreOffice write when a translator saves it (a shared-strings
 * table, numbers as values). Empty cells between filled ones come back as ''. Formulas are not
 * evaluated: their last result, if saved, is read as text.
 */
export function readXlsx(file: Buffer): string[][] {
  const parts = readZip(file, maxPartBytes);
  const shared = parts.get('xl/sharedStrings.xml');
  const strings = shared
    ? [
        ...shared()
          .toString('utf8')
          .matchAll(/<si\b[^>]*>([\s\S]*?)<\/si>|<si\b[^>]*\/>/g),
      ].map((m) => itemText(m[1] ?? ''))
    : [];
  const sheetPath = firstSheetPath(parts);
  const sheet = parts.get(sheetPath);
  if (!sheet) throw new ZipReadError('the workbook has no sheet');
  const xml = sheet().toString('utf8');
  const rows: string[][] = [];
  for (const rowMatch of xml.matchAll(/<row\b([^>]*)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const rowNumber = Number(/\br="(\d+)"/.exec(rowMatch[1] ?? '')?.[1] ?? rows.length + 1);
    const cells: string[] = [];
    for (const cell of (rowMatch[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attributes = cell[1] ?? '';
      const body = cell[2] ?? '';
      const ref = /\br="([A-Z]+)\d*"/.exec(attributes)?.[1];
      const index = ref ? columnIndex(ref) : cells.length;
      const type = /\bt="(\w+)"/.exec(attributes)?.[1];
      const value = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      const text =
        type === 'inlineStr'
          ? itemText(/<is>([\s\S]*?)<\/is>/.exec(body)?.[1] ?? '')
          : type === 's'
            ? (strings[Number(value)] ?? '')
            : value === undefined
              ? ''
              : xmlText(value);
      while (cells.length < index) cells.push('');
      cells[index] = text;
    }
    while (rows.length < rowNumber - 1) rows.push([]);
    rows[rowNumber - 1] = cells;
  }
  return rows;
}
