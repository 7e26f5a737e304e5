import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contentHash } from '../../server/canonical-json.ts';
import { parseCommunesCsv } from '../../server/communes/communes-csv.ts';
import { generateDemoResponses } from '../../server/demo/generate.ts';
import { seededRandom, seededUuid } from '../../server/demo/random.ts';
import { findAnswerProblems } from '../../server/questionnaires/find-answer-problems.ts';
import type { NewResponse } from '../../server/responses/queries.ts';
import { submissionSchema } from '../../server/responses/schema.ts';
import { waveOf } from '../../server/responses/wave.ts';
import { scoreResponse } from '../../server/scoring/score-response.ts';
import { questionnaire } from '../helpers/test-app.ts';

const communes = parseCommunesCsv(
  readFileSync(new URL('../../server/communes/communes.csv', import.meta.url), 'utf8'),
);
const generate = (responses: number, seed: number) => [
  ...generateDemoResponses(questionnaire, communes, { responses, seed }),
];
const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const items = questionnaire.scoring.items;

/** What a client would have sent for a row: the body the server hashes and validates. */
function submissionOf(row: NewResponse) {
  return {
    id: row.id,
    questionnaireId: row.questionnaireId,
    communeCode: row.communeCode,
    channel: row.channel,
    answers: row.answers,
    ...(row.startedAt === null ? {} : { startedAt: row.startedAt }),
    ...(row.completedAt === null ? {} : { completedAt: row.completedAt }),
  };
}

function correlation(pairs: ReadonlyArray<readonly [number, number]>) {
  const n = pairs.length;
  const mean = (i: 0 | 1) => pairs.reduce((sum, pair) => sum + pair[i], 0) / n;
  const [mx, my] = [mean(0), mean(1)];
  let [sxy, sxx, syy] = [0, 0, 0];
  for (const [x, y] of pairs) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

describe('seeded randomness', () => {
  it('gives the same stream for the same seed and unrelated streams for neighbouring seeds', () => {
    const draw = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: 5 }, () => random.uint32());
    };
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
    expect(draw(2 ** 32 + 1)).not.toEqual(draw(1));
    const random = seededRandom(3);
    const floats = Array.from({ length: 10_000 }, () => random.float());
    expect(Math.min(...floats)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...floats)).toBeLessThan(1);
    expect(floats.reduce((sum, x) => sum + x, 0) / floats.length).toBeCloseTo(0.5, 1);
  });

  it('makes valid, distinct version 4 UUIDs', () => {
    const random = seededRandom(1);
    const ids = Array.from({ length: 5000 }, () => seededUuid(random));
    for (const id of ids) expect(id).toMatch(uuidV4);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('generateDemoResponses', () => {
  const rows = generate(2000, 7);

  it('gives the same rows for the same seed, other rows for another', () => {
    expect(generate(2000, 7)).toEqual(rows);
    const other = generate(2000, 8);
    expect(other.map((row) => row.id)).not.toEqual(rows.map((row) => row.id));
  });

  it('yields exactly the rows asked for, each one the server would have accepted and stored', () => {
    expect(rows).toHaveLength(2000);
    expect(new Set(rows.map((row) => row.id)).size).toBe(2000);
    for (const row of rows) {
      const submission = submissionOf(row);
      expect(submissionSchema.safeParse(submission).success).toBe(true);
      expect(row.id).toMatch(uuidV4);
      expect(findAnswerProblems(questionnaire, row.answers)).toEqual([]);
      expect(row.requestHash).toBe(contentHash(submission));
      expect(row.scores).toEqual(scoreResponse(questionnaire.scoring, row.answers));
      expect(row.wave).toBe(waveOf(row.receivedAt));
      expect(row.questionnaireId).toBe(questionnaire.id);
      expect(row.kioskId).toBeNull();
      if (row.channel === 'web') {
        expect(Date.parse(row.startedAt ?? '')).toBeLessThan(Date.parse(row.completedAt ?? ''));
        expect(Date.parse(row.completedAt ?? '')).toBeLessThan(row.receivedAt.getTime());
      } else {
        expect(row.channel).toBe('paper');
        expect([row.startedAt, row.completedAt]).toEqual([null, null]);
      }
    }
  });

  it('covers every commune in both waves', () => {
    expect(new Set(rows.map((row) => row.wave))).toEqual(new Set(['2025', '2026']));
    expect(new Set(rows.map((row) => row.communeCode)).size).toBe(56);
  });
});

describe('a default-sized demo (20,000 responses)', () => {
  const rows = generate(20_000, 1);
  const byCell = new Map<string, NewResponse[]>();
  for (const row of rows) {
    const key = `${row.wave} ${row.communeCode}`;
    byCell.set(key, [...(byCell.get(key) ?? []), row]);
  }
  const cells = [...byCell].map(([key, cellRows]) => {
    const scores = cellRows.flatMap((row) => row.scores.overall ?? []);
    return { key, n: cellRows.length, mean: scores.reduce((a, b) => a + b, 0) / scores.length };
  });
  const share = (count: number, total: number) => count / total;

  it('has a handful of communes at 90 or more, most well below, and 3–4 too small to rank', () => {
    const ranked2026 = cells.filter((cell) => cell.key.startsWith('2026') && cell.n >= 30);
    const meeting = ranked2026.filter((cell) => cell.mean >= 90).length;
    expect(meeting).toBeGreaterThanOrEqual(5);
    expect(meeting).toBeLessThanOrEqual(8);
    const usual = ranked2026.filter((cell) => cell.mean >= 55 && cell.mean < 88.5).length;
    expect(usual).toBeGreaterThanOrEqual(ranked2026.length - meeting - 2);
    const small = cells.filter((cell) => cell.n < 30).length;
    expect(small).toBeGreaterThanOrEqual(3);
    expect(small).toBeLessThanOrEqual(4);
  });

  it('is a little better in 2026 than in 2025', () => {
    const mean = (wave: string) => {
      const scores = rows.filter((row) => row.wave === wave).flatMap((r) => r.scores.overall ?? []);
      return scores.reduce((a, b) => a + b, 0) / scores.length;
    };
    expect(mean('2026') - mean('2025')).toBeGreaterThan(0.5);
    expect(mean('2026') - mean('2025')).toBeLessThan(4);
  });

  it('answers "don\'t know" or "not applicable" 3–8% of the time, and skips some questions', () => {
    const answers = rows.flatMap((row) => items.map((item) => row.answers[item.name]));
    const missingCodes = answers.filter((answer) => answer === 98 || answer === 99).length;
    const given = answers.filter((answer) => answer !== undefined).length;
    expect(share(missingCodes, given)).toBeGreaterThan(0.03);
    expect(share(missingCodes, given)).toBeLessThan(0.08);
    expect(given).toBeLessThan(answers.length);
    expect(rows.some((row) => row.scores.overall === null)).toBe(true);
  });

  it('answers reverse-worded items low and life satisfaction high when a resident is doing well', () => {
    const scored = rows.filter((row) => row.scores.overall !== null);
    const lifeSat = scored.flatMap((row) =>
      typeof row.answers.life_sat === 'number'
        ? [[row.scores.overall ?? 0, row.answers.life_sat] as const]
        : [],
    );
    expect(correlation(lifeSat)).toBeGreaterThan(0.4);
    for (const item of items.filter((candidate) => candidate.reverse)) {
      const pairs = scored.flatMap((row) => {
        const answer = row.answers[item.name];
        return typeof answer === 'number' && answer <= 10
          ? [[row.scores.overall ?? 0, answer] as const]
          : [];
      });
      expect(correlation(pairs)).toBeLessThan(-0.3);
    }
  });

  it('has roughly the ethnic make-up of Cao Bằng, web and paper, and rare short comments', () => {
    const ethnicity = (group: string) =>
      share(rows.filter((row) => row.answers.ethnicity === group).length, rows.length);
    expect(ethnicity('tay')).toBeGreaterThan(0.3);
    expect(ethnicity('tay')).toBeLessThan(0.48);
    expect(ethnicity('nung')).toBeGreaterThan(0.22);
    expect(ethnicity('nung')).toBeLessThan(0.38);
    for (const group of ['hmong', 'dao']) {
      expect(ethnicity(group)).toBeGreaterThan(0.05);
      expect(ethnicity(group)).toBeLessThan(0.16);
    }
    expect(ethnicity('kinh')).toBeGreaterThan(0.03);
    expect(ethnicity('kinh')).toBeLessThan(0.12);
    const web = share(rows.filter((row) => row.channel === 'web').length, rows.length);
    expect(web).toBeGreaterThan(0.4);
    expect(web).toBeLessThan(0.8);
    const comments = rows.flatMap((row) =>
      typeof row.answers.comment === 'string' ? [row.answers.comment] : [],
    );
    expect(share(comments.length, rows.length)).toBeLessThan(0.06);
    expect(comments.length).toBeGreaterThan(0);
    for (const comment of comments) expect(comment.length).toBeLessThan(80);
  });
});
