/**
 * The fixed parts of an .xlsx package (ECMA-376): content types, relationships, the workbook
 * with its sheet list, and the least stylesheet Excel accepts. Only the sheets are data.
 */

export const mainNs = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const relNs = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const xmlDeclaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const packageRelNs = 'http://schemas.openxmlformats.org/package/2006/relationships';
const typesNs = 'http://schemas.openxmlformats.org/package/2006/content-types';
const officeType = 'application/vnd.openxmlformats-officedocument';
const types = {
  rels: 'application/vnd.openxmlformats-package.relationships+xml',
  workbook: `${officeType}.spreadsheetml.sheet.main+xml`,
  styles: `${officeType}.spreadsheetml.styles+xml`,
  sheet: `${officeType}.spreadsheetml.worksheet+xml`,
};

const sheetNumbers = (count: number) => Array.from({ length: count }, (_, i) => i + 1);

export function contentTypes(sheetCount: number) {
  const sheets = sheetNumbers(sheetCount).map(
    (n) => `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="${types.sheet}"/>`,
  );
  return (
    `${xmlDeclaration}<Types xmlns="${typesNs}">` +
    `<Default Extension="rels" ContentType="${types.rels}"/>` +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/xl/workbook.xml" ContentType="${types.workbook}"/>` +
    `<Override PartName="/xl/styles.xml" ContentType="${types.styles}"/>` +
    `${sheets.join('')}</Types>`
  );
}

export const packageRels =
  `${xmlDeclaration}<Relationships xmlns="${packageRelNs}">` +
  `<Relationship Id="rId1" Type="${relNs}/officeDocument" Target="xl/workbook.xml"/>` +
  '</Relationships>';

/** The workbook: its sheets in order, by their (already XML-escaped) names. */
export function workbook(escapedNames: readonly string[]) {
  const sheets = escapedNames.map(
    (name, i) => `<sheet name="${name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`,
  );
  return (
    `${xmlDeclaration}<workbook xmlns="${mainNs}" xmlns:r="${relNs}">` +
    `<sheets>${sheets.join('')}</sheets></workbook>`
  );
}

/** Sheet n is relationship rIdn; the stylesheet comes after the sheets. */
export function workbookRels(sheetCount: number) {
  const sheets = sheetNumbers(sheetCount).map(
    (n) =>
      `<Relationship Id="rId${n}" Type="${relNs}/worksheet" Target="worksheets/sheet${n}.xml"/>`,
  );
  const stylesId = `rId${sheetCount + 1}`;
  return (
    `${xmlDeclaration}<Relationships xmlns="${packageRelNs}">${sheets.join('')}` +
    `<Relationship Id="${stylesId}" Type="${relNs}/styles" Target="styles.xml"/></Relationships>`
  );
}

/**
 * The cell styles, by their index in `cellXfs`: 0 plain, 1 a header (bold, wrapped, top), then
 * the number formats a reader of the people's files needs: one decimal, a percentage with one
 * decimal, a date and time. Custom number formats take ids from 164 (ECMA-376 18.8.30: the
 * ids below are built in).
 */
export const cellStyles = { plain: 0, header: 1, decimal: 2, percent: 3, dateTime: 4 } as const;
export type NumberFormat = 'decimal' | 'percent' | 'dateTime';

export const styles =
  `${xmlDeclaration}<styleSheet xmlns="${mainNs}">` +
  '<numFmts count="3"><numFmt numFmtId="164" formatCode="0.0"/>' +
  '<numFmt numFmtId="165" formatCode="0.0%"/>' +
  '<numFmt numFmtId="166" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts>' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>' +
  '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill>' +
  '<fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">' +
  '<alignment vertical="top" wrapText="1"/></xf>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '</cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';
