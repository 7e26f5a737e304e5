import {
  cellStyles,
  contentTypes,
  mainNs,
  type NumberFormat,
  packageRels,
  relNs,
  styles,
  workbook,
  workbookRels,
  xmlDeclaration,
} from './xlsx-parts.ts';
import { type ZipEntry, zipStream } from './zip-stream.ts';

/**
 * One cell: text, a number (a real numeric cell), a number with its own display format, a
 * yes/no, or an empty cell.
 */
export type XlsxValue =
  | string
  | number
  | { number: number | null; format: NumberFormat }
  | boolean
  | null
  | undefined;

export type XlsxSheet = {
  /** At most 31 characters, none of \ / ? * [ ] : (Excel's rules for sheet names). */
  name: string;
  /** Rows in order; read only while the file is written, so they may come from a database. */
  rows: AsyncIterable<readonly XlsxValue[]> | Iterable<readonly XlsxValue[]>;
  /** How many leading rows are headers: shown bold and frozen while scrolling. */
  headerRows?: number;
  /** Column widths in characters, from the first column; the rest keep Excel's default. */
  widths?: readonly number[];
  /**
   * How the numbers of each column (from the first) are shown below the header rows: one
   * decimal, a percentage, a date and time; a column without one shows numbers as they are.
   * Only the display: the value is whatever number the row gives.
   */
  formats?: readonly (NumberFormat | undefined)[];
};

/**
 * An Office Open XML workbook (.xlsx), streamed: the few fixed parts, then each sheet's XML
 * generated row by row into the zip. Text goes in inline strings rather than a shared-strings
 * table, which would have to be complete (and so held in memory) before the sheets. Inline
 * strings are never evaluated, so text cannot become a formula here.
 */
export function xlsxStream(sheets: readonly XlsxSheet[], modified = new Date()) {
  if (sheets.length === 0) throw new Error('xlsx: a workbook needs at least one sheet');
  for (const sheet of sheets) checkSheetName(sheet.name);
  const entries: ZipEntry[] = [
    { name: '[Content_Types].xml', content: [contentTypes(sheets.length)] },
    { name: '_rels/.rels', content: [packageRels] },
    { name: 'xl/workbook.xml', content: [workbook(sheets.map((sheet) => escapeXml(sheet.name)))] },
    { name: 'xl/_rels/workbook.xml.rels', content: [workbookRels(sheets.length)] },
    { name: 'xl/styles.xml', content: [styles] },
    ...sheets.map((sheet, i) => ({
      name: `xl/worksheets/sheet${i + 1}.xml`,
      content: sheetXml(sheet),
    })),
  ];
  return zipStream(entries, modified);
}

/** A sheet's XML in chunks of about 64 KiB, one row at a time. */
async function* sheetXml(sheet: XlsxSheet, chunkChars = 64 * 1024): AsyncGenerator<string> {
  const headerRows = sheet.headerRows ?? 0;
  let chunk = `${xmlDeclaration}<worksheet xmlns="${mainNs}" xmlns:r="${relNs}">`;
  if (headerRows > 0) {
    const topLeft = `A${headerRows + 1}`;
    const pane = `ySplit="${headerRows}" topLeftCell="${topLeft}" activePane="bottomLeft"`;
    chunk += `<sheetViews><sheetView workbookViewId="0"><pane ${pane} state="frozen"/>`;
    chunk += '</sheetView></sheetViews>';
  }
  if (sheet.widths && sheet.widths.length > 0) {
    const cols = sheet.widths.map(
      (width, i) => `<col min="${i + 1}" max="${i + 1}" width="${width}" customWidth="1"/>`,
    );
    chunk += `<cols>${cols.join('')}</cols>`;
  }
  chunk += '<sheetData>';
  const formats = (sheet.formats ?? []).map((format) =>
    format === undefined ? cellStyles.plain : cellStyles[format],
  );
  let rowNumber = 0;
  for await (const row of sheet.rows) {
    rowNumber += 1;
    chunk += rowXml(row, rowNumber, rowNumber <= headerRows ? cellStyles.header : formats);
    if (chunk.length >= chunkChars) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}</sheetData></worksheet>`;
}

/** A row; `style` is one style for every cell (a header) or each column's number style. */
function rowXml(values: readonly XlsxValue[], rowNumber: number, style: number | number[]) {
  let xml = `<row r="${rowNumber}">`;
  values.forEach((value, i) => {
    const ref = `${columnName(i)}${rowNumber}`;
    const formatted = typeof value === 'object' && value !== null;
    const cell = cellXml(formatted ? value.number : value);
    if (cell === null) return;
    const s =
      typeof style === 'number'
        ? style
        : formatted
          ? cellStyles[value.format]
          : typeof value === 'number'
            ? (style[i] ?? 0)
            : 0;
    xml += `<c r="${ref}"${s ? ` s="${s}"` : ''}${cell}</c>`;
  });
  return `${xml}</row>`;
}

/** The attributes' end and content of a cell, or null for an empty one (simply left out). */
function cellXml(value: string | number | boolean | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  // String(n) is the shortest text that reads back as the same double: a valid xsd:double.
  if (typeof value === 'number') return Number.isFinite(value) ? `><v>${value}</v>` : null;
  if (typeof value === 'boolean') return ` t="b"><v>${value ? 1 : 0}</v>`;
  return ` t="inlineStr"><is><t xml:space="preserve">${escapeXml(value)}</t></is>`;
}

/**
 * A moment as Excel's date-time serial number (days since 1899-12-30, the day a fraction) in
 * the province's time zone (UTC+7, no summer time): Excel's dates carry no zone, so a reader
 * sees the clock time the resident saw. Null for no moment.
 */
export function excelDateTime(iso: string | null, offsetHours = 7): number | null {
  if (iso === null) return null;
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return null;
  return (ms + offsetHours * 3_600_000) / 86_400_000 + 25_569;
}

/** A, B, …, Z, AA, AB, … for the 0-based column i. */
export function columnName(i: number): string {
  let name = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  }
  return name;
}

/**
 * Text as XML character data. Control characters XML 1.0 cannot carry at all (a stray one in
 * a comment would make Excel refuse the whole file) are dropped; tab, CR and LF are kept.
 */
export function escapeXml(text: string): string {
  return text.replace(forbiddenInXml, '').replace(/[&<>"]/g, (c) => xmlEntities[c] ?? c);
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: exactly the characters XML 1.0 forbids.
const forbiddenInXml = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const xmlEntities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
};

function checkSheetName(name: string) {
  if (name.length === 0 || name.length > 31 || /[\\/?*[\]:]/.test(name)) {
    throw new Error(`xlsx: "${name}" is not a valid sheet name`);
  }
}
