import { csvChunks } from '../exports/csv.ts';
import { xlsxStream } from '../exports/xlsx.ts';
import { type KitRow, kitColumns } from './kit-rows.ts';

const cells = (row: KitRow) => [row.key, row.where, row.vi, row.en, row.target] as const;

/**
 * The kit as a workbook: one sheet, the header frozen, the texts' columns wide enough to read.
 * The repository's own writer: inline strings, so no cell is ever evaluated as a formula.
 */
export function kitXlsx(code: string, rows: readonly KitRow[], modified?: Date) {
  return xlsxStream(
    [
      {
        name: `strings-${code}`,
        headerRows: 1,
        widths: [34, 30, 60, 60, 60],
        rows: [kitColumns(code), ...rows.map(cells)],
      },
    ],
    modified,
  );
}

/** The kit as CSV (BOM first, so Excel reads it as UTF-8). */
export function kitCsv(code: string, rows: readonly KitRow[]) {
  return csvChunks(kitColumns(code), rows.map(cells));
}

/** Every chunk of a stream, joined: a kit is a few hundred rows. */
export async function collect(chunks: AsyncIterable<string | Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}
