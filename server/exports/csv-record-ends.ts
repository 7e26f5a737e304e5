const quote = 0x22;
const lineFeed = 0x0a;
const carriageReturn = 0x0d;

/**
 * PostgreSQL's `COPY … TO STDOUT (format csv)` ends each record with a bare LF (on every
 * platform); our files, as RFC 4180 and Excel want them, end records with CRLF. This turns the
 * one into the other across any chunking of the bytes. An LF inside a quoted field (a comment
 * on two lines) is data and stays as it is; which LFs are inside quotes follows from counting
 * quotes, since COPY doubles a quote inside a field (`""` leaves and re-enters the field).
 *
 * Returns a function to call on each chunk in order; it keeps the quote state between calls.
 */
export function crlfRecordEnds(): (chunk: Buffer) => Buffer {
  let quoted = false;
  return (chunk) => {
    const ends: number[] = [];
    let nextQuote = chunk.indexOf(quote);
    let nextLineFeed = chunk.indexOf(lineFeed);
    for (;;) {
      if (quoted) {
        if (nextQuote === -1) break;
        quoted = false;
        const after = nextQuote + 1;
        nextQuote = chunk.indexOf(quote, after);
        if (nextLineFeed !== -1 && nextLineFeed < after) {
          nextLineFeed = chunk.indexOf(lineFeed, after);
        }
        continue;
      }
      if (nextQuote !== -1 && (nextLineFeed === -1 || nextQuote < nextLineFeed)) {
        quoted = true;
        nextQuote = chunk.indexOf(quote, nextQuote + 1);
        continue;
      }
      if (nextLineFeed === -1) break;
      ends.push(nextLineFeed);
      nextLineFeed = chunk.indexOf(lineFeed, nextLineFeed + 1);
    }
    if (ends.length === 0) return chunk;
    // One allocation and one copy per record: a chunk holds hundreds of records.
    const out = Buffer.allocUnsafe(chunk.length + ends.length);
    let from = 0;
    let to = 0;
    for (const end of ends) {
      to += chunk.copy(out, to, from, end);
      out[to++] = carriageReturn;
      out[to++] = lineFeed;
      from = end + 1;
    }
    chunk.copy(out, to, from);
    return out;
  };
}
