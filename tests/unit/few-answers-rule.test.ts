import { describe, expect, it } from 'vitest';
import { fewerThanHalfAnswered } from '../../web/src/shared/few-answers-rule.ts';

describe('fewerThanHalfAnswered', () => {
  it('asks below half, not at half or above', () => {
    expect(fewerThanHalfAnswered(0, 29)).toBe(true);
    expect(fewerThanHalfAnswered(4, 29)).toBe(true);
    expect(fewerThanHalfAnswered(14, 29)).toBe(true);
    expect(fewerThanHalfAnswered(15, 29)).toBe(false);
    expect(fewerThanHalfAnswered(14, 30)).toBe(true);
    expect(fewerThanHalfAnswered(15, 30)).toBe(false);
    expect(fewerThanHalfAnswered(29, 29)).toBe(false);
  });
  it('never asks about a form with nothing to answer', () => {
    expect(fewerThanHalfAnswered(0, 0)).toBe(false);
  });
});
