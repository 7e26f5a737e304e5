/**
 * The records of a CSV text (RFC 4180: comma separated, fields in double quotes may hold
 * commas, line breaks and doubled quotes). A byte-order mark is dropped; lines may end in
 * CRLF, LF or CR. A semicolon-separated file (Excel's save in some locales) is read too, when
 * its first line has semicolons and no commas.
 */
export function readCsv(text: string): string[][] {
  const source = text.startsWith('\ufeff') ? text.slice(1) : text;
  const firstLine = source.slice(0, source.search(/\r|\n|$/));
  const separator = firstLine.includes(',') || !firstLine.includes(';') ? ',' : ';';
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  const endRecord = () => {
    fields.push(field);
    records.push(fields);
    fields = [];
    field = '';
  };
  for (let i = 0; i < source.length; i += 1) {
    const char = source[i] ?? '';
    if (quoted) {
      if (char === '"' && source[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field === '') quoted = true;
    else if (char === separator) {
      fields.push(field);
      field = '';
    } else if (char === '\r' || char === '\n') {
      if (char === '\r' && source[i + 1] === '\n') i += 1;
      endRecord();
    } else field += char;
  }
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}
