import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CopyOutRecords } from '../../server/exports/copy-out-records.ts';

/**
 * CopyOutRecords reads the COPY's protocol messages itself: whatever the socket's chunking,
 * the records come out whole, in order, with CRLF ends, and pg gets back exactly the bytes
 * after CopyDone (or from an ErrorResponse on).
 */

const message = (code: string, content: Buffer) => {
  const header = Buffer.alloc(5);
  header.write(code, 0, 'latin1');
  header.writeUInt32BE(content.length + 4, 1);
  return Buffer.concat([header, content]);
};

// COPY writes LF record ends; an LF or CRLF inside a quoted field is data.
const rows = ['a,1,Tốt\n', '"b","dòng một\ndòng hai",2\n', 'c,"\r\n",3\n', '"\n"\n', ',,\n'];
const copyOutResponse = message('H', Buffer.from([0, 0, 3, 0, 0, 0, 0, 0, 0]));
const after = Buffer.concat([
  message('C', Buffer.from('COPY 5\0')),
  message('Z', Buffer.from('I')),
]);
const wire = Buffer.concat([
  copyOutResponse,
  ...rows.map((row) => message('d', Buffer.from(row))),
  message('N', Buffer.from('a notice\0')),
  message('c', Buffer.alloc(0)),
  after,
]);
const expected = Buffer.from(rows.map((row) => `${row.slice(0, -1)}\r\n`).join(''));

/** A pg connection stand-in: its socket, read by pg's one data listener until the COPY takes it. */
function fakeConnection() {
  const stream = new PassThrough();
  const toPg: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => toPg.push(chunk));
  const sent: string[] = [];
  return { connection: { stream, query: (text: string) => sent.push(text) }, toPg, sent };
}

async function run(bytes: Buffer, cuts: number[]) {
  const { connection, toPg, sent } = fakeConnection();
  const copy = new CopyOutRecords('copy (select 1) to stdout (format csv)');
  copy.submit(connection);
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    connection.stream.write(bytes.subarray(from, cut));
    from = cut;
  }
  const out: Buffer[] = [];
  for await (const chunk of copy) out.push(chunk as Buffer);
  await new Promise((resolve) => setImmediate(resolve));
  return { records: Buffer.concat(out), toPg: Buffer.concat(toPg), sent };
}

describe('CopyOutRecords', () => {
  it('writes each record with CRLF and gives pg the bytes after CopyDone, in one chunk', async () => {
    const { records, toPg, sent } = await run(wire, []);
    expect(sent).toEqual(['copy (select 1) to stdout (format csv)']);
    expect(records.equals(expected)).toBe(true);
    expect(toPg.equals(after)).toBe(true);
  });

  it('gives the same bytes for every cut of the socket into two and into three chunks', async () => {
    for (let cut = 1; cut < wire.length; cut++) {
      const { records, toPg } = await run(wire, [cut]);
      expect(records.toString(), `cut at ${cut}`).toBe(expected.toString());
      expect(toPg.equals(after), `cut at ${cut}`).toBe(true);
    }
    for (let cut = 1; cut + 7 < wire.length; cut += 3) {
      const { records, toPg } = await run(wire, [cut, cut + 7]);
      expect(records.equals(expected), `cuts at ${cut}, ${cut + 7}`).toBe(true);
      expect(toPg.equals(after)).toBe(true);
    }
  });

  it('gives the CRLF file for any records cut into any chunks', async () => {
    /** Records as PostgreSQL's COPY (format csv) writes them, with the given record end. */
    const copyCsv = (records: string[][], end: string) =>
      records.map(
        (record) =>
          record.map((f) => (/[",\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(',') +
          end,
      );
    const field = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', '"', ',', '\n', '\r', 'ằ', ' ') }),
      fc.string({ unit: 'grapheme' }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 20 }),
        fc.array(fc.nat({ max: 600 }), { maxLength: 30 }),
        async (records, cuts) => {
          const bytes = Buffer.concat([
            copyOutResponse,
            ...copyCsv(records, '\n').map((record) => message('d', Buffer.from(record))),
            message('c', Buffer.alloc(0)),
            after,
          ]);
          const at = [...new Set(cuts.filter((cut) => cut > 0 && cut < bytes.length))].sort(
            (a, b) => a - b,
          );
          const result = await run(bytes, at);
          expect(result.records.toString()).toBe(copyCsv(records, '\r\n').join(''));
          expect(result.toPg.equals(after)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('hands an ErrorResponse to pg and fails with the error pg reports', async () => {
    const error = message('E', Buffer.from('SERROR\0C57014\0Mcanceling statement\0\0'));
    const failing = Buffer.concat([
      copyOutResponse,
      message('d', Buffer.from(rows[0] as string)),
      error,
      message('Z', Buffer.from('E')),
    ]);
    const { connection, toPg } = fakeConnection();
    const copy = new CopyOutRecords('copy (select 1) to stdout (format csv)');
    copy.submit(connection);
    const out: Buffer[] = [];
    copy.on('data', (chunk: Buffer) => out.push(chunk));
    const failed = new Promise((resolve) => copy.once('error', resolve));
    connection.stream.write(failing.subarray(0, 20));
    connection.stream.write(failing.subarray(20));
    await new Promise((resolve) => setImmediate(resolve));
    // pg would parse these and call handleError; here the test plays pg.
    expect(Buffer.concat(toPg).equals(failing.subarray(failing.indexOf(error)))).toBe(true);
    copy.handleError(new Error('canceling statement'));
    expect(((await failed) as Error).message).toBe('canceling statement');
    expect(Buffer.concat(out).toString()).toBe('a,1,Tốt\r\n');
  });
});
