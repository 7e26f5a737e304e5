import { Model, type Question } from 'survey-core';
import { describe, expect, it } from 'vitest';
import { answersToRead } from '../../web/src/shared/listen-answers.ts';

/** One question of a real SurveyJS model, drawn nowhere. */
function question(element: Record<string, unknown>): Question {
  const model = new Model({ pages: [{ name: 'p', elements: [{ name: 'q', ...element }] }] });
  return model.getQuestionByName('q');
}

describe("what the device voice reads of a question's answers", () => {
  it('reads a 0–10 scale by its ends and its worded answers, not its eleven numbers', () => {
    const scale = question({
      type: 'rating',
      rateValues: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, { value: 98, text: 'Không biết' }],
      minRateDescription: 'Hoàn toàn không đủ',
      maxRateDescription: 'Hoàn toàn đủ',
    });
    expect(answersToRead(scale)).toEqual([
      '0: Hoàn toàn không đủ',
      '10: Hoàn toàn đủ',
      'Không biết',
    ]);
  });

  it('reads each choice of a single or multiple choice in its order, without markup', () => {
    const choices = [
      { value: 'female', text: 'Nữ' },
      { value: 'male', text: '<b>Nam</b>' },
    ];
    expect(answersToRead(question({ type: 'radiogroup', choices }))).toEqual(['Nữ', 'Nam']);
    expect(answersToRead(question({ type: 'checkbox', choices }))).toEqual(['Nữ', 'Nam']);
  });

  it('reads a yes/no by its two labels, and nothing of a text question', () => {
    expect(
      answersToRead(question({ type: 'boolean', labelTrue: 'Có', labelFalse: 'Không' })),
    ).toEqual(['Có', 'Không']);
    expect(answersToRead(question({ type: 'comment' }))).toEqual([]);
  });
});
