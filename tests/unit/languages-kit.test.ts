import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { checkKit } from '../../server/languages/check-kit.ts';
import { collect, kitXlsx } from '../../server/languages/kit-files.ts';
import type { KitRow } from '../../server/languages/kit-rows.ts';
import { questionnaireStrings } from '../../server/languages/questionnaire-strings.ts';
import { readCsv } from '../../server/languages/read-csv.ts';
import { readXlsx } from '../../server/languages/read-xlsx.ts';

const row = (key: string, vi: string): KitRow => ({
  key,
  scope: key.includes(':') ? (key.split(':')[0] ?? '') : 'messages',
  where: '',
  vi,
  en: '',
  target: '',
});
const expected = [
  row('resident.waiting', 'Đang chờ gửi: {count}'),
  row('resident.start', 'Bắt đầu'),
  row('q1:intro.html', '<h3>Chào</h3><p>Xin <b>cảm ơn</b></p>'),
];
const check = (rows: string[][]) =>
  checkKit([['key', 'where', 'vi', 'en', 'tyz'], ...rows], {
    isLanguage: (code) => ['vi', 'en', 'tyz'].includes(code),
    isSource: (code) => code === 'vi' || code === 'en',
    expectedFor: () => expected,
  });
const target = (key: string, text: string) => [key, '', '', '', text];

describe('the kit checker', () => {
  it('takes a complete translation, NFC, trimmed, with the formula guard taken off', () => {
    const reading = check([
      target('resident.waiting', ' Tha\u0300 {count} '),
      target('resident.start', "'=Bắt"),
      target('q1:intro.html', '<h3>Ả</h3><p>B <B>c</B></p>'),
    ]);
    expect(reading.errors).toEqual([]);
    expect(reading.rows).toEqual([
      { scope: 'messages', key: 'resident.waiting', text: 'Thà {count}' },
      { scope: 'messages', key: 'resident.start', text: '=Bắt' },
      { scope: 'q1', key: 'intro.html', text: '<h3>Ả</h3><p>B <B>c</B></p>' },
    ]);
  });

  it.each([
    ['a placeholder renamed', 'resident.waiting', 'Chờ {số}', 'placeholders'],
    ['a placeholder doubled', 'resident.waiting', '{count} {count}', 'placeholders'],
    ['a tag added', 'resident.start', 'Bắt <i>đầu</i>', 'markup'],
    [
      'a tag given an attribute',
      'q1:intro.html',
      '<h3 onclick="x">C</h3><p>X <b>c</b></p>',
      'markup',
    ],
    ['a tag dropped', 'q1:intro.html', '<h3>C</h3><p>X c</p>', 'markup'],
  ])('refuses %s', (_, key, text, code) => {
    const rows = expected.map((entry) => target(entry.key, entry.key === key ? text : entry.vi));
    expect(check(rows).errors.map((e) => [e.code, e.key, e.row])).toEqual([
      [code, key, rows.findIndex((r) => r[0] === key) + 2],
    ]);
  });

  it('an empty target is no error (untranslated), a blank row is skipped', () => {
    const reading = check([
      target('resident.waiting', ''),
      ['', '', '', '', ''],
      target('resident.start', 'Go'),
      target('q1:intro.html', ''),
    ]);
    expect(reading.errors).toEqual([]);
    expect(reading.rows.map((r) => r.key)).toEqual(['resident.start']);
  });
});

describe('reading kit files', () => {
  it('reads CSV with quotes, commas and line breaks in fields, and a semicolon file', () => {
    expect(readCsv('\ufeffa,"b, ""c""\nd"\r\ne,\r\n')).toEqual([
      ['a', 'b, "c"\nd'],
      ['e', ''],
    ]);
    expect(readCsv('key;vi\nx;"y;z"\n')).toEqual([
      ['key', 'vi'],
      ['x', 'y;z'],
    ]);
  });

  it('reads back what the kit writes, and what a spreadsheet saves (shared and rich strings)', async () => {
    const rows: KitRow[] = [{ ...row('a.b', 'Xin <b>chào</b> & "{n}"'), target: 'line\none' }];
    const written = await collect(kitXlsx('tyz', rows));
    expect(readXlsx(written)).toEqual([
      ['key', 'where', 'vi', 'en', 'tyz'],
      ['a.b', '', 'Xin <b>chào</b> & "{n}"', '', 'line\none'],
    ]);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('kit');
    sheet.addRow(['key', 'where', 'vi', 'en', 'tyz']);
    sheet.getCell('A3').value = 'a.b';
    sheet.getCell('E3').value = {
      richText: [{ text: 'Tày ' }, { font: { bold: true }, text: '<đậm>' }],
    };
    sheet.getCell('C3').value = 42;
    expect(readXlsx(Buffer.from(await book.xlsx.writeBuffer()))).toEqual([
      ['key', 'where', 'vi', 'en', 'tyz'],
      [],
      ['a.b', '', '42', '', 'Tày <đậm>'],
    ]);
  });

  it("lists a form's strings by stable keys, pages apart from elements of the same name", () => {
    const survey = {
      title: { default: 'Tiêu đề', en: 'Title' },
      pages: [
        {
          name: 'intro',
          title: 'Mở đầu',
          elements: [
            { type: 'html', name: 'intro', html: { default: '<p>Chào</p>' } },
            {
              type: 'panel',
              name: 'box',
              elements: [
                {
                  type: 'radiogroup',
                  name: 'sex',
                  choices: [{ value: 'female', text: { default: 'Nữ', en: 'Female' } }, 'other'],
                },
              ],
            },
          ],
        },
      ],
    };
    expect(questionnaireStrings(survey).map((s) => [s.key, s.vi, s.en])).toEqual([
      ['title', 'Tiêu đề', 'Title'],
      ['pages.intro.title', 'Mở đầu', null],
      ['intro.html', '<p>Chào</p>', null],
      ['sex.choices.female', 'Nữ', 'Female'],
    ]);
  });
});
