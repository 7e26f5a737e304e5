/**
 * A strict RFC 4180 reader for the tests: records end with CRLF (the last one may end the
 * file instead), a quoted field may hold commas, CR, LF and doubled quotes, and anything
 * else (a bare CR or LF, a quote inside an unquoted field, text after a closing quote) is an
 * error, so a writer that is merely "close" fails.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`CSV: ${why} at character ${i} (record ${records.length + 1})`);
  };
  if (text === '') return records;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        if (i >= text.length) fail('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        field += text[i];
        i += 1;
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') fail('quote inside an unquoted field');
        field += text[i];
        i += 1;
      }
    }
    record.push(field);
    if (i >= text.length) {
      records.push(record);
      return records;
    }
    if (text[i] === ',') {
      i += 1;
      continue;
    }
    if (text[i] === '\r' && text[i + 1] === '\n') {
      i += 2;
      records.push(record);
      record = [];
      if (i >= text.length) return records;
      continue;
    }
    fail(`unexpected ${JSON.stringify(text[i])}`);
  }
}

/** Reads a CSV file as the exports write it: checks the UTF-8 BOM, then parses the rest. */
export function parseCsvFile(body: Buffer): { header: string[]; rows: string[][] } {
  if (!body.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))) {
    throw new Error('CSV: no UTF-8 byte order mark');
  }
  const [header, ...rows] = parseCsv(body.subarray(3).toString('utf8'));
  if (!header) throw new Error('CSV: no header');
  for (const [n, row] of rows.entries()) {
    if (row.length !== header.length) {
      throw new Error(`CSV: record ${n + 2} has ${row.length} fields, the header ${header.length}`);
    }
  }
  return { header, rows };
}
