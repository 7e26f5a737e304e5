import { recordingsFor } from './audio-list.ts';

/**
 * Plays a language's recorded greeting (key `_greeting`), for the language buttons: a person
 * who cannot read the page hears each language spoken in itself. False, and nothing played,
 * when that language has none (or the list cannot be had).
 */
export async function playGreeting(
  questionnaireId: string,
  language: string,
  button: HTMLElement | null = null,
): Promise<boolean> {
  const greeting = (await recordingsFor(questionnaireId, language)).get('_greeting');
  if (!greeting) return false;
  const { play } = await import('./audio-player.ts');
  play({ kind: 'recording', url: greeting.url }, button);
  return true;
}
