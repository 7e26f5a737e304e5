import { isUtf8 } from 'node:buffer';

export type DecodedCsv = { text: string } | { line: number; problem: string };

const newline = 0x0a;

/** The line (from 1) that byte `offset` is on, counting LF bytes before it. */
function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (
    let at = bytes.indexOf(newline);
    at !== -1 && at < offset;
    at = bytes.indexOf(newline, at + 1)
  ) {
    line += 1;
  }
  return line;
}

/**
 * A CSV body as text, or why it is not UTF-8 text the database could store: bytes that are
 * not UTF-8 (a file saved as Windows-1258 or UTF-16, or not text at all) or a NUL character
 * (no text column can hold it), with the line where the first one is. UTF-8 cannot encode a
 * lone surrogate (the strict check refuses one written as bytes), so none reaches the text.
 */
export function decodeCsvBody(bytes: Uint8Array): DecodedCsv {
  const nul = bytes.indexOf(0);
  if (!isUtf8(bytes)) {
    // An LF byte never occurs inside a UTF-8 sequence, so each line can be checked alone.
    let start = 0;
    for (let line = 1; ; line += 1) {
      const end = bytes.indexOf(newline, start);
      const slice = bytes.subarray(start, end === -1 ? bytes.length : end);
      if (!isUtf8(slice)) {
        return {
          line,
          problem:
            'the file is not UTF-8 text: save it as "CSV UTF-8" (in Excel: Save As, CSV UTF-8)',
        };
      }
      if (end === -1) break;
      start = end + 1;
    }
  }
  if (nul !== -1) {
    return { line: lineOf(bytes, nul), problem: 'the file holds a NUL character: it is not text' };
  }
  return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
}
