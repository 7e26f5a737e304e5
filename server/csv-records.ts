/** One record of a CSV text: the line it starts on (from 1) and its fields. */
export type CsvRecord = {
  line: number;
  fields: string[];
  /** What breaks RFC 4180 in this record; its fields are then read as best they can be. */
  problem?: string;
};

const quote = 34;
const cr = 13;
const lf = 10;
const space = 32;
const tab = 9;

/**
 * The records of a CSV text (RFC 4180): comma separated (or `separator`: Excel saves with
 * semicolons in some locales); a field in double quotes may hold commas, line breaks and
 * doubled quotes. A byte-order mark is dropped; lines may end in
 * CRLF, LF or a lone CR (old Excel for Mac), all counted as one line. Spaces before an
 * opening quote are dropped (hand-edited files have them).
 *
 * Never throws: what breaks the format (a quote inside an unquoted field, text after a
 * closing quote, a quote never closed) is named on its record, so a caller can report the
 * line and go on with the others. A blank line is a record of one empty field.
 *
 * @example readCsvRecords('a,"b, ""c"""\r\n1,2') // [{ line: 1, fields: ['a', 'b, "c"'] }, { line: 2, fields: ['1', '2'] }]
 */
export function readCsvRecords(text: string, separator: ',' | ';' = ','): CsvRecord[] {
  const separatorCode = separator.charCodeAt(0);
  const isFieldEnd = (code: number) => code === separatorCode || code === lf || code === cr;
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const end = source.length;
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  /** Moves past one line break at `i` (CRLF, LF or CR), if there is one. */
  const skipLineBreak = () => {
    const code = source.charCodeAt(i);
    if (code === cr) i += source.charCodeAt(i + 1) === lf ? 2 : 1;
    else if (code === lf) i += 1;
    else return false;
    line += 1;
    return true;
  };
  while (i < end) {
    const record: CsvRecord = { line, fields: [] };
    records.push(record);
    const fail = (why: string) => {
      record.problem ??= why;
    };
    for (;;) {
      const fieldStart = i;
      let start = i;
      while (source.charCodeAt(start) === space || source.charCodeAt(start) === tab) start += 1;
      if (source.charCodeAt(start) === quote) {
        i = start + 1;
        let field = '';
        let closed = false;
        while (i < end) {
          const next = source.indexOf('"', i);
          const stop = next === -1 ? end : next;
          for (let at = i; at < stop; at += 1) {
            const code = source.charCodeAt(at);
            if (code === lf || (code === cr && source.charCodeAt(at + 1) !== lf)) line += 1;
          }
          field += source.slice(i, stop);
          i = stop + 1;
          if (next === -1) break;
          if (source.charCodeAt(i) === quote) {
            field += '"';
            i += 1;
          } else {
            closed = true;
            break;
          }
        }
        if (!closed) {
          fail(`a quoted field opened on line ${record.line} or later is never closed`);
          i = end;
        }
        const after = i;
        while (i < end && !isFieldEnd(source.charCodeAt(i))) i += 1;
        if (source.slice(after, i).trim() !== '') {
          fail('text after a closing quote: quote the whole field');
          field += source.slice(after, i);
        }
        record.fields.push(field);
      } else {
        i = start;
        while (i < end && !isFieldEnd(source.charCodeAt(i))) {
          if (source.charCodeAt(i) === quote) {
            fail('a quote inside a field that does not start with one: quote the whole field');
          }
          i += 1;
        }
        // Spaces skipped above belong to an unquoted field: keep them.
        record.fields.push(source.slice(fieldStart, i));
      }
      if (i >= end) break;
      if (source.charCodeAt(i) === separatorCode) {
        i += 1;
        continue;
      }
      skipLineBreak();
      break;
    }
  }
  return records;
}
