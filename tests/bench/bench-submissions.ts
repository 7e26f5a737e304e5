import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseCommunesCsv } from '../../server/communes/communes-csv.ts';
import type { LoadedQuestionnaire } from '../../server/questionnaires/normalise-questionnaire.ts';
import type { Submission } from '../../server/responses/schema.ts';

/** The 56 official commune and ward codes, as the server seeds them. */
export const communeCodes: readonly string[] = parseCommunesCsv(
  readFileSync(new URL('../../server/communes/communes.csv', import.meta.url), 'utf8'),
).map((commune) => commune.code);

/** A small seeded generator (mulberry32): the same seed gives the same submissions. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;

const pick = <T>(random: Random, values: readonly T[]): T =>
  values[Math.floor(random() * values.length)] as T;

/** The choice values of an unscored single-choice question of the form. */
function choicesOf(
  questionnaire: LoadedQuestionnaire,
  name: string,
): ReadonlyArray<string | number> {
  const choices = questionnaire.questions.get(name)?.choices;
  if (!choices || choices.length === 0) throw new Error(`the form has no choices for "${name}"`);
  return choices;
}

/**
 * Answers as a resident gives them: each respondent has a general level of contentment and
 * answers every scored item around it (reverse-worded items mirrored), 3% "don't know" or
 * "not applicable" (the missing codes), plus life satisfaction, age band, sex and ethnicity.
 * Keys are sorted, so `JSON.stringify` of a submission built from them is its canonical JSON.
 */
export function makeAnswers(questionnaire: LoadedQuestionnaire, random: Random) {
  const { items, missing } = questionnaire.scoring;
  const level = 3 + random() * 6;
  const around = (min: number, max: number) => {
    const value = Math.round(level * ((max - min) / 10) + min + (random() + random() - 1) * 3);
    return Math.min(max, Math.max(min, value));
  };
  const answers: Record<string, unknown> = {};
  for (const item of items) {
    if (random() < 0.03) answers[item.name] = pick(random, missing);
    else {
      const good = around(item.min, item.max);
      answers[item.name] = item.reverse ? item.max + item.min - good : good;
    }
  }
  answers.life_sat = around(0, 10);
  answers.age_band = pick(random, choicesOf(questionnaire, 'age_band'));
  answers.sex = pick(random, choicesOf(questionnaire, 'sex'));
  answers.ethnicity = pick(random, choicesOf(questionnaire, 'ethnicity'));
  return Object.fromEntries(Object.entries(answers).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * One valid submission, keys in sorted order at every level (so `JSON.stringify` gives the
 * canonical JSON the server hashes). `completedAt` is just before `receivedAt`, `startedAt`
 * a few minutes earlier.
 */
export function makeSubmission(
  questionnaire: LoadedQuestionnaire,
  random: Random,
  options: { id?: string; receivedAt?: Date; channels?: readonly Submission['channel'][] } = {},
): Submission {
  const received = (options.receivedAt ?? new Date()).getTime();
  const completed = received - Math.floor(random() * 30_000);
  const started = completed - 180_000 - Math.floor(random() * 900_000);
  return {
    answers: makeAnswers(questionnaire, random),
    channel: pick(random, options.channels ?? ['web', 'web', 'web', 'web', 'paper']),
    communeCode: pick(random, communeCodes),
    completedAt: new Date(completed).toISOString(),
    id: options.id ?? randomUUID(),
    questionnaireId: questionnaire.id,
    startedAt: new Date(started).toISOString(),
  };
}

const idPlaceholder = '00000000-0000-4000-8000-000000000000';

/**
 * Request bodies for the load generator: `count` different submissions, each split around
 * its id so that every request gets a fresh UUID for the price of one string concatenation.
 * `body(i)` is the i-th request's body (cycling through the submissions, new id each time).
 * Each pass through the cycle moves every submission to the next commune, so the same answers
 * come back in the same commune only after 56 passes: duplicates (METHOD.md section 7) stay as
 * rare as among real residents, instead of every request after the first pass being one.
 */
export function makeBodySource(questionnaire: LoadedQuestionnaire, count: number, seed: number) {
  const random = seededRandom(seed);
  const parts = Array.from({ length: count }, () => {
    const submission = makeSubmission(questionnaire, random, { id: idPlaceholder });
    const json = JSON.stringify(submission);
    const [before, after, ...rest] = json.split(idPlaceholder);
    if (before === undefined || after === undefined || rest.length > 0) {
      throw new Error('the id placeholder must occur exactly once in a body');
    }
    const commune = `"communeCode":"${submission.communeCode}"`;
    if (before.split(commune).length !== 2) throw new Error('the commune must occur once');
    return { before, after, commune, at: communeCodes.indexOf(submission.communeCode) };
  });
  let next = 0;
  return () => {
    const pass = Math.floor(next / count);
    const part = parts[next++ % count] as (typeof parts)[number];
    const before =
      pass % communeCodes.length === 0
        ? part.before
        : part.before.replace(
            part.commune,
            `"communeCode":"${communeCodes[(part.at + pass) % communeCodes.length]}"`,
          );
    return before + randomUUID() + part.after;
  };
}
