import { describe, expect, it } from 'vitest';
import { readCsvRecords } from '../../server/csv-records.ts';
import { cellAnswer } from '../../server/imports/cell-answer.ts';
import { decodeCsvBody } from '../../server/imports/decode-csv-body.ts';
import { readImportRows, unknownColumnProblems } from '../../server/imports/read-import-rows.ts';
import type { FormQuestion } from '../../server/questionnaires/form-questions.ts';

const question = (overrides: Partial<FormQuestion>): FormQuestion => ({
  name: 'q',
  type: 'radiogroup',
  choices: null,
  multiple: false,
  maxLength: null,
  ...overrides,
});
const rating = question({ type: 'rating', choices: [0, 1, 2, 98, 99] });
const sex = question({ choices: ['female', 'male'] });
const numbered = question({ choices: [1, 2, 3] });
const mixed = question({ type: 'checkbox', multiple: true, choices: ['a', 'b', 3] });
const yesNo = question({ type: 'boolean' });
const comment = question({ type: 'comment', maxLength: 2000 });

describe('cellAnswer', () => {
  it.each([
    [rating, '', undefined],
    [rating, '  ', undefined],
    [rating, ' 2 ', 2],
    [rating, '98', 98],
    [rating, '2.5', 2.5],
    [rating, 'two', 'two'],
    [sex, 'female', 'female'],
    [sex, 'Female', 'Female'],
    [numbered, '2', 2],
    [numbered, '7', '7'],
    [mixed, 'a 3;b', ['a', 3, 'b']],
    [yesNo, 'Yes', true],
    [yesNo, '0', false],
    [yesNo, 'maybe', 'maybe'],
    [comment, ' Tốt, rất tốt ', ' Tốt, rất tốt '],
    [undefined, 'x', 'x'],
  ])('%o reads %j as %j', (q, cell, expected) => {
    expect(cellAnswer(q, cell)).toEqual(expected);
  });
});

describe('decodeCsvBody', () => {
  it('decodes UTF-8, byte-order mark dropped', () => {
    expect(decodeCsvBody(Buffer.from('\ufeffa,ồ\n'))).toEqual({ text: 'a,ồ\n' });
  });
  it.each([
    [Buffer.from([0x61, 0x0a, 0x62, 0x0a, 0xc3, 0x28]), 3, /not UTF-8/],
    [Buffer.from([0xff, 0xfe, 0x61, 0x00]), 1, /not UTF-8/],
    // A surrogate written as UTF-8 bytes (CESU-8) is not UTF-8.
    [Buffer.from([0x61, 0x0a, 0xed, 0xa0, 0x80]), 2, /not UTF-8/],
    [Buffer.from('a\nb\nc\u0000'), 3, /NUL/],
  ])('refuses %o at line %i', (bytes, line, message) => {
    const decoded = decodeCsvBody(bytes);
    expect(decoded).toMatchObject({ line });
    expect('problem' in decoded && decoded.problem).toMatch(message);
  });
});

const communeCodes = new Set(['01273', '01279']);
const receivedAt = new Date('2026-06-01T00:00:00Z');
const read = (text: string) => readImportRows(readCsvRecords(text), { communeCodes, receivedAt });

describe('readImportRows', () => {
  it('reads rows with their lines, ids, communes and completion instants', () => {
    const result = read(
      'row_id,commune_code,completed_at,sec_income\n\n' +
        'a,01273,2026-03-14,5\n' +
        ' b ,01279,2026-03-14T09:30:00+07:00,\n',
    );
    expect(result).toEqual({
      headerLine: 1,
      questionColumns: ['sec_income'],
      rows: [
        {
          line: 3,
          rowId: 'a',
          communeCode: '01273',
          completedAt: '2026-03-14T05:00:00.000Z',
          cells: [['sec_income', '5']],
          problems: [],
        },
        {
          line: 4,
          rowId: 'b',
          communeCode: '01279',
          completedAt: '2026-03-14T02:30:00.000Z',
          cells: [['sec_income', '']],
          problems: [],
        },
      ],
    });
  });

  it.each([
    ['', /empty/],
    ['\n\n', /empty/],
    ['sec_income\n5', /row_id, commune_code/],
    ['row_id,commune_code,,x\n', /no name/],
    ['row_id,commune_code,row_id\n', /named twice/],
    ['row_id,"commune_code\n', /never closed/],
  ])('refuses the file %j', (text, message) => {
    const result = read(text);
    expect('fileProblem' in result && result.fileProblem.message).toMatch(message);
  });

  it('names each row problem by line and column', () => {
    const result = read(
      'row_id,commune_code,completed_at\n' +
        ',01273,\n' +
        `${'x'.repeat(101)},01273,\n` +
        'c,99999,2019-12-31\n' +
        'd,01273,2026-03-14T09:30:00\n' +
        'e,01273,2026-06-03\n' +
        'f,01273\n' +
        'g,"0127"3",\n',
    );
    if ('fileProblem' in result) throw new Error('refused');
    const problems = result.rows.flatMap((row) => row.problems);
    expect(problems).toEqual([
      { line: 2, column: 'row_id', message: 'the row id is missing' },
      { line: 3, column: 'row_id', message: 'the row id is longer than 100 characters' },
      { line: 4, column: 'commune_code', message: 'unknown commune "99999"' },
      { line: 4, column: 'completed_at', message: expect.stringMatching(/2020-01-01/) },
      { line: 5, column: 'completed_at', message: expect.stringMatching(/with its offset/) },
      { line: 6, column: 'completed_at', message: expect.stringMatching(/one day after now/) },
      { line: 7, column: null, message: 'has 2 fields; the header has 3' },
      { line: 8, column: null, message: expect.stringMatching(/closing quote/) },
      { line: 8, column: 'commune_code', message: 'unknown commune "01273""' },
    ]);
  });

  it('lists the other lines of a repeated row id, at most five', () => {
    const lines = Array.from({ length: 8 }, () => 'same,01273').join('\n');
    const result = read(`row_id,commune_code\n${lines}`);
    if ('fileProblem' in result) throw new Error('refused');
    expect(result.rows[0]?.problems).toEqual([
      {
        line: 2,
        column: 'row_id',
        message: 'the row id "same" is also on line 3, 4, 5, 6, 7 and 2 more',
      },
    ]);
  });

  it('names the header columns no questionnaire asks', () => {
    const questionnaires = [{ questions: new Map([['sec_income', {}]]) }];
    expect(
      unknownColumnProblems(
        { headerLine: 1, questionColumns: ['sec_income', 'x'] },
        questionnaires,
      ),
    ).toEqual([{ line: 1, column: 'x', message: '"x" is not a question of the questionnaire' }]);
  });
});
