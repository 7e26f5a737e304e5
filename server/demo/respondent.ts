import type { LoadedQuestionnaire } from '../questionnaires/normalise-questionnaire.ts';
import type { DimensionKey, ScoringItem } from '../questionnaires/schema.ts';
import type { DemoCell } from './plan.ts';
import { chance, normal, pickWeighted, type Random } from './random.ts';

export type DemoQuestionnaire = Pick<LoadedQuestionnaire, 'id' | 'scoring' | 'questions'>;

/** How far one resident sits from their commune, overall and per dimension (item-score points). */
const personSd = 7;
const personDimensionSd = 4;
/** Noise of a single answer, in points of a 0–10 scale. */
const answerSd = 0.9;

const ageBands: Record<string, number> = { '18-29': 22, '30-44': 30, '45-59': 28, '60+': 20 };
const sexes: Record<string, number> = { female: 51, male: 48.5, other: 0.5 };

const praise = [
  'Cán bộ xã nhiệt tình, cảm ơn.',
  'Cuộc sống ngày càng tốt hơn.',
  'Thủ tục hành chính nhanh hơn trước.',
  'Đường bê tông về tận bản, đi lại thuận tiện.',
  'Lễ hội năm nay rất vui.',
];
const complaints = [
  'Đường vào bản hay bị sạt lở mùa mưa.',
  'Mong có thêm việc làm cho thanh niên.',
  'Sóng điện thoại còn yếu.',
  'Trạm y tế xa, đi lại khó khăn.',
  'Mong được hỗ trợ vốn chăn nuôi.',
  'Giá phân bón cao quá.',
  'Cần sửa lại nhà văn hoá xóm.',
];

/**
 * One resident's answers, as a resident would give them: each scored item near
 * the resident's own level (their commune's, shifted by how they fare overall and in each
 * dimension), reverse-worded items mirrored (low when the resident is doing well), now and
 * then "don't know" / "not applicable" (each resident has their own habit, 1.5–10%), a skipped
 * question, or a form left unfinished. Unscored questions get only values the form offers.
 */
export function answerAsRespondent(
  random: Random,
  questionnaire: DemoQuestionnaire,
  cell: DemoCell,
  itemOffsets: ReadonlyMap<string, number>,
): Record<string, unknown> {
  const { scoring, questions } = questionnaire;
  const person = normal(random, 0, personSd);
  const dimensionShift = new Map<DimensionKey, number>(
    scoring.dimensions.map((dimension) => [dimension.key, normal(random, 0, personDimensionSd)]),
  );
  const missingHabit = 0.015 + 0.085 * random.float() ** 2;
  const stopsAt = chance(random, 0.015) ? Math.floor(random.float() * scoring.items.length) : null;
  const answers: Record<string, unknown> = {};
  scoring.items.forEach((item, index) => {
    if (stopsAt !== null && index >= stopsAt) return;
    if (chance(random, 0.01)) return;
    const offered = questions.get(item.name)?.choices ?? [];
    const codes = scoring.missing.filter((code) => offered.includes(code));
    if (codes.length > 0 && chance(random, missingHabit)) {
      answers[item.name] = codes[0] === codes.at(-1) || chance(random, 0.65) ? codes[0] : codes[1];
      return;
    }
    const level =
      cell.levels[item.dimension] +
      person +
      (dimensionShift.get(item.dimension) ?? 0) +
      (itemOffsets.get(item.name) ?? 0);
    answers[item.name] = itemAnswer(random, item, level);
  });
  if (stopsAt !== null) return answers;

  const wellBeing = meanLevel(cell) + person;
  const lifeSat = questions.get('life_sat');
  if (lifeSat?.choices && !chance(random, 0.02)) {
    const scale = lifeSat.choices.filter((value): value is number => typeof value === 'number');
    const [low, high] = [Math.min(...scale), Math.max(...scale)];
    const value = Math.round(low + ((high - low) * wellBeing) / 100 + normal(random, 0, 1.2));
    answers.life_sat = Math.min(high, Math.max(low, value));
  }
  pickChoice(random, questionnaire, answers, 'age_band', ageBands);
  pickChoice(random, questionnaire, answers, 'sex', sexes);
  pickChoice(random, questionnaire, answers, 'ethnicity', cell.ethnicity);
  if (questions.has('comment') && chance(random, 0.03)) {
    const pool = wellBeing >= 80 ? praise : complaints;
    answers.comment = pool[Math.floor(random.float() * pool.length)];
  }
  return answers;
}

/** A scale answer near `level` (0–100 on the good end), mirrored for reverse items. */
function itemAnswer(random: Random, item: ScoringItem, level: number): number {
  const span = item.max - item.min;
  const raw = Math.round((span * level) / 100 + normal(random, 0, (answerSd * span) / 10));
  const good = Math.min(span, Math.max(0, raw));
  return item.reverse ? item.max - good : item.min + good;
}

function meanLevel(cell: DemoCell) {
  const levels = Object.values(cell.levels);
  return levels.reduce((sum, level) => sum + level, 0) / levels.length;
}

/** A weighted choice among what the form offers for `name`; skipped by about 2%. */
function pickChoice(
  random: Random,
  questionnaire: DemoQuestionnaire,
  answers: Record<string, unknown>,
  name: string,
  weights: Record<string, number>,
) {
  const offered = questionnaire.questions.get(name)?.choices;
  if (!offered || offered.length === 0 || chance(random, 0.02)) return;
  answers[name] = pickWeighted(
    random,
    offered,
    offered.map((value) => weights[String(value)] ?? 0.5),
  );
}
