import { createHash } from 'node:crypto';
import { contentHash } from '../canonical-json.ts';
import type { Scoring } from '../questionnaires/schema.ts';
import type { NewResponse } from '../responses/queries.ts';
import type { Submission } from '../responses/schema.ts';
import { scoreResponse } from '../scoring/score-response.ts';
import { type DemoCell, type DemoCommune, planDemo } from './plan.ts';
import {
  integerBetween,
  normal,
  type Random,
  seededRandom,
  seededUuid,
  shuffle,
} from './random.ts';
import { answerAsRespondent, type DemoQuestionnaire } from './respondent.ts';

export type DemoOptions = {
  /** How many responses in all, over both waves. */
  responses: number;
  /** The same seed gives the same rows, byte for byte. */
  seed: number;
};

/**
 * Realistic synthetic responses for every commune over the demo waves, as the server would
 * have stored them: answers a resident could give, the request hash of the submission, and
 * scores from the real scoring engine (`scoreResponse`), never computed here. Pure and seeded:
 * no clock, no `Math.random`, so a demo can be rebuilt exactly. Rows come in shuffled order,
 * one at a time, so a large demo never sits in memory.
 */
export function* generateDemoResponses(
  questionnaire: DemoQuestionnaire,
  communes: readonly DemoCommune[],
  options: DemoOptions,
): Generator<NewResponse> {
  const random = seededRandom(options.seed);
  const cells = planDemo(random, communes, options.responses);
  const itemOffsets = planItemOffsets(random, questionnaire.scoring);
  const names = [...questionnaire.questions.keys()].sort();
  let checked = false;
  for (const index of shuffledCells(random, cells)) {
    const cell = cells[index] as DemoCell;
    const answers = sortedAnswers(
      names,
      answerAsRespondent(random, questionnaire, cell, itemOffsets),
    );
    const channel = random.float() < cell.webShare ? 'web' : 'paper';
    const receivedAt = receivedDuringFieldwork(random, cell.wave);
    const times = channel === 'web' ? webTimes(random, receivedAt) : null;
    const submission: Submission = {
      answers,
      channel,
      communeCode: cell.communeCode,
      ...(times && { completedAt: times.completedAt }),
      id: seededUuid(random),
      questionnaireId: questionnaire.id,
      ...(times && { startedAt: times.startedAt }),
    };
    const requestHash = sortedJsonHash(submission);
    if (!checked && requestHash !== contentHash(submission)) {
      throw new Error('demo rows: the request hash differs from the server’s contentHash');
    }
    checked = true;
    yield {
      id: submission.id,
      questionnaireId: questionnaire.id,
      communeCode: cell.communeCode,
      wave: cell.wave,
      channel,
      answers,
      requestHash,
      scores: scoreResponse(questionnaire.scoring, answers),
      startedAt: times?.startedAt ?? null,
      completedAt: times?.completedAt ?? null,
      receivedAt,
      kioskId: null,
    };
  }
}

/**
 * The answers with their keys in sorted order. Together with a submission written with sorted
 * keys, plain `JSON.stringify` is then already the canonical JSON the server hashes, which
 * saves `canonicalJson`'s general re-sorting: over a third of the generation time. The first
 * row of every run is checked against `contentHash` itself.
 */
function sortedAnswers(names: readonly string[], answers: Record<string, unknown>) {
  const sorted: Record<string, unknown> = {};
  for (const name of names) if (name in answers) sorted[name] = answers[name];
  return sorted;
}

function sortedJsonHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

/** Some items are answered better or worse than others of their dimension, province-wide. */
function planItemOffsets(random: Random, scoring: Scoring): Map<string, number> {
  const offsets = new Map<string, number>();
  for (const dimension of scoring.dimensions) {
    const items = scoring.items.filter((item) => item.dimension === dimension.key);
    const raw = items.map(() => normal(random, 0, 3));
    const mean = raw.reduce((sum, x) => sum + x, 0) / Math.max(1, raw.length);
    items.forEach((item, i) => {
      offsets.set(item.name, (raw[i] ?? 0) - mean);
    });
  }
  return offsets;
}

/** Each cell's index repeated `count` times, shuffled: 2 bytes a response. */
function shuffledCells(random: Random, cells: readonly DemoCell[]): Uint16Array {
  const order = new Uint16Array(cells.reduce((sum, cell) => sum + cell.count, 0));
  let at = 0;
  cells.forEach((cell, index) => {
    order.fill(index, at, at + cell.count);
    at += cell.count;
  });
  return shuffle(random, order);
}

/** Vietnam keeps UTC+7 all year (no daylight saving). */
const vietnamOffsetMs = 7 * 3600_000;

/**
 * A wave's fieldwork runs from 1 March to 31 October, in daytime (07:00–21:00 in Cao Bằng),
 * so every row's received_at falls inside the wave's year in Asia/Ho_Chi_Minh, which is how
 * the server assigns waves.
 */
function receivedDuringFieldwork(random: Random, wave: string): Date {
  const year = Number(wave);
  const first = Date.UTC(year, 2, 1);
  const days = Math.round((Date.UTC(year, 10, 1) - first) / 86_400_000);
  const day = first + integerBetween(random, 0, days - 1) * 86_400_000;
  const secondOfDay = 7 * 3600 + Math.floor(random.float() * 14 * 3600);
  return new Date(day + secondOfDay * 1000 - vietnamOffsetMs);
}

/** A web form is filled in 4–25 minutes and reaches the server seconds after completion. */
function webTimes(random: Random, receivedAt: Date) {
  const completed = receivedAt.getTime() - integerBetween(random, 1, 20) * 1000;
  const minutes = Math.min(25, Math.max(4, Math.exp(normal(random, Math.log(9), 0.35))));
  const started = completed - Math.round(minutes * 60_000);
  return {
    startedAt: new Date(started).toISOString(),
    completedAt: new Date(completed).toISOString(),
  };
}
