import { normal, seededRandom } from '../demo/random.ts';
import { type MarginRow, marginCategories } from './validate-margins.ts';

/**
 * Adults (18 and over) in Cao Bằng, about: the province has some 550,000 people, and about
 * seven in ten are adults. The demo shares them out among the communes.
 */
const provinceAdults = 380_000;

/**
 * Shares of the adult population by age band, in a rural commune and in a ward. Younger than
 * the demo's respondents (respondent.ts draws 22/30/28/20), as the people who walk into a
 * commune office are older than those who live there: the gap weighting is for.
 */
const ageShares = {
  commune: { '18-29': 27, '30-44': 31, '45-59': 25, '60+': 17 },
  ward: { '18-29': 30, '30-44': 32, '45-59': 24, '60+': 14 },
} as const;

/**
 * Plausible synthetic margins for the demo (METHOD.md section 8), one set per commune in
 * `responses` (its demo response count): the province's adults shared in proportion to those
 * counts, so a commune with many demo responses is a large one; a sex split near even (a few
 * more women), age bands near the shares above, each commune a little different; the age
 * table's total within 0.3% of the sex table's, as two tables of a statistics office differ
 * by their rounding. Seeded, so the same demo gives the same margins. Every row passes
 * `checkMargins`.
 */
export function demoMargins(
  communes: ReadonlyArray<{ code: string; kind: 'ward' | 'commune' }>,
  responses: ReadonlyMap<string, number>,
  seed: number,
): MarginRow[] {
  const random = seededRandom(seed ^ 0x5eed_0008);
  // A commune with no demo response still gets a population (of one response's share).
  const size = (code: string) => Math.max(1, responses.get(code) ?? 0);
  const total = communes.reduce((sum, commune) => sum + size(commune.code), 0);
  const rows: MarginRow[] = [];
  for (const commune of [...communes].sort((a, b) => a.code.localeCompare(b.code))) {
    const adults = Math.max(200, Math.round((provinceAdults * size(commune.code)) / total));
    const female = Math.round(adults * clamp(normal(random, 0.505, 0.01), 0.47, 0.54));
    const ageTotal = Math.round(adults * (1 + clamp(normal(random, 0, 0.0015), -0.003, 0.003)));
    const shares = Object.values(ageShares[commune.kind]).map(
      (share) => share * Math.exp(normal(random, 0, 0.08)),
    );
    const ages = splitWhole(ageTotal, shares);
    const push = (variable: MarginRow['variable'], category: string, population: number) =>
      rows.push({ communeCode: commune.code, variable, category, population });
    push('sex', 'female', female);
    push('sex', 'male', adults - female);
    marginCategories.age_band.forEach((band, i) => {
      push('age_band', band, ages[i] ?? 0);
    });
  }
  return rows;
}

/** `total` split in proportion to `weights`, in whole numbers adding up to it exactly. */
function splitWhole(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const whole = exact.map(Math.floor);
  let left = total - whole.reduce((a, b) => a + b, 0);
  const byFraction = exact
    .map((x, i) => ({ i, fraction: x - Math.floor(x) }))
    .sort((a, b) => b.fraction - a.fraction);
  for (const { i } of byFraction) {
    if (left <= 0) break;
    whole[i] = (whole[i] ?? 0) + 1;
    left -= 1;
  }
  return whole;
}

function clamp(x: number, min: number, max: number) {
  return Math.min(max, Math.max(min, x));
}
