import { createHash } from 'node:crypto';
import { contentHash } from '../canonical-json.ts';
import type { NewResponse } from '../responses/queries.ts';
import type { Submission } from '../responses/schema.ts';
import { waveOf } from '../responses/wave.ts';
import { scoreResponse } from '../scoring/score-response.ts';
import type { DemoCommune } from './plan.ts';
import { chance, integerBetween, type Random, seededRandom, seededUuid } from './random.ts';
import type { DemoQuestionnaire } from './respondent.ts';

/** A kiosk the demo makes for its planted gaming; stored with `is_demo`, deleted with the demo. */
export type DemoKiosk = { id: string; communeCode: string; label: string; tokenHash: string };

export type DemoGaming = { kiosks: DemoKiosk[]; rows: NewResponse[] };

/** Below this many responses a demo plants no gaming: it would outweigh the honest rows. */
export const gamingMinResponses = 2000;
const gamingKiosks = 3;
const burstsPerKiosk = 3;
const speeders = 25;
/** Vietnam keeps UTC+7 all year. */
const vietnamOffsetMs = 7 * 3600_000;

/**
 * The gaming METHOD.md section 7 is there to show, planted in a demo so the review queue has
 * something real in it: a few kiosks (one each in three communes) stuffed with near-identical
 * top answers in bursts of 12–16 submissions half a minute apart, on three fieldwork days of
 * the current wave, as an official tapping through the form would; and a couple of dozen web
 * responses clicked through in under a minute (speeders). Most stuffed answers are the
 * "best" end everywhere (10, and 0 on reverse-worded items), some exactly alike (duplicates),
 * some with an item or two at 9, some 10 on every item, reverse ones too (a straight line);
 * about half are filled in faster than 2 s a question. One kiosk's bursts reach the server
 * hours later, as an offline queue does: completion times, not arrival, make them bursts.
 *
 * Pure and seeded like the honest rows. The flags are not set here: the server's own rules
 * add them when the demo is loaded (the start-up backfill), as for any stored row.
 */
export function planGaming(
  questionnaire: DemoQuestionnaire,
  communes: readonly DemoCommune[],
  options: { responses: number; seed: number },
): DemoGaming {
  if (options.responses < gamingMinResponses) return { kiosks: [], rows: [] };
  const random = seededRandom(options.seed ^ 0x5eed9a);
  const sorted = [...communes].sort((a, b) => a.code.localeCompare(b.code));
  const chosen = new Set<DemoCommune>();
  while (chosen.size < Math.min(gamingKiosks, sorted.length)) {
    chosen.add(sorted[integerBetween(random, 0, sorted.length - 1)] as DemoCommune);
  }
  const kiosks = [...chosen].map((commune, i) => ({
    id: seededUuid(random),
    communeCode: commune.code,
    label: `Ki-ốt mẫu ${i + 1} (dữ liệu demo) / demo kiosk ${i + 1}`,
    // Nobody holds its token: the hash of random bytes, so the kiosk can never submit.
    tokenHash: createHash('sha256').update(seededUuid(random)).digest('base64url'),
  }));
  const rows: NewResponse[] = [];
  kiosks.forEach((kiosk, k) => {
    const offline = k === kiosks.length - 1;
    for (let b = 0; b < burstsPerKiosk; b++) {
      let completed = fieldworkInstant(random, 2026, 8, 15);
      const size = integerBetween(random, 12, 16);
      const sentAt = completed + (size + 30) * 60_000 + integerBetween(random, 0, 3600) * 1000;
      for (let i = 0; i < size; i++) {
        completed += integerBetween(random, 20, 45) * 1000;
        const answers = stuffedAnswers(random, questionnaire);
        const seconds = chance(random, 0.5)
          ? integerBetween(random, 25, 55)
          : integerBetween(random, 60, 150);
        rows.push(
          row(questionnaire, random, {
            communeCode: kiosk.communeCode,
            channel: 'kiosk',
            kioskId: kiosk.id,
            answers,
            startedAt: completed - seconds * 1000,
            completedAt: completed,
            receivedAt: offline
              ? sentAt + i * 200
              : completed + integerBetween(random, 1, 4) * 1000,
          }),
        );
      }
    }
  });
  for (let i = 0; i < speeders; i++) {
    const commune = sorted[integerBetween(random, 0, sorted.length - 1)] as DemoCommune;
    const wave = chance(random, 0.5) ? 2025 : 2026;
    const completed = fieldworkInstant(random, wave, 7, 21);
    rows.push(
      row(questionnaire, random, {
        communeCode: commune.code,
        channel: 'web',
        kioskId: null,
        answers: clickedThrough(random, questionnaire),
        startedAt: completed - integerBetween(random, 15, 45) * 1000,
        completedAt: completed,
        receivedAt: completed + integerBetween(random, 1, 20) * 1000,
      }),
    );
  }
  return { kiosks, rows };
}

/** An instant on a fieldwork day (1 March – 31 October) between the given local hours. */
function fieldworkInstant(random: Random, year: number, fromHour: number, toHour: number) {
  const first = Date.UTC(year, 2, 1);
  const day = first + integerBetween(random, 0, 244) * 86_400_000;
  const second = fromHour * 3600 + integerBetween(random, 0, (toHour - fromHour) * 3600 - 1);
  return day + second * 1000 - vietnamOffsetMs;
}

/** Top answers with small variations, as someone filling the form for others does. */
function stuffedAnswers(random: Random, questionnaire: DemoQuestionnaire) {
  const { items } = questionnaire.scoring;
  const everywhere10 = chance(random, 0.15);
  const nudged = chance(random, 0.5)
    ? new Set<number>()
    : new Set([
        integerBetween(random, 0, items.length - 1),
        integerBetween(random, 0, items.length - 1),
      ]);
  const answers: Record<string, unknown> = {};
  items.forEach((item, i) => {
    const best = everywhere10 || !item.reverse ? item.max : item.min;
    answers[item.name] = nudged.has(i) ? (best === item.max ? item.max - 1 : item.min + 1) : best;
  });
  const lifeSat = questionnaire.questions.get('life_sat')?.choices;
  if (lifeSat)
    answers.life_sat = Math.max(...lifeSat.filter((v): v is number => typeof v === 'number'));
  for (const name of ['age_band', 'sex', 'ethnicity']) {
    const first = questionnaire.questions.get(name)?.choices?.[0];
    if (first !== undefined) answers[name] = first;
  }
  return answers;
}

/** Any answer on every scored item, skipping the rest: a form clicked through unread. */
function clickedThrough(random: Random, questionnaire: DemoQuestionnaire) {
  return Object.fromEntries(
    questionnaire.scoring.items.map((item) => [
      item.name,
      integerBetween(random, item.min, item.max),
    ]),
  );
}

function row(
  questionnaire: DemoQuestionnaire,
  random: Random,
  r: {
    communeCode: string;
    channel: 'kiosk' | 'web';
    kioskId: string | null;
    answers: Record<string, unknown>;
    startedAt: number;
    completedAt: number;
    receivedAt: number;
  },
): NewResponse {
  const startedAt = new Date(r.startedAt).toISOString();
  const completedAt = new Date(r.completedAt).toISOString();
  const submission: Submission = {
    id: seededUuid(random),
    questionnaireId: questionnaire.id,
    communeCode: r.communeCode,
    channel: r.channel,
    answers: r.answers,
    startedAt,
    completedAt,
  };
  const receivedAt = new Date(r.receivedAt);
  return {
    id: submission.id,
    questionnaireId: questionnaire.id,
    communeCode: r.communeCode,
    wave: waveOf(receivedAt),
    channel: r.channel,
    answers: r.answers,
    requestHash: contentHash(submission),
    scores: scoreResponse(questionnaire.scoring, r.answers),
    startedAt,
    completedAt,
    receivedAt,
    kioskId: r.kioskId,
  };
}
