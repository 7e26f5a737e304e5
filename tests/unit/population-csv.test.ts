import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkMargins } from '../../server/population/validate-margins.ts';
import { csvRecords, parseMarginsCsv } from '../../web/src/staff/population-csv.ts';

const template = readFileSync(
  new URL('../../server/population/population-template.csv', import.meta.url),
  'utf8',
);

describe('parseMarginsCsv', () => {
  it('reads the shipped template, and its rows pass the margin rules', () => {
    const parsed = parseMarginsCsv(template);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.rows[0]).toEqual({
      communeCode: '01273',
      variable: 'sex',
      category: 'female',
      population: 5120,
    });
    expect(parsed.lines.slice(0, 3)).toEqual([2, 3, 4]);
    expect(checkMargins(parsed.rows, new Set(['01273', '01279']))).toMatchObject({
      ok: true,
      communes: 2,
    });
  });

  it('drops a byte-order mark, takes CRLF, skips blank lines and keeps line numbers', () => {
    const text =
      '\ufeffCommuneCode , VARIABLE,category,population,name\r\n\r\n01273,sex,male, 12 ,"Thục Phán, phường"\r\n,,,\r\n01279,age_band,60+,-3,x\r\n';
    const parsed = parseMarginsCsv(text);
    expect(parsed).toEqual({
      ok: true,
      rows: [
        { communeCode: '01273', variable: 'sex', category: 'male', population: 12 },
        { communeCode: '01279', variable: 'age_band', category: '60+', population: -3 },
      ],
      lines: [3, 5],
      populationText: ['12', '-3'],
    });
  });

  it('keeps what is not a plain number as not a number, for the rules to name', () => {
    const parsed = parseMarginsCsv(
      'communeCode,variable,category,population\n01273,sex,male,5.120,5\n01273,sex,female,\n01273,sex,female,abc\n01273,sex,female,12.5',
    );
    if (!parsed.ok) throw new Error('not parsed');
    expect(parsed.rows.map((r) => r.population)).toEqual([5.12, Number.NaN, Number.NaN, 12.5]);
    expect(parsed.populationText).toEqual(['5.120', '', 'abc', '12.5']);
  });

  it('names a file with no header, missing columns or no rows', () => {
    expect(parseMarginsCsv('')).toEqual({ ok: false, problem: { kind: 'empty_file' } });
    expect(parseMarginsCsv('\ufeff\r\n\r\n')).toEqual({
      ok: false,
      problem: { kind: 'empty_file' },
    });
    expect(parseMarginsCsv('\ncode,variable,category,population\n01273,sex,male,1')).toEqual({
      ok: false,
      problem: { kind: 'missing_columns', line: 2, columns: ['communeCode'] },
    });
    expect(parseMarginsCsv('communeCode,variable,category,population\r\n')).toEqual({
      ok: false,
      problem: { kind: 'no_rows', line: 1 },
    });
  });
});

describe('csvRecords', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, by starting line', () => {
    expect(csvRecords('a,"b, c","say ""hi"""\n"two\nlines",x\rlast')).toEqual([
      { line: 1, fields: ['a', 'b, c', 'say "hi"'] },
      { line: 2, fields: ['two\nlines', 'x'] },
      { line: 4, fields: ['last'] },
    ]);
  });
});
