import type { Scoring } from '../questionnaires/schema.ts';
import type { FlagName } from './flag-names.ts';
import { isStraightLine } from './straight-line.ts';
import { countAnswered, isTooFast } from './too-fast.ts';

/**
 * The flags a response earns by itself, from its own answers and times (`too_fast`,
 * `straight_line`); `duplicate` and `burst` depend on the other stored responses and are
 * found by the database (see `integrity_flag_new_response`).
 *
 * @example ownFlags(scoring, { answers: uniform10, startedAt: t0, completedAt: t0 + 20 s })
 *   // ['too_fast', 'straight_line']
 */
export function ownFlags(
  scoring: Pick<Scoring, 'items' | 'missing'>,
  response: {
    answers: Record<string, unknown>;
    startedAt: string | Date | null | undefined;
    completedAt: string | Date | null | undefined;
  },
): FlagName[] {
  const flags: FlagName[] = [];
  if (isTooFast(response.startedAt, response.completedAt, countAnswered(response.answers))) {
    flags.push('too_fast');
  }
  if (isStraightLine(scoring, response.answers)) flags.push('straight_line');
  return flags;
}
