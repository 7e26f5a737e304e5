import { readCsvRecords } from '../csv-records.ts';

/**
 * The records of a CSV text (server/csv-records.ts), fields only. A semicolon-separated file
 * (Excel's save in some locales) is read too, when its first line has semicolons and no
 * commas.
 */
export function readCsv(text: string): string[][] {
  const source = text.startsWith('\ufeff') ? text.slice(1) : text;
  const firstLine = source.slice(0, source.search(/\r|\n|$/));
  const separator = firstLine.includes(',') || !firstLine.includes(';') ? ',' : ';';
  return readCsvRecords(source, separator).map((record) => record.fields);
}
