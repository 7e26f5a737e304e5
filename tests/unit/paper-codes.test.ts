import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  answerLabel,
  answersOf,
  codeOf,
  codeRanges,
  type PaperQuestion,
  paperForm,
  readCode,
} from '../../server/paper/paper-codes.ts';
import { findAnswerProblems } from '../../server/questionnaires/find-answer-problems.ts';
import { readQuestionnaires } from '../../server/questionnaires/load-questionnaires.ts';

const catalog = readQuestionnaires(fileURLToPath(new URL('../../surveys', import.meta.url)));
const v2 = catalog.current;
const question = (form: ReturnType<typeof paperForm>, name: string): PaperQuestion => {
  const found = form.questions.find((q) => q.name === name);
  if (!found) throw new Error(`no ${name} on paper`);
  return found;
};

describe('the paper form of the served questionnaire', () => {
  const form = paperForm(v2, { language: 'vi' });

  it('has every question with fixed answers in the resident order, the comment left off', () => {
    const onScreen = [...v2.questions.keys()];
    expect(form.leftOff).toEqual(['comment']);
    expect(form.questions.map((q) => q.name)).toEqual(onScreen.filter((n) => n !== 'comment'));
    expect(form.questions.map((q) => q.number)).toEqual(form.questions.map((_, i) => i + 1));
    expect(form.pages.map((p) => p.name)).toEqual([
      'security',
      'opportunity',
      'culture',
      'trust',
      'about',
    ]);
    expect(form.pages[0]?.title).toBe('An sinh');
    expect(form.missing).toEqual([
      { code: 98, label: 'Không biết' },
      { code: 99, label: 'Không áp dụng' },
    ]);
  });

  it('codes a scored rating by its value, 98 and 99 stored as themselves', () => {
    const income = question(form, 'sec_income');
    expect(income.kind).toBe('rating');
    expect(income.codes.map((c) => c.code)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 98, 99]);
    expect(codeRanges(income)).toBe('0–10, 98, 99');
    expect(income.minLabel).toBe('Hoàn toàn không đủ');
    expect(readCode(income, '7')).toEqual({ ok: true, value: 7 });
    expect(readCode(income, ' 0 ')).toEqual({ ok: true, value: 0 });
    expect(readCode(income, '98')).toEqual({ ok: true, value: 98 });
    expect(readCode(income, '')).toEqual({ ok: true, value: null });
    expect(readCode(income, '11')).toEqual({
      ok: false,
      problem: 'not_a_code',
      allowed: '0–10, 98, 99',
    });
    expect(readCode(income, '97')).toMatchObject({ ok: false, problem: 'not_a_code' });
    expect(readCode(income, '7.5')).toMatchObject({ ok: false, problem: 'not_a_number' });
    expect(readCode(income, 'x')).toMatchObject({ ok: false, problem: 'not_a_number' });
  });

  it('codes choices 1..k, and a missing code on them as no answer (the server refuses it)', () => {
    const age = question(form, 'age_band');
    expect(age.kind).toBe('choice');
    expect(age.codes.map((c) => [c.code, c.value])).toEqual([
      [1, '18-29'],
      [2, '30-44'],
      [3, '45-59'],
      [4, '60+'],
      [98, null],
      [99, null],
    ]);
    expect(age.codes[0]?.label).toBe('18–29 tuổi');
    expect(codeRanges(age)).toBe('1–4, 98, 99');
    expect(readCode(age, '2')).toEqual({ ok: true, value: '30-44' });
    expect(readCode(age, '99')).toEqual({ ok: true, value: null });
    expect(readCode(age, '5')).toMatchObject({ ok: false, problem: 'not_a_code' });
    const sex = question(form, 'sex');
    expect(codeRanges(sex)).toBe('1–3, 98, 99');
  });

  it('takes 98/99 on the unscored life satisfaction, which offers no such answer, as none', () => {
    const life = question(form, 'life_sat');
    expect(codeRanges(life)).toBe('0–10, 98, 99');
    expect(readCode(life, '98')).toEqual({ ok: true, value: null });
    expect(readCode(life, '10')).toEqual({ ok: true, value: 10 });
  });

  it('turns typed codes into answers the server takes, and back', () => {
    const typed: Record<string, string> = {};
    for (const [index, q] of form.questions.entries()) {
      typed[q.name] = String(q.codes[index % q.codes.length]?.code);
    }
    typed.sec_income = '';
    const answers = answersOf(form, typed);
    expect(answers.sec_income).toBeUndefined();
    expect(findAnswerProblems(v2, answers)).toEqual([]);
    for (const q of form.questions) {
      const value = answers[q.name];
      const code = codeOf(q, value);
      if (value === undefined) expect(code).toBe('');
      else expect(readCode(q, code)).toEqual({ ok: true, value });
    }
    expect(answerLabel(question(form, 'age_band'), '60+')).toBe('60 tuổi trở lên');
    expect(() => answersOf(form, { sec_income: '12' })).toThrow(/sec_income/);
  });

  it('prints English from the form, and another language from its strings', () => {
    const english = paperForm(v2, { language: 'en' });
    expect(english.pages[0]?.title).toBe('Social security');
    expect(english.missing[0]?.label).toBe("Don't know");
    expect(question(english, 'age_band').codes[3]?.label).toBe('60 years or older');

    const tay = paperForm(v2, {
      language: 'tyz',
      strings: {
        'sec_income.title': 'Tày: thu nhập',
        'sec_income.rateValues.98': 'Tày: bấu rụ',
        'pages.security.title': 'Tày: an sinh',
        'age_band.choices.60+': 'Tày: 60+',
      },
    });
    expect(question(tay, 'sec_income').title).toBe('Tày: thu nhập');
    expect(tay.missing[0]?.label).toBe('Tày: bấu rụ');
    expect(tay.pages[0]?.title).toBe('Tày: an sinh');
    expect(question(tay, 'age_band').codes[3]?.label).toBe('Tày: 60+');
    // A string the language lacks is printed in Vietnamese.
    expect(question(tay, 'sec_health').title).toBe(question(form, 'sec_health').title);
  });
});

describe('question types the served form does not use', () => {
  const source = {
    id: 'test-form',
    scoring: { items: [], missing: [98, 99] },
    survey: {
      pages: [
        {
          name: 'p',
          elements: [
            {
              type: 'checkbox',
              name: 'help',
              title: 'Who helps? <b>all</b> that apply',
              choices: ['family', { value: 'neighbours', text: 'Neighbours' }, 'state'],
            },
            { type: 'boolean', name: 'farm', title: 'Do you farm?' },
            { type: 'rating', name: 'stars', rateValues: ['a', 'b', 'c'] },
            { type: 'text', name: 'village' },
            { type: 'matrix', name: 'grid' },
          ],
        },
      ],
    },
  };
  const form = paperForm(source, { language: 'vi' });

  it('codes checkboxes as several numbers, yes/no as 1/2, other ratings 1..k', () => {
    expect(form.leftOff).toEqual(['village', 'grid']);
    const help = question(form, 'help');
    expect(help.title).toBe('Who helps? all that apply');
    expect(readCode(help, '3 1')).toEqual({ ok: true, value: ['family', 'state'] });
    expect(readCode(help, '1,2')).toEqual({ ok: true, value: ['family', 'neighbours'] });
    expect(readCode(help, '1 1')).toMatchObject({ ok: false, problem: 'repeated' });
    expect(readCode(help, '98')).toEqual({ ok: true, value: null });
    expect(codeOf(help, ['family', 'state'])).toBe('1 3');
    const farm = question(form, 'farm');
    expect(farm.codes.slice(0, 2).map((c) => [c.code, c.value, c.label])).toEqual([
      [1, true, 'Có'],
      [2, false, 'Không'],
    ]);
    expect(readCode(farm, '2')).toEqual({ ok: true, value: false });
    expect(codeOf(farm, false)).toBe('2');
    const stars = question(form, 'stars');
    expect(codeRanges(stars)).toBe('1–3, 98, 99');
    expect(readCode(stars, '2')).toEqual({ ok: true, value: 'b' });
  });
});
