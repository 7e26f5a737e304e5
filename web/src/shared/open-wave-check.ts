import type { Questionnaire } from '../../../server/questionnaires/schema.ts';
import { api } from './api.ts';

/** Which round a page's questionnaire is for: the version and the open wave (none: closed). */
const roundOf = (questionnaire: Questionnaire) =>
  `${questionnaire.id}|${(questionnaire as { openWave?: { id: string } | null }).openWave?.id ?? ''}`;

/**
 * Asks the server again what residents are given now. The new questionnaire when it differs
 * from the one the page holds (another version, a wave opened or closed); null when it is the
 * same, or when the server cannot be reached: an offline page keeps what it has, and its
 * outbox keeps sending.
 */
export async function recheckQuestionnaire(held: Questionnaire): Promise<Questionnaire | null> {
  try {
    const current = await api<Questionnaire>('/api/questionnaires/current');
    return roundOf(current) === roundOf(held) ? null : current;
  } catch {
    return null;
  }
}

/**
 * Calls `listener` when the page comes back: the window regains focus, the tab is shown again,
 * or the device is online again. A page left open for days (a kiosk, a phone's tab) asks then
 * whether the round it holds is still the one open. Returns the unsubscribe.
 */
export function watchReturns(listener: () => void) {
  const onVisible = () => {
    if (document.visibilityState === 'visible') listener();
  };
  window.addEventListener('focus', listener);
  window.addEventListener('online', listener);
  document.addEventListener('visibilitychange', onVisible);
  return () => {
    window.removeEventListener('focus', listener);
    window.removeEventListener('online', listener);
    document.removeEventListener('visibilitychange', onVisible);
  };
}
