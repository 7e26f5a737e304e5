import { canonicalJson } from '../canonical-json.ts';
import type { Scoring } from './schema.ts';

/**
 * The normalised scoring block as one text, with its lists in a fixed order (items by name,
 * dimensions by key, missing codes by value): the order of those lists changes no score, so
 * two files that list the same items in another order still score every answer alike.
 *
 * @example
 *   scoringKey({ method: 'mean', missing: [99, 98], cutoff: 70, dimensions, items })
 *     === scoringKey({ method: 'mean', missing: [98, 99], cutoff: 70, dimensions, items })
 */
export function scoringKey(scoring: Scoring): string {
  return canonicalJson({
    ...scoring,
    missing: [...scoring.missing].sort((a, b) => a - b),
    dimensions: [...scoring.dimensions].sort((a, b) => a.key.localeCompare(b.key)),
    items: [...scoring.items].sort((a, b) => a.name.localeCompare(b.name)),
  });
}

/**
 * Whether two questionnaire versions score every possible answer the same way (METHOD.md
 * sections 1 and 5): the same method, missing codes, cutoff, dimensions with their weights and
 * minAnswered, and items with their dimension, scale, direction and weight. Such versions
 * differ only in wording, so their responses are one sample and a wave's results combine them.
 * Any difference, even one weight, keeps them apart.
 *
 * @example
 *   sameScoring(v1.scoring, v2.scoring)               // true: v2 rewords v1's questions only
 *   sameScoring(v1.scoring, { ...v1.scoring, cutoff: 60 }) // false
 */
export function sameScoring(a: Scoring, b: Scoring): boolean {
  return scoringKey(a) === scoringKey(b);
}
