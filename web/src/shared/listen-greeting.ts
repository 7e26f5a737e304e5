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

/** The questionnaire on this page now: its recordings hold each language's greeting. */
let served: string | null = null;

/** Called by the page when its questionnaire is loaded (or changes with a new round). */
export function greetFrom(questionnaireId: string) {
  served = questionnaireId;
}

/**
 * The language buttons' greeter: the pressed language's greeting, when the questionnaire on
 * the page has one; silent before a questionnaire is loaded.
 */
export function greetInLanguage(code: string) {
  if (served) void playGreeting(served, code);
}
