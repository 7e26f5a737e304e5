/**
 * The calendar of a wave, in Asia/Ho_Chi_Minh (server/API.md "Waves"). Pure.
 *
 * A wave's dates are whole days there: it is open from 00:00 on `opensOn` to the end of
 * `closesOn` (the instant 00:00 of the next day is already outside). Việt Nam has kept UTC+7
 * all year since 1975, with no summer time, so a fixed offset is exact.
 *
 * A response completed while a wave was open is accepted until the end of the 14th day after
 * its last day (offline kiosks and phones come back late): closing 30 June, arriving any time
 * on 14 July is taken, on 15 July refused.
 */

const vietnamOffsetMs = 7 * 3600_000;
const dayMs = 86_400_000;

/** Days after a wave's last day on which responses completed in it are still taken. */
export const lateArrivalDays = 14;

/** A wave as far as its calendar goes. */
export type WaveCalendar = {
  opensOn: string;
  closesOn: string;
  /** Set when an admin closed the wave: nothing completed after this instant belongs to it. */
  closedAt: Date | null;
};

export type WaveState = 'planned' | 'open' | 'closed';

/** The day (`YYYY-MM-DD`) it is in Việt Nam at this instant. */
export function vietnamDate(instant: Date): string {
  return new Date(instant.getTime() + vietnamOffsetMs).toISOString().slice(0, 10);
}

/** 00:00 in Việt Nam on this day, as an instant. */
export function startOfVietnamDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - vietnamOffsetMs);
}

/** The day `days` after this one (negative: before). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

/** Whether `YYYY-MM-DD` is a real day (not 2026-02-30). */
export function isCalendarDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const parsed = Date.parse(`${date}T00:00:00Z`);
  return Number.isFinite(parsed) && new Date(parsed).toISOString().startsWith(date);
}

/** The first instant no longer in the wave: the end of `closesOn`, or the closing if sooner. */
export function waveEnd(wave: WaveCalendar): Date {
  const endOfLastDay = startOfVietnamDay(addDays(wave.closesOn, 1));
  return wave.closedAt && wave.closedAt < endOfLastDay ? wave.closedAt : endOfLastDay;
}

/** Whether a response completed at this instant belongs to the wave. */
export function containsInstant(wave: WaveCalendar, instant: Date): boolean {
  return instant >= startOfVietnamDay(wave.opensOn) && instant < waveEnd(wave);
}

/** The first instant a late response of this wave is refused: 00:00 on day 15 after it. */
export function lateArrivalDeadline(wave: Pick<WaveCalendar, 'closesOn'>): Date {
  return startOfVietnamDay(addDays(wave.closesOn, lateArrivalDays + 1));
}

/** Planned before its first day, closed after its last (or once an admin closed it). */
export function waveState(wave: WaveCalendar, now: Date): WaveState {
  if (now < startOfVietnamDay(wave.opensOn)) return 'planned';
  return now < waveEnd(wave) ? 'open' : 'closed';
}

/** Whether two waves share a day (both ends included). */
export function datesOverlap(
  a: Pick<WaveCalendar, 'opensOn' | 'closesOn'>,
  b: Pick<WaveCalendar, 'opensOn' | 'closesOn'>,
): boolean {
  return a.opensOn <= b.closesOn && b.opensOn <= a.closesOn;
}
