import { randomUUID } from 'node:crypto';
import type { Submission } from '../../server/responses/schema.ts';
import { bestAnswers, scoredItems } from './submissions.ts';
import { questionnaire } from './test-app.ts';

/** A small seeded generator (mulberry32), so every run plants the same residents. */
function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * An honest resident of a commune that falls short: each item 6 to 9 on its good side (a
 * reverse-worded item mirrored), one in twenty "don't know" (98). Overall about 75, and no
 * two residents alike, so none is a duplicate or a straight line.
 */
export function honestAnswers(seed: number): Record<string, number> {
  const random = seeded(seed + 1);
  return Object.fromEntries(
    scoredItems.map((item) => {
      if (random() < 0.05) return [item.name, 98];
      const value = 6 + Math.floor(random() * 4);
      return [item.name, item.reverse ? item.max - value : value];
    }),
  );
}

export function honestSubmission(seed: number, communeCode: string): Submission {
  return {
    id: randomUUID(),
    questionnaireId: questionnaire.id,
    communeCode,
    channel: 'web',
    answers: honestAnswers(seed),
  };
}

/**
 * The gaming METHOD.md section 7 is about: `count` identical top answers from one kiosk,
 * completed 15 seconds apart (each taking five minutes, so none is too fast), ending a
 * little before now. Returned in a shuffled order, as an offline queue might send them: the
 * completion times, not the order of arrival, order them.
 */
export function kioskBurst(communeCode: string, count: number, endsAt = Date.now() - 60_000) {
  const submissions: Submission[] = Array.from({ length: count }, (_, i) => {
    const completed = endsAt - (count - 1 - i) * 15_000;
    return {
      id: randomUUID(),
      questionnaireId: questionnaire.id,
      communeCode,
      channel: 'kiosk',
      answers: bestAnswers(),
      startedAt: new Date(completed - 5 * 60_000).toISOString(),
      completedAt: new Date(completed).toISOString(),
    };
  });
  const random = seeded(count);
  const shuffled = [...submissions];
  for (let i = shuffled.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j] as Submission, shuffled[i] as Submission];
  }
  return { inCompletionOrder: submissions, shuffled };
}
