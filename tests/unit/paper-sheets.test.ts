import { describe, expect, it } from 'vitest';
import { paperForm } from '../../server/paper/paper-codes.ts';
import { typedDay } from '../../web/src/staff/paper-day.ts';
import { paperSheets, questionHeight } from '../../web/src/staff/paper-sheets.ts';
import { questionnaire } from '../helpers/test-app.ts';

describe('a paper form on A4 sheets', () => {
  const form = paperForm(questionnaire, { language: 'vi' });
  const sheets = paperSheets(form);
  const names = (sheet: (typeof sheets)[number]) =>
    sheet.blocks.flatMap((block) => block.questions.map((q) => q.name));

  it('keeps every question once, in paper order, none over a sheet’s room', () => {
    expect(sheets.flatMap(names)).toEqual(form.questions.map((q) => q.name));
    sheets.forEach((sheet, index) => {
      const room = index === 0 ? 9 : 11;
      const used = sheet.blocks.reduce(
        (sum, block) =>
          sum +
          (block.heading ? 0.35 : 0) +
          block.questions.reduce((s, q) => s + questionHeight(q), 0),
        0,
      );
      expect(used, `sheet ${index + 1}`).toBeLessThanOrEqual(room);
    });
  });

  it('puts the served form on three sheets, a page heading only where its page starts', () => {
    expect(sheets).toHaveLength(3);
    expect(names(sheets[0] as (typeof sheets)[0])).toHaveLength(8);
    const headings = sheets.flatMap((s) => s.blocks.map((b) => b.heading)).filter(Boolean);
    expect(headings).toEqual(form.pages.map((p) => p.title));
    // No empty block is left where a page ended exactly at a sheet's end.
    for (const sheet of sheets)
      expect(sheet.blocks.every((b) => b.questions.length > 0)).toBe(true);
  });

  it('gives a short form one sheet', () => {
    const short = { pages: [{ name: 'p', title: null, questions: form.questions.slice(0, 2) }] };
    expect(paperSheets(short)).toHaveLength(1);
  });
});

describe('the day typed from a paper form', () => {
  it.each([
    ['02122026', '2026-12-02'],
    ['2/12/2026', '2026-12-02'],
    ['02-12-2026', '2026-12-02'],
    [' 29.02.2028 ', '2028-02-29'],
    ['', ''],
  ])('reads %j as %j', (typed, day) => {
    expect(typedDay(typed)).toBe(day);
  });
  it.each(['31022026', '29022027', '1312026', '2/12/26', '12/2026', 'abcdefgh', '00012026'])(
    'refuses %j',
    (typed) => {
      expect(typedDay(typed)).toBeNull();
    },
  );
});
