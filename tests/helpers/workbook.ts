import ExcelJS from 'exceljs';

/**
 * Opens an .xlsx with ExcelJS, a strict reader: its XML parser (saxes) refuses a part that is
 * not well-formed, and it reads cells by type (text, number, date, yes/no) as Excel would.
 */
export async function readWorkbook(file: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(file as unknown as ArrayBuffer);
  return book;
}

export type Worksheet = ExcelJS.Worksheet;
