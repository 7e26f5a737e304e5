import { randomUUID } from 'node:crypto';
import type { Submission } from '../../server/responses/schema.ts';
import { questionnaire } from './test-app.ts';

export const scoredItems = questionnaire.scoring.items;

/** Every scored item answered at its best end: 10, or 0 for a reverse-worded item. Overall 100. */
export function bestAnswers(): Record<string, number> {
  return Object.fromEntries(
    scoredItems.map((item) => [item.name, item.reverse ? item.min : item.max]),
  );
}

/** Every scored item answered `value`; on a 0–10 scale 5 scores 50 either way round. */
export function uniformAnswers(value: number): Record<string, number> {
  return Object.fromEntries(scoredItems.map((item) => [item.name, value]));
}

export function makeSubmission(overrides: Partial<Submission> = {}): Submission {
  return {
    id: randomUUID(),
    questionnaireId: questionnaire.id,
    communeCode: '01273',
    channel: 'web',
    answers: uniformAnswers(5),
    ...overrides,
  };
}
