import { describe, expect, it } from 'vitest';
import { readCsvRecords } from '../../server/csv-records.ts';

describe('readCsvRecords', () => {
  it.each([
    [
      'a,b\r\n1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'a,b\n1,2\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'a,b\r1,2\r',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      '\ufeffa,b\n1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    ['"a,b","say ""hi"""', [['a,b', 'say "hi"']]],
    ['"",x,', [['', 'x', '']]],
    ['x,\n', [['x', '']]],
    ['  "q" ,y', [['q', 'y']]],
    ['  p ,y', [['  p ', 'y']]],
    ['Thục Phán,ồ', [['Thục Phán', 'ồ']]],
  ])('reads %j', (text, expected) => {
    const records = readCsvRecords(text);
    expect(records.map((record) => record.fields)).toEqual(expected);
    expect(records.every((record) => record.problem === undefined)).toBe(true);
  });

  it('gives each record the line it starts on, counting line breaks inside quotes', () => {
    const records = readCsvRecords('h1,h2\r\n"two\r\nlines",x\n"three\nmore\rlines",y\r\nlast,z');
    expect(records).toEqual([
      { line: 1, fields: ['h1', 'h2'] },
      { line: 2, fields: ['two\r\nlines', 'x'] },
      { line: 4, fields: ['three\nmore\rlines', 'y'] },
      { line: 7, fields: ['last', 'z'] },
    ]);
  });

  it('keeps blank lines as records of one empty field, on their own line', () => {
    expect(readCsvRecords('a\n\nb')).toEqual([
      { line: 1, fields: ['a'] },
      { line: 2, fields: [''] },
      { line: 3, fields: ['b'] },
    ]);
  });

  it('names what breaks the format on its record and reads on', () => {
    const records = readCsvRecords('a"b,c\n"x"y,z\nok,1\n"never closed,2\n3,4');
    expect(records[0]).toMatchObject({ line: 1, fields: ['a"b', 'c'] });
    expect(records[0]?.problem).toMatch(/quote inside a field/);
    expect(records[1]).toMatchObject({ line: 2, fields: ['xy', 'z'] });
    expect(records[1]?.problem).toMatch(/text after a closing quote/);
    expect(records[2]).toEqual({ line: 3, fields: ['ok', '1'] });
    expect(records[3]?.line).toBe(4);
    expect(records[3]?.problem).toMatch(/never closed/);
    expect(records).toHaveLength(4);
  });

  it('reads a semicolon-separated file when told to', () => {
    expect(readCsvRecords('a;"b;c";d,e\n1;2', ';').map((record) => record.fields)).toEqual([
      ['a', 'b;c', 'd,e'],
      ['1', '2'],
    ]);
  });

  it('reads an empty text as no records', () => {
    expect(readCsvRecords('')).toEqual([]);
    expect(readCsvRecords('\ufeff')).toEqual([]);
  });

  it('never throws on arbitrary text, and every record has at least one field', () => {
    const alphabet = ['a', ',', '"', '\r', '\n', ' ', 'ồ', '\ufeff'];
    let seed = 7;
    for (let round = 0; round < 2000; round += 1) {
      let text = '';
      const length = round % 40;
      for (let i = 0; i < length; i += 1) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        text += alphabet[seed % alphabet.length];
      }
      const records = readCsvRecords(text);
      for (const record of records) {
        expect(record.fields.length).toBeGreaterThan(0);
        expect(record.line).toBeGreaterThan(0);
      }
    }
  });
});
