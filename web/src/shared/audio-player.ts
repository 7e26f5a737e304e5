/**
 * Plays one thing at a time, a recording or the device's speech, for the listen buttons and
 * the greeting. Loaded on the first press (or a kiosk's autoplay): a resident who never
 * listens never downloads it.
 */

import { el } from './el.ts';

/** What a listen button says: a recording's address, or a text for the device's voice. */
export type ListenSource =
  | { kind: 'recording'; url: string }
  | { kind: 'speech'; text: string; voice: SpeechSynthesisVoice };

type Playing = { button: HTMLElement | null; stop(): void };

let current: Playing | null = null;
let element: HTMLAudioElement | null = null;

/** One audio element for the page, in the document so its state can be looked at. */
function audioElement() {
  if (!element?.isConnected) {
    element = el('audio', { hidden: true, preload: 'auto', className: 'listen-audio' });
    document.body.append(element);
  }
  return element;
}

function showPlaying(button: HTMLElement | null, playing: boolean) {
  if (!button) return;
  button.setAttribute('aria-pressed', String(playing));
  if (!playing) button.removeAttribute('data-playing');
}

/** Stops whatever plays now, and shows its button released. */
export function stopListening() {
  const playing = current;
  current = null;
  playing?.stop();
  showPlaying(playing?.button ?? null, false);
}

/** Called when a recording or a speech has played to its end (not when it was stopped or failed). */
type OnEnded = () => void;

function playRecording(url: string, button: HTMLElement | null, onEnded?: OnEnded): Playing {
  const audio = audioElement();
  const done = () => {
    if (current?.button === button && current === playing) {
      current = null;
      showPlaying(button, false);
      return true;
    }
    return false;
  };
  const onPlaying = () => button?.setAttribute('data-playing', '');
  audio.onplaying = onPlaying;
  audio.onended = () => {
    if (done()) onEnded?.();
  };
  audio.onerror = done;
  audio.src = url;
  const playing: Playing = {
    button,
    stop() {
      audio.onended = audio.onerror = audio.onplaying = null;
      audio.pause();
    },
  };
  // Refused autoplay (no touch yet) or a failed load: the button is released, nothing breaks.
  audio.play().catch(done);
  return playing;
}

function speak(
  text: string,
  voice: SpeechSynthesisVoice,
  button: HTMLElement | null,
  onEnded?: OnEnded,
): Playing {
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = voice.lang;
  // Only one of this browser's own voices can be set; the language alone still picks one.
  if (voice instanceof SpeechSynthesisVoice) utterance.voice = voice;
  const playing: Playing = {
    button,
    stop() {
      utterance.onend = utterance.onerror = null;
      speechSynthesis.cancel();
    },
  };
  const done = () => {
    if (current !== playing) return false;
    current = null;
    showPlaying(button, false);
    return true;
  };
  utterance.onstart = () => button?.setAttribute('data-playing', '');
  utterance.onend = () => {
    if (done()) onEnded?.();
  };
  utterance.onerror = done;
  speechSynthesis.cancel();
  speechSynthesis.speak(utterance);
  return playing;
}

/**
 * Starts `source`, stopping anything else first; `button` shows it pressed while it plays.
 * `onEnded` hears that it played to its end, so a kiosk's page can go on to the next one.
 */
export function play(source: ListenSource, button: HTMLElement | null = null, onEnded?: OnEnded) {
  stopListening();
  showPlaying(button, true);
  current =
    source.kind === 'recording'
      ? playRecording(source.url, button, onEnded)
      : speak(source.text, source.voice, button, onEnded);
}

/** A press: the button playing now stops; any other starts (and stops the one playing). */
export function toggle(source: ListenSource, button: HTMLElement) {
  if (current?.button === button) stopListening();
  else play(source, button);
}
