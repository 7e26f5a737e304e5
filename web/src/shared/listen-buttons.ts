import './listen.css';
import type { Question, SurveyModel } from 'survey-core';
import { type Recordings, recordingsFor } from './audio-list.ts';
import type { ListenSource } from './audio-player.ts';
import { el } from './el.ts';
import { listenWords } from './listen-messages.ts';
import { onVoicesChanged, vietnameseVoice } from './speech-voice.ts';

type Player = typeof import('./audio-player.ts');
let player: Player | null = null;
// The player is its own chunk: fetched at the first press, never by a resident who only reads.
const loadPlayer = async () => {
  player ??= await import('./audio-player.ts');
  return player;
};

const plainText = (html: string | undefined) =>
  (html ?? '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** What the device's voice reads of a question: its title, then its description. */
function speechText(question: Question) {
  const title = plainText(question.processedTitle);
  const description = plainText(question.description);
  return [title, description].filter(Boolean).join('. ');
}

/**
 * A large "Nghe" (listen) button on each question with something to hear in the form's
 * language: its recording (`GET /api/audio/:questionnaireId?language=`), or else, in
 * Vietnamese, its title read by the device's Vietnamese voice. With neither there is no
 * button, never one that does nothing. Pressing plays; pressing again stops; starting one
 * stops any other (audio-player.ts). The button's name is the word, its description the
 * question's title, so a screen reader says which question it reads.
 *
 * `autoplay` (a kiosk's setting) plays the first recording of each page as the page opens.
 * Returns `setLanguage`, to follow the form's language, and `destroy`.
 */
export function attachListenButtons(
  model: SurveyModel,
  options: { questionnaireId: string; language: string; autoplay?: boolean },
) {
  let language = options.language;
  let recordings: Recordings = new Map();
  let known = false;
  let autoplayed: unknown = null;
  let destroyed = false;
  const shown = new Map<string, { question: Question; element: HTMLElement }>();

  const sourceFor = (question: Question): ListenSource | null => {
    const recording = recordings.get(question.name);
    if (recording) return { kind: 'recording', url: recording.url };
    if (language !== 'vi') return null;
    const voice = vietnameseVoice();
    const text = speechText(question);
    return voice && text ? { kind: 'speech', text, voice } : null;
  };

  const place = (question: Question, element: HTMLElement) => {
    element.querySelector('.listen-row')?.remove();
    const source = known ? sourceFor(question) : null;
    if (!source) return;
    const words = listenWords(language);
    const button = el(
      'button',
      {
        type: 'button',
        className: 'listen-button',
        attrs: {
          'data-listen': question.name,
          'data-source': source.kind,
          'aria-pressed': 'false',
          ...(question.hasTitle ? { 'aria-describedby': question.ariaTitleId } : {}),
        },
      },
      [
        el('span', {
          className: 'listen-button__icon',
          textContent: '🔊',
          attrs: { 'aria-hidden': 'true' },
        }),
        el('span', { textContent: words.listen }),
      ],
    );
    button.addEventListener('click', () => {
      void loadPlayer().then((p) => p.toggle(source, button));
    });
    const row = el('div', { className: 'listen-row' }, [button]);
    const header = element.querySelector('.sd-question__header');
    if (header) header.after(row);
    else element.prepend(row);

    if (
      options.autoplay &&
      source.kind === 'recording' &&
      question.page === model.currentPage &&
      autoplayed !== model.currentPage
    ) {
      autoplayed = model.currentPage;
      void loadPlayer().then((p) => {
        if (!destroyed && button.isConnected) p.play(source, button);
      });
    }
  };

  const placeAll = (only?: (question: Question) => boolean) => {
    for (const [name, { question, element }] of shown) {
      if (!element.isConnected) shown.delete(name);
      else if (!only || only(question)) place(question, element);
    }
  };

  const load = async () => {
    const asked = language;
    const answer = await recordingsFor(options.questionnaireId, asked);
    if (destroyed || asked !== language) return;
    recordings = answer;
    known = true;
    placeAll();
  };

  const onRendered = (_: SurveyModel, event: { question: Question; htmlElement: HTMLElement }) => {
    shown.set(event.question.name, { question: event.question, element: event.htmlElement });
    place(event.question, event.htmlElement);
  };
  model.onAfterRenderQuestion.add(onRendered);
  const onPage = () => {
    autoplayed = null;
    player?.stopListening();
  };
  model.onCurrentPageChanged.add(onPage);
  // Voices arrive late: the questions with no recording may now be read aloud.
  const unwatchVoices = onVoicesChanged(() => {
    if (known && language === 'vi') placeAll((question) => !recordings.has(question.name));
  });
  void load();

  return {
    setLanguage(code: string) {
      if (code === language) return;
      language = code;
      known = false;
      recordings = new Map();
      player?.stopListening();
      placeAll();
      void load();
    },
    destroy() {
      destroyed = true;
      unwatchVoices();
      model.onAfterRenderQuestion.remove(onRendered);
      model.onCurrentPageChanged.remove(onPage);
      player?.stopListening();
    },
  };
}
