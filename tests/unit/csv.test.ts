import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  csvBom,
  csvChunks,
  formatCsvField,
  formatCsvRow,
  neutraliseFormula,
} from '../../server/exports/csv.ts';
import { copyWritesTheSameFile } from '../../server/exports/responses-copy-statement.ts';
import { answerCell } from '../../server/exports/responses-table.ts';
import type { FormQuestion } from '../../server/questionnaires/form-questions.ts';
import { readQuestionnaires } from '../../server/questionnaires/load-questionnaires.ts';
import { parseCsv, parseCsvFile } from '../helpers/csv-parse.ts';

const comment = 'Đường lên bản "Nà Mò", mùa mưa\nbị sạt lở';

async function collect(chunks: AsyncIterable<string>) {
  const parts: string[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return parts;
}

describe('formatCsvField', () => {
  it('leaves plain text, Vietnamese included, as it is', () => {
    expect(formatCsvField('Thục Phán')).toBe('Thục Phán');
    expect(formatCsvField('  spaces kept  ')).toBe('  spaces kept  ');
  });

  it('quotes a field holding a comma, a quote, CR or LF, and doubles its quotes', () => {
    expect(formatCsvField('a,b')).toBe('"a,b"');
    expect(formatCsvField('say "hi"')).toBe('"say ""hi"""');
    expect(formatCsvField('line\rbreak')).toBe('"line\rbreak"');
    expect(formatCsvField('line\nbreak')).toBe('"line\nbreak"');
    expect(formatCsvField(comment)).toBe('"Đường lên bản ""Nà Mò"", mùa mưa\nbị sạt lở"');
  });

  it('writes nothing for null and undefined, and true/false for yes/no', () => {
    expect(formatCsvField(null)).toBe('');
    expect(formatCsvField(undefined)).toBe('');
    expect(formatCsvField(true)).toBe('true');
    expect(formatCsvField(false)).toBe('false');
  });

  it('writes numbers unrounded with a decimal point, and never guards them', () => {
    expect(formatCsvField(0)).toBe('0');
    expect(formatCsvField(83.33333333333333)).toBe('83.33333333333333');
    expect(formatCsvField(-2.5)).toBe('-2.5');
    expect(formatCsvField(1e-7)).toBe('1e-7');
    expect(formatCsvField(Number.NaN)).toBe('');
    expect(formatCsvField(Number.POSITIVE_INFINITY)).toBe('');
  });

  it('numbers read back as the very same double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(Number(formatCsvField(x))).toBe(x === 0 ? 0 : x);
      }),
    );
  });
});

describe('formula injection', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+84 912', "'+84 912"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tindent', "'\tindent"],
    ['\rcarriage', '"\'\rcarriage"'],
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
  ])('guards %j as %j', (text, expected) => {
    expect(formatCsvField(text)).toBe(expected);
  });

  it.each([
    [' =1+1', "' =1+1"],
    ['   -5', "'   -5"],
    ['\t@SUM(A1)', "'\t@SUM(A1)"],
    [' \t+84 912', "' \t+84 912"],
    ['\n=HYPERLINK("http://x")', '"\'\n=HYPERLINK(""http://x"")"'],
    [' \r\n-2+3', '"\' \r\n-2+3"'],
    ['\n \n@x', '"\'\n \n@x"'],
  ])('guards %j, a trigger after leading spaces, tabs, CR or LF, as %j', (text, expected) => {
    expect(formatCsvField(text)).toBe(expected);
  });

  it.each([
    ['＝1+1', "'＝1+1"],
    ['＋84 912', "'＋84 912"],
    ['－5', "'－5"],
    ['＠SUM(A1)', "'＠SUM(A1)"],
    ['  ＝HYPERLINK("http://x")', '"\'  ＝HYPERLINK(""http://x"")"'],
    ['\n＋1', '"\'\n＋1"'],
  ])('guards the full-width %j as %j', (text, expected) => {
    expect(formatCsvField(text)).toBe(expected);
  });

  it('leaves text that only contains those characters later alone', () => {
    expect(neutraliseFormula('a=b')).toBe('a=b');
    expect(neutraliseFormula('18-29')).toBe('18-29');
    expect(neutraliseFormula(' a=1')).toBe(' a=1');
    expect(neutraliseFormula('\nhello -1')).toBe('\nhello -1');
    expect(neutraliseFormula('   ')).toBe('   ');
    expect(neutraliseFormula('Ｅ＝mc²')).toBe('Ｅ＝mc²');
    expect(neutraliseFormula('\u3000=1')).toBe('\u3000=1');
  });

  it('writes a number as a number, never guarded: only text is input', () => {
    expect(formatCsvRow([-1, '-1', -0.5, ' -0.5'])).toBe("-1,'-1,-0.5,' -0.5\r\n");
    expect(formatCsvRow([answerCell(-1), answerCell('-1')])).toBe("-1,'-1\r\n");
  });
});

describe('formatCsvRow', () => {
  it('joins fields with commas and ends with CRLF', () => {
    expect(formatCsvRow(['a', 1, null, true, 'b,c'])).toBe('a,1,,true,"b,c"\r\n');
    expect(formatCsvRow([])).toBe('\r\n');
  });

  it('reads back through a strict RFC 4180 parser as the same text', () => {
    const text = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.constantFrom(comment, '""', ',', '\r\n', '\n\n', 'Nà Mò', ''),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(text, { minLength: 1, maxLength: 6 }), { minLength: 1 }),
        (rows) => {
          const parsed = parseCsv(rows.map(formatCsvRow).join(''));
          expect(parsed).toEqual(rows.map((row) => row.map(neutraliseFormula)));
        },
      ),
    );
  });
});

describe('csvChunks', () => {
  it('starts with the BOM and the header, then the rows, whatever the chunking', async () => {
    const rows = Array.from({ length: 500 }, (_, i) => [i, `row ${i}`, i % 3 ? comment : null]);
    const whole = (await collect(csvChunks(['n', 'text', 'comment'], rows))).join('');
    const small = await collect(csvChunks(['n', 'text', 'comment'], rows, 100));
    expect(small.length).toBeGreaterThan(10);
    expect(small.join('')).toBe(whole);
    expect(whole.startsWith(`${csvBom}n,text,comment\r\n0,row 0,\r\n`)).toBe(true);
    const { header, rows: parsed } = parseCsvFile(Buffer.from(whole, 'utf8'));
    expect(header).toEqual(['n', 'text', 'comment']);
    expect(parsed).toHaveLength(500);
    expect(parsed[1]).toEqual(['1', 'row 1', comment]);
  });

  it('takes rows from an async source', async () => {
    async function* rows() {
      yield ['x'];
      yield ['y'];
    }
    expect((await collect(csvChunks(['h'], rows()))).join('')).toBe(`${csvBom}h\r\nx\r\ny\r\n`);
  });
});

describe('copyWritesTheSameFile', () => {
  const current = readQuestionnaires(new URL('../../surveys', import.meta.url).pathname).current;
  const withQuestion = (question: FormQuestion) => ({
    ...current,
    questions: new Map([...current.questions, [question.name, question]]),
  });
  const base = { name: 'extra', multiple: false, maxLength: null };

  it('holds for our forms: ratings, choices, text, yes/no', () => {
    expect(copyWritesTheSameFile([current])).toBe(true);
    expect(copyWritesTheSameFile([withQuestion({ ...base, type: 'boolean', choices: null })])).toBe(
      true,
    );
  });

  it('does not hold for answers jsonb writes otherwise: objects, exponent numbers', () => {
    expect(copyWritesTheSameFile([withQuestion({ ...base, type: 'matrix', choices: null })])).toBe(
      false,
    );
    const tiny = withQuestion({ ...base, type: 'radiogroup', choices: ['a', 1e-7] });
    expect(copyWritesTheSameFile([current, tiny])).toBe(false);
  });
});

describe('answerCell', () => {
  it('keeps numbers, text and yes/no, joins a multiple choice with ";", empties a skip', () => {
    expect(answerCell(98)).toBe(98);
    expect(answerCell('tay')).toBe('tay');
    expect(answerCell(true)).toBe(true);
    expect(answerCell(['tay', 'nung', 3])).toBe('tay;nung;3');
    expect(answerCell([])).toBe('');
    expect(answerCell(null)).toBeNull();
    expect(answerCell(undefined)).toBeNull();
    expect(answerCell({ row1: 'a' })).toBe('{"row1":"a"}');
  });
});

describe('the test parser itself', () => {
  it.each([
    ['a\nb', /unexpected/],
    ['a\rb', /unexpected/],
    ['a"b', /quote inside/],
    ['"a"b', /unexpected/],
    ['"abc', /unterminated/],
  ])('refuses %j', (text, error) => {
    expect(() => parseCsv(text)).toThrow(error);
  });

  it('reads empty fields and a last record without CRLF', () => {
    expect(parseCsv(',\r\n"",x')).toEqual([
      ['', ''],
      ['', 'x'],
    ]);
  });
});
