import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/database.ts';
import type { ExportedResponse } from '../../server/exports/responses-query.ts';
import { responsesXlsx } from '../../server/exports/responses-xlsx.ts';
import { columnName, escapeXml, excelDateTime, xlsxStream } from '../../server/exports/xlsx.ts';
import { zipStream } from '../../server/exports/zip-stream.ts';
import { bestAnswers } from '../helpers/submissions.ts';
import { questionnaire } from '../helpers/test-app.ts';
import { unzip } from '../helpers/unzip.ts';
import { readWorkbook } from '../helpers/workbook.ts';

async function bytes(chunks: AsyncIterable<Buffer>) {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
}

/** `unzip -t` as a second, independent reader, where the machine has it. */
function unzipTool(archive: Buffer): string | null {
  try {
    execFileSync('unzip', ['-v'], { stdio: 'ignore' });
  } catch {
    return null;
  }
  const dir = mkdtempSync(join(tmpdir(), 'cbhpi-zip-'));
  try {
    const file = join(dir, 'test.zip');
    writeFileSync(file, archive);
    return execFileSync('unzip', ['-t', file]).toString();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('zipStream', () => {
  it('writes entries that read back byte for byte, from text and bytes', async () => {
    const random = randomBytes(300_000);
    async function* pieces() {
      for (let i = 0; i < random.length; i += 7_000) yield random.subarray(i, i + 7_000);
    }
    const text = 'Cao Bằng, Nà Mò '.repeat(20_000);
    const archive = await bytes(
      zipStream([
        { name: 'a.txt', content: [text] },
        { name: 'dir/random.bin', content: pieces() },
        { name: 'empty', content: [] },
        { name: 'tên.txt', content: ['Việt'] },
      ]),
    );
    expect(archive.subarray(0, 2).toString()).toBe('PK');
    const files = unzip(archive);
    expect([...files.keys()]).toEqual(['a.txt', 'dir/random.bin', 'empty', 'tên.txt']);
    expect(files.get('a.txt')?.toString('utf8')).toBe(text);
    expect(files.get('dir/random.bin')?.equals(random)).toBe(true);
    expect(files.get('empty')?.length).toBe(0);
    expect(files.get('tên.txt')?.toString('utf8')).toBe('Việt');
    // Repetitive text is really compressed.
    expect(archive.length).toBeLessThan(random.length + Buffer.byteLength(text) / 10);
    const tested = unzipTool(archive);
    if (tested !== null) expect(tested).toMatch(/No errors detected/);
  });

  it("fails when an entry's content fails, instead of writing a short file", async () => {
    async function* broken() {
      yield 'some text';
      throw new Error('database went away');
    }
    await expect(bytes(zipStream([{ name: 'x', content: broken() }]))).rejects.toThrow(
      'database went away',
    );
  });
});

describe('xlsx', () => {
  it('names columns A..Z, AA.., as Excel does', () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnName)).toEqual([
      'A',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
    ]);
  });

  it('escapes XML and drops the control characters XML cannot carry', () => {
    expect(escapeXml('a & <b> "c"')).toBe('a &amp; &lt;b&gt; &quot;c&quot;');
    expect(escapeXml('tab\tnew\nline\r\u0000\u0007\u001f')).toBe('tab\tnew\nline\r');
  });

  it('writes a workbook with numeric, boolean, inline-string and empty cells', async () => {
    const archive = await bytes(
      xlsxStream([
        {
          name: 'Kết quả (results)',
          rows: [
            ['Tên (name)', 'Điểm'],
            ['Nà Mò <&>', 83.5],
            ['x', null, true, '=1+1'],
          ],
          headerRows: 1,
          widths: [20],
        },
        { name: 'Phương pháp', rows: [] },
      ]),
    );
    const files = unzip(archive);
    expect([...files.keys()].sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
    ]);
    const sheet = files.get('xl/worksheets/sheet1.xml')?.toString('utf8') ?? '';
    expect(sheet).toContain('<pane ySplit="1" topLeftCell="A2"');
    expect(sheet).toContain(
      '<c r="A1" s="1" t="inlineStr"><is><t xml:space="preserve">Tên (name)</t></is></c>',
    );
    expect(sheet).toContain(
      '<c r="A2" t="inlineStr"><is><t xml:space="preserve">Nà Mò &lt;&amp;&gt;</t>',
    );
    expect(sheet).toContain('<c r="B2"><v>83.5</v></c>');
    // The empty B3 is left out; the text stays text, never a formula.
    expect(sheet).toContain('</c><c r="C3" t="b"><v>1</v></c><c r="D3" t="inlineStr">');
    expect(sheet).not.toContain('<f>');
    expect(files.get('xl/workbook.xml')?.toString('utf8')).toContain(
      '<sheet name="Kết quả (results)" sheetId="1" r:id="rId1"/>',
    );
    const tested = unzipTool(archive);
    if (tested !== null) expect(tested).toMatch(/No errors detected/);
  });

  it('refuses a sheet name Excel would refuse', () => {
    expect(() => xlsxStream([{ name: 'a/b', rows: [] }])).toThrow(/sheet name/);
    expect(() => xlsxStream([{ name: 'x'.repeat(32), rows: [] }])).toThrow(/sheet name/);
  });
});

describe('xlsx for people', () => {
  it('shows numbers by their column format or their own, and a strict reader agrees', async () => {
    const archive = await bytes(
      xlsxStream([
        {
          name: 'Số liệu',
          rows: [
            ['Mã', 'Điểm', 'Lúc'],
            [
              '01318',
              93.7,
              excelDateTime('2026-03-01T01:09:30.000Z'),
              { number: 0.953, format: 'percent' },
            ],
          ],
          headerRows: 1,
          formats: [undefined, 'decimal', 'dateTime'],
        },
      ]),
    );
    const sheet = (await readWorkbook(archive)).worksheets[0];
    const cell = (ref: string) => sheet?.getCell(ref);
    expect(cell('A2')?.value).toBe('01318');
    expect(cell('B2')?.value).toBe(93.7);
    expect(cell('B2')?.numFmt).toBe('0.0');
    // 01:09:30 UTC is 08:09:30 in Cao Bằng; Excel dates carry no zone.
    expect((cell('C2')?.value as Date | undefined)?.toISOString()).toBe('2026-03-01T08:09:30.000Z');
    expect(cell('C2')?.numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(cell('D2')?.value).toBe(0.953);
    expect(cell('D2')?.numFmt).toBe('0.0%');
    // The header is bold and not number-formatted.
    expect(cell('B1')?.font?.bold).toBe(true);
  });

  it('streams the responses workbook: rows are read only as the file is written', async () => {
    const pageSize = 500;
    const pageCount = 80;
    let pagesRead = 0;
    const answers = { ...bestAnswers(), sex: 'female', ethnicity: 'lo_lo', comment: 'Nà Mò' };
    async function* pages(): AsyncGenerator<ExportedResponse[]> {
      for (let p = 0; p < pageCount; p += 1) {
        pagesRead += 1;
        yield Array.from({ length: pageSize }, (_, i) => ({
          id: `00000000-0000-4000-8000-${String(p * pageSize + i).padStart(12, '0')}`,
          questionnaire_id: questionnaire.id,
          commune_code: '01273',
          wave: '2026',
          channel: 'web',
          is_demo: false,
          flags: [],
          review_state: 'unreviewed',
          answers,
          score_overall: 100,
          score_security: 100,
          score_opportunity: 100,
          score_culture: 100,
          score_trust: 100,
          started_at: null,
          completed_at: null,
          received_at: '2026-03-01T01:00:00.000Z',
        })) as unknown as ExportedResponse[];
      }
    }
    const scope = {
      wave: '2026',
      communeCode: '01273',
      allCommuneCodes: ['01273'],
      communeNames: new Map([['01273', 'Nà Mò']]),
    };
    const file = responsesXlsx({} as Db, scope, [questionnaire], pages());
    let chunks = 0;
    let size = 0;
    let readWhenFirstOut = -1;
    const heapAtStart = process.memoryUsage().heapUsed;
    let heapPeak = heapAtStart;
    for await (const chunk of file) {
      if (chunks === 0) readWhenFirstOut = pagesRead;
      chunks += 1;
      size += chunk.length;
      if (chunks % 50 === 0) heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    }
    // The first bytes left before the first page was even asked for: nothing is gathered first.
    expect(readWhenFirstOut).toBe(0);
    expect(pagesRead).toBe(pageCount);
    expect(chunks).toBeGreaterThan(pageCount);
    // 40,000 rows of about 2 kB of XML each pass through; memory holds a page, not the file.
    expect(heapPeak - heapAtStart).toBeLessThan(48 * 1024 * 1024);
    expect(size).toBeGreaterThan(100_000);
  });
});
