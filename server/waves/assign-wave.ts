import type { Db } from '../db/database.ts';
import { findWaveOnDayKept, type WaveRecord } from './queries.ts';
import {
  addDays,
  containsInstant,
  lateArrivalDays,
  lateArrivalDeadline,
  vietnamDate,
} from './wave-dates.ts';

export type WaveAssignment = { wave: WaveRecord } | { refusal: string };

/**
 * The wave a submission belongs to (server/API.md "Waves"): the one open when it was completed
 * (`completedAt`, else the time it is received), as long as it arrives by the end of the 14th
 * day after that wave's last day. A completion stamped after its arrival (a device clock
 * running fast) counts as completed on arrival. Pure but for `wave`, the one wave whose days
 * contain the completion's day (waves never share a day).
 */
export function judgeWave(
  wave: WaveRecord | null,
  completedAt: Date,
  receivedAt: Date,
): WaveAssignment {
  const day = vietnamDate(completedAt);
  if (!wave || !containsInstant(wave, completedAt)) {
    return {
      refusal: `No survey wave was open on ${day} (Asia/Ho_Chi_Minh), when this response was completed; nothing was stored`,
    };
  }
  if (receivedAt >= lateArrivalDeadline(wave)) {
    return {
      refusal: `The survey wave "${wave.id}" ended on ${wave.closesOn}; its responses were taken until ${addDays(wave.closesOn, lateArrivalDays)} and nothing was stored`,
    };
  }
  return { wave };
}

/**
 * The wave of a submission, from a lookup at most a second old (`findWaveOnDayKept`): a wave
 * created, changed or closed by this process counts at once, by another within a second.
 */
export async function assignWave(
  db: Db,
  completedAt: Date | null,
  receivedAt: Date,
): Promise<WaveAssignment> {
  const at = completedAt && completedAt < receivedAt ? completedAt : receivedAt;
  return judgeWave(await findWaveOnDayKept(db, vietnamDate(at)), at, receivedAt);
}
