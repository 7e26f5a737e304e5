import { describe, expect, it } from 'vitest';
import { decideForm, findDifferences, resolveForm } from '../../server/paper/double-entry.ts';

const order = ['a', 'b', 'c', 'comment'];
const form = (answers: Record<string, unknown>, completedOn: string | null = null) => ({
  answers,
  completedOn,
});

describe('double entry of a paper form', () => {
  it('waits for a second entry after the first', () => {
    expect(decideForm([form({ a: 1 })], order)).toEqual({ state: 'awaiting_second' });
    expect(decideForm([], order)).toEqual({ state: 'awaiting_second' });
  });

  it.each([
    ['the same answers', { a: 1, b: [1, 2] }, { a: 1, b: [1, 2] }],
    ['another key order', { a: 1, b: 2 }, { b: 2, a: 1 }],
    ['a blank typed as null', { a: 1, b: null }, { a: 1 }],
    ['nested objects in another order', { c: { x: 1, y: 2 } }, { c: { y: 2, x: 1 } }],
  ])('verifies two entries with %s, keeping the answered ones', (_name, first, second) => {
    const decision = decideForm([form(first, '2026-03-01'), form(second, '2026-03-01')], order);
    expect(decision.state).toBe('verified');
    if (decision.state === 'verified') {
      expect(decision.form.completedOn).toBe('2026-03-01');
      expect(Object.values(decision.form.answers)).not.toContain(null);
    }
  });

  it.each([
    ['one answer', { a: 1, b: 2 }, { a: 1, b: 3 }, [{ question: 'b', first: 2, second: 3 }]],
    ['a blank on one side', { a: 1, b: 2 }, { a: 1 }, [{ question: 'b', first: 2, second: null }]],
    ['a number typed as text', { a: 1 }, { a: '1' }, [{ question: 'a', first: 1, second: '1' }]],
    [
      'free text',
      { comment: 'tốt' },
      { comment: 'tot' },
      [{ question: 'comment', first: 'tốt', second: 'tot' }],
    ],
    [
      'a question the form does not list, after the listed ones',
      { z: 1, c: 1 },
      { z: 2, c: 2 },
      [
        { question: 'c', first: 1, second: 2 },
        { question: 'z', first: 1, second: 2 },
      ],
    ],
  ])('lists exactly the differing answers: %s', (_name, first, second, differences) => {
    expect(decideForm([form(first), form(second)], order)).toEqual({
      state: 'conflict',
      differences,
    });
  });

  it('lists a differing date after the answers, in form order', () => {
    const differences = findDifferences(
      form({ c: 1, a: 1, b: 5 }, '2026-03-01'),
      form({ c: 2, a: 3, b: 5 }, null),
      order,
    );
    expect(differences).toEqual([
      { question: 'a', first: 1, second: 3 },
      { question: 'c', first: 1, second: 2 },
      { question: 'completedOn', first: '2026-03-01', second: null },
    ]);
  });

  describe('resolving a conflict', () => {
    const first = form({ a: 1, b: 2, c: 3 }, '2026-03-01');
    const second = form({ a: 1, b: 4 }, '2026-03-02');

    it('keeps the agreeing answers and takes every decision, null for a blank', () => {
      expect(
        resolveForm(
          first,
          second,
          { answers: { b: 4, c: null }, completedOn: '2026-03-02' },
          order,
        ),
      ).toEqual({ form: { answers: { a: 1, b: 4 }, completedOn: '2026-03-02' } });
    });

    it('accepts an agreeing answer repeated as it is', () => {
      const resolved = resolveForm(
        first,
        second,
        { answers: { a: 1, b: 2, c: 3 }, completedOn: null },
        order,
      );
      expect(resolved).toEqual({ form: { answers: { a: 1, b: 2, c: 3 }, completedOn: null } });
    });

    it('names every undecided difference, and a changed agreeing answer', () => {
      expect(resolveForm(first, second, { answers: { a: 7 } }, order)).toEqual({
        problems: [
          { path: 'answers.b', message: expect.stringContaining('decide it') },
          { path: 'answers.c', message: expect.stringContaining('decide it') },
          { path: 'answers.a', message: expect.stringContaining('agree') },
          { path: 'completedOn', message: expect.stringContaining('decide it') },
        ],
      });
    });

    it('refuses a new date when both entries agree on it', () => {
      const same = form({ a: 1 }, '2026-03-01');
      expect(
        resolveForm(
          same,
          form({ a: 2 }, '2026-03-01'),
          { answers: { a: 2 }, completedOn: '2026-03-05' },
          order,
        ),
      ).toEqual({ problems: [{ path: 'completedOn', message: expect.stringContaining('agree') }] });
    });
  });
});
