import type { RecordingListEntry } from '../../../server/audio/schema.ts';
import { el } from './el.ts';

/** The recordings of one questionnaire version in one language, by key. */
export type Recordings = ReadonlyMap<string, RecordingListEntry>;

/** The list's address for one language: the kiosk's precache stores the same addresses. */
export const recordingListUrl = (questionnaireId: string, language: string) =>
  `/api/audio/${encodeURIComponent(questionnaireId)}?language=${encodeURIComponent(language)}`;

const asked = new Map<string, Promise<Recordings>>();

let probe: HTMLAudioElement | null = null;
/** Whether this device can play a type: a recording it cannot is no button at all. */
export function canPlay(contentType: string) {
  probe ??= el('audio');
  return probe.canPlayType(contentType) !== '';
}

/**
 * The recordings this device can play, asked for once per questionnaire and language (every
 * page of the form and every next person share the answer). Unreachable: none, and asked
 * again next time, so a form drawn offline does not keep a kiosk silent once back online.
 */
export function recordingsFor(questionnaireId: string, language: string): Promise<Recordings> {
  const url = recordingListUrl(questionnaireId, language);
  let answer = asked.get(url);
  if (!answer) {
    answer = fetch(url)
      .then(async (res) => {
        if (!res.ok) throw new Error(`recordings list: ${res.status}`);
        const items = (await res.json()) as RecordingListEntry[];
        return new Map(
          items
            .filter((item) => item.language === language && canPlay(item.contentType))
            .map((item) => [item.key, item]),
        );
      })
      .catch(() => {
        asked.delete(url);
        return new Map();
      });
    asked.set(url, answer);
  }
  return answer;
}
