import { describe, expect, it } from 'vitest';
import { byteRange } from '../../server/audio/byte-range.ts';

describe('byte ranges of a 1000-byte recording', () => {
  it.each([
    { header: undefined, expected: { kind: 'whole' } },
    { header: 'bytes=0-99', expected: { kind: 'range', first: 0, last: 99 } },
    { header: 'bytes=0-0', expected: { kind: 'range', first: 0, last: 0 } },
    { header: 'bytes=500-', expected: { kind: 'range', first: 500, last: 999 } },
    { header: 'bytes=-100', expected: { kind: 'range', first: 900, last: 999 } },
    { header: 'bytes=-5000', expected: { kind: 'range', first: 0, last: 999 } },
    { header: 'bytes=990-5000', expected: { kind: 'range', first: 990, last: 999 } },
    { header: 'bytes = 10 - 19', expected: { kind: 'range', first: 10, last: 19 } },
    { header: 'BYTES=10-19', expected: { kind: 'range', first: 10, last: 19 } },
    { header: 'bytes=999-', expected: { kind: 'range', first: 999, last: 999 } },
    { header: 'bytes=1000-', expected: { kind: 'unsatisfiable' } },
    { header: 'bytes=1000-1001', expected: { kind: 'unsatisfiable' } },
    { header: 'bytes=-0', expected: { kind: 'unsatisfiable' } },
    // Malformed, another unit or several ranges: the whole body (RFC 9110 allows ignoring).
    { header: 'bytes=20-10', expected: { kind: 'whole' } },
    { header: 'bytes=-', expected: { kind: 'whole' } },
    { header: 'bytes=a-b', expected: { kind: 'whole' } },
    { header: 'items=0-1', expected: { kind: 'whole' } },
    { header: 'bytes=0-1,5-6', expected: { kind: 'whole' } },
    { header: '', expected: { kind: 'whole' } },
  ])('$header', ({ header, expected }) => {
    expect(byteRange(header, 1000)).toEqual(expected);
  });

  it('has nothing to give of an empty body', () => {
    expect(byteRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(byteRange('bytes=-1', 0)).toEqual({ kind: 'unsatisfiable' });
  });
});
