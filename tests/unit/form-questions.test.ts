import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findAnswerProblems } from '../../server/questionnaires/find-answer-problems.ts';
import {
  type FormQuestion,
  listFormQuestions,
  unscoredAnswerProblem,
} from '../../server/questionnaires/form-questions.ts';
import { readQuestionnaires } from '../../server/questionnaires/load-questionnaires.ts';

const form = {
  title: 'test form',
  pages: [
    {
      name: 'first',
      elements: [
        { type: 'html', name: 'welcome', html: '<p>hello</p>' },
        {
          type: 'panel',
          name: 'outer',
          elements: [
            { type: 'rating', name: 'r_values', rateValues: [1, 2, { value: 3, text: 'three' }] },
            {
              type: 'panel',
              name: 'inner',
              elements: [
                { type: 'radiogroup', name: 'rg', choices: ['a', { value: 'b', text: 'B' }, 3] },
                { type: 'image', name: 'picture', imageLink: 'x.png' },
              ],
            },
          ],
        },
        { type: 'rating', name: 'r_range', rateMin: 0, rateMax: 10 },
        { type: 'rating', name: 'r_default' },
        { type: 'rating', name: 'r_step', rateMin: 0, rateMax: 10, rateStep: 2 },
        {
          type: 'rating',
          name: 'r_both',
          rateValues: [{ value: 7 }, { value: 8 }],
          rateMin: 0,
          rateMax: 2,
        },
        { type: 'rating', name: 'r_empty_values', rateValues: [], rateMin: 2, rateMax: 4 },
        { type: 'checkbox', name: 'cb', choices: ['x', { value: 'y', text: 'Y' }, 'z'] },
        { type: 'comment', name: 'note', maxLength: 10 },
        { type: 'text', name: 'free' },
        { type: 'boolean', name: 'yes_no' },
        { type: 'expression', name: 'computed', expression: '1 + 1' },
      ],
    },
    { name: 'empty page' },
    {
      name: 'second',
      elements: [
        { type: 'dropdown', name: 'dd', choices: [1, 2, 3] },
        { type: 'tagbox', name: 'tags', choices: [{ value: 't1' }, 't2'] },
      ],
    },
  ],
};

const questions = listFormQuestions(form);
const byName = new Map(questions.map((question) => [question.name, question]));
function question(name: string): FormQuestion {
  const found = byName.get(name);
  if (!found) throw new Error(`no question ${name} listed`);
  return found;
}

describe('listFormQuestions', () => {
  it('lists every answerable question, nested panels included, in form order', () => {
    expect(questions.map((q) => q.name)).toEqual([
      'r_values',
      'rg',
      'r_range',
      'r_default',
      'r_step',
      'r_both',
      'r_empty_values',
      'cb',
      'note',
      'free',
      'yes_no',
      'dd',
      'tags',
    ]);
  });

  it('leaves out panels, html, image and expression elements', () => {
    for (const name of ['welcome', 'outer', 'inner', 'picture', 'computed']) {
      expect(byName.has(name)).toBe(false);
    }
  });

  it.each([
    ['r_values', [1, 2, 3]],
    ['r_range', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]],
    ['r_default', [1, 2, 3, 4, 5]],
    ['r_step', [0, 2, 4, 6, 8, 10]],
    ['r_both', [7, 8]],
    ['r_empty_values', [2, 3, 4]],
  ])('rating %s offers %j', (name, expected) => {
    expect(question(name)).toMatchObject({ type: 'rating', choices: expected, multiple: false });
  });

  it('radiogroup and dropdown choices, as primitives and as { value } objects', () => {
    expect(question('rg')).toMatchObject({ choices: ['a', 'b', 3], multiple: false });
    expect(question('dd')).toMatchObject({ choices: [1, 2, 3], multiple: false });
  });

  it('checkbox and tagbox take several choices', () => {
    expect(question('cb')).toMatchObject({ choices: ['x', 'y', 'z'], multiple: true });
    expect(question('tags')).toMatchObject({ choices: ['t1', 't2'], multiple: true });
  });

  it('text questions are free-form with a length limit', () => {
    expect(question('note')).toMatchObject({ choices: null, multiple: false, maxLength: 10 });
    const free = question('free');
    expect(free.choices).toBeNull();
    expect(free.maxLength).toEqual(expect.any(Number));
    expect(free.maxLength).toBeGreaterThan(0);
  });

  it('boolean questions offer no choice list', () => {
    expect(question('yes_no')).toMatchObject({ type: 'boolean', choices: null, multiple: false });
  });

  it('a form without elements has no questions', () => {
    expect(listFormQuestions({ pages: [{}, { elements: [] }] })).toEqual([]);
  });
});

describe('unscoredAnswerProblem', () => {
  it.each([
    ['rg', 'a'],
    ['rg', 'b'],
    ['rg', 3],
    ['dd', 2],
    ['r_range', 0],
    ['r_range', 10],
    ['r_values', 3],
    ['cb', []],
    ['cb', ['x']],
    ['cb', ['z', 'x', 'y']],
    ['tags', ['t1']],
    ['note', ''],
    ['note', '0123456789'],
    ['free', 'anything'],
    ['yes_no', true],
    ['yes_no', false],
  ])('%s accepts %j', (name, answer) => {
    expect(unscoredAnswerProblem(question(name), answer)).toBeNull();
  });

  it.each(['rg', 'dd', 'r_range', 'cb', 'tags', 'note', 'free', 'yes_no'])(
    '%s accepts null and absent (any question may be skipped)',
    (name) => {
      expect(unscoredAnswerProblem(question(name), null)).toBeNull();
      expect(unscoredAnswerProblem(question(name), undefined)).toBeNull();
    },
  );

  it.each([
    ['rg', 'c'],
    ['rg', 'B'],
    ['rg', '3'],
    ['rg', ['a']],
    ['rg', { value: 'a' }],
    ['dd', '2'],
    ['dd', 4],
    ['r_range', 11],
    ['r_range', -1],
    ['r_range', 7.5],
    ['r_range', '7'],
    ['r_step', 3],
    ['r_values', 4],
    ['cb', 'x'],
    ['cb', ['x', 'w']],
    ['cb', [['x']]],
    ['cb', {}],
    ['tags', ['t3']],
    ['note', '01234567890'],
    ['note', 42],
    ['note', ['text']],
    ['free', { text: 'x' }],
    ['yes_no', 'true'],
    ['yes_no', 1],
    ['yes_no', 0],
  ])('%s rejects %j with a message', (name, answer) => {
    const problem = unscoredAnswerProblem(question(name), answer);
    expect(problem).toEqual(expect.any(String));
    expect(problem?.length).toBeGreaterThan(0);
  });
});

describe('findAnswerProblems against the real questionnaire', () => {
  const surveysDir = fileURLToPath(new URL('../../surveys/', import.meta.url));
  const questionnaire = readQuestionnaires(surveysDir, 'cb-hpi-2026-v1').current;

  const fullAnswers = {
    sec_income: 8,
    sec_health: 9,
    sec_housing: 7,
    sec_safety: 98,
    sec_disaster: 10,
    sec_food_worry: 2,
    opp_jobs: 0,
    opp_school: 5,
    opp_signal: 99,
    opp_road_cut: 10,
    opp_credit_market: 3,
    opp_future: null,
    cul_language: 6,
    cul_festivals: 7,
    cul_neighbours: 8,
    cul_cultural_house: 9,
    cul_family: 10,
    cul_social_ills: 1,
    tru_commune: 4,
    tru_procedures: 5,
    tru_transparency: 6,
    tru_voice: 7,
    tru_fair_support: 8,
    tru_informal_pay: 0,
    life_sat: 7,
    age_band: '30-44',
    sex: 'female',
    ethnicity: 'nung',
    comment: 'Đường vào xã cần sửa.',
  };

  it('a valid full answer set has no problem', () => {
    expect(findAnswerProblems(questionnaire, fullAnswers)).toEqual([]);
  });

  it('skipping everything is fine', () => {
    expect(findAnswerProblems(questionnaire, {})).toEqual([]);
  });

  it('null for every question is fine', () => {
    const allNull = Object.fromEntries(Object.keys(fullAnswers).map((name) => [name, null]));
    expect(findAnswerProblems(questionnaire, allNull)).toEqual([]);
  });

  it('a comment of exactly 1000 characters is fine', () => {
    expect(findAnswerProblems(questionnaire, { comment: 'a'.repeat(1000) })).toEqual([]);
  });

  it.each([
    ['an unknown question', 'favourite_colour', 'blue'],
    ['the html intro', 'intro', 'hello'],
    ['life_sat 11', 'life_sat', 11],
    ['life_sat 98 (not offered, and life_sat is unscored)', 'life_sat', 98],
    ['life_sat "7"', 'life_sat', '7'],
    ["ethnicity 'martian'", 'ethnicity', 'martian'],
    ['age_band 42', 'age_band', 42],
    ['sex true', 'sex', true],
    ['a comment of 1001 characters', 'comment', 'a'.repeat(1001)],
    ['a comment that is not text', 'comment', 5],
    ['sec_income 11', 'sec_income', 11],
    ['sec_income -1', 'sec_income', -1],
    ['sec_income 7.5', 'sec_income', 7.5],
    ["sec_income '7'", 'sec_income', '7'],
    ['sec_income 97', 'sec_income', 97],
    ['tru_voice true', 'tru_voice', true],
  ])('%s → one problem at answers.<name>', (_label, name, answer) => {
    const problems = findAnswerProblems(questionnaire, { ...fullAnswers, [name]: answer });
    expect(problems).toHaveLength(1);
    expect(problems[0]?.path).toBe(`answers.${name}`);
    expect(problems[0]?.message).toEqual(expect.any(String));
  });

  it('reports every problem, each at its own path', () => {
    const problems = findAnswerProblems(questionnaire, {
      sec_income: 11,
      ethnicity: 'martian',
      unknown_one: 1,
    });
    expect(problems.map((problem) => problem.path).sort()).toEqual([
      'answers.ethnicity',
      'answers.sec_income',
      'answers.unknown_one',
    ]);
  });

  it('names the unknown question in its message', () => {
    const [problem] = findAnswerProblems(questionnaire, { favourite_colour: 'blue' });
    expect(problem?.message).toContain('favourite_colour');
  });
});
