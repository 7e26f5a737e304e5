import './listen.css';
import type { Question, SurveyModel } from 'survey-core';
import { type Recordings, recordingsFor } from './audio-list.ts';
import type { ListenSource } from './audio-player.ts';
import { el } from './el.ts';
import { answerSpots, answersToRead } from './listen-answers.ts';
import { playInTurn } from './listen-in-turn.ts';
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

/** What the device's voice reads of a question: its title, its description, its answers. */
function speechText(question: Question) {
  const title = plainText(question.processedTitle);
  const description = plainText(question.description);
  return [title, description, ...answersToRead(question)].filter(Boolean).join('. ');
}

const svg = 'http://www.w3.org/2000/svg';

/**
 * A speaker with sound waves, drawn rather than an emoji: a kiosk PC or an old phone may have
 * no emoji font, and would show an empty box where the sign should say "sound".
 */
function speakerIcon() {
  const icon = document.createElementNS(svg, 'svg');
  icon.setAttribute('viewBox', '0 0 24 24');
  icon.setAttribute('aria-hidden', 'true');
  icon.setAttribute('focusable', 'false');
  icon.classList.add('listen-button__icon');
  const speaker = document.createElementNS(svg, 'path');
  speaker.setAttribute('d', 'M3 9h4l5-4v14l-5-4H3z');
  speaker.setAttribute('fill', 'currentColor');
  const waves = document.createElementNS(svg, 'path');
  waves.setAttribute('d', 'M15.5 8.5a5 5 0 0 1 0 7M18.5 5.5a9 9 0 0 1 0 13');
  waves.setAttribute('fill', 'none');
  waves.setAttribute('stroke', 'currentColor');
  waves.setAttribute('stroke-width', '2');
  waves.setAttribute('stroke-linecap', 'round');
  icon.append(speaker, waves);
  return icon;
}

/** The button's face: a speaker sign and the word, the same on a question and an answer. */
const buttonFace = (word: string) => [speakerIcon(), el('span', { textContent: word })];

/**
 * A large "Nghe" (listen) button on each question with something to hear in the form's
 * language: its recording (`GET /api/audio/:questionnaireId?language=`), or else, in
 * Vietnamese, its title read by the device's Vietnamese voice. With neither there is no
 * button, never one that does nothing. Pressing plays; pressing again stops; starting one
 * stops any other (audio-player.ts). The button's name is the word, its description the
 * question's title, so a screen reader says which question it reads.
 *
 * An answer with a recording of its own (`<question>.<value>`) gets a smaller button beside
 * its label (listen-answers.ts), described by the answer's text; pressing it chooses nothing.
 * Answers have no read-aloud of their own: the question's read-aloud reads them.
 *
 * `autoplay` (a kiosk's setting) plays the page's question recordings in turn as the page
 * opens, once per visit of the page, until the person presses any listen button or answers.
 * Returns `setLanguage`, to follow the form's language, and `destroy`.
 */
export function attachListenButtons(
  model: SurveyModel,
  options: { questionnaireId: string; language: string; autoplay?: boolean },
) {
  let language = options.language;
  let recordings: Recordings = new Map();
  let known = false;
  /** The page whose visit has had its autoplay (or a press that forgoes it). */
  let autoplayed: unknown = null;
  /** The autoplay's turn while it lasts; `waiting` while the player loads for it. */
  let turn: { stop(): void; readonly playing: boolean } | null = null;
  let waiting: object | null = null;
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

  const endTurn = () => {
    waiting = null;
    turn?.stop();
    turn = null;
  };

  /** A press: the person chooses what to hear, so the page's autoplay ends and never starts. */
  const onPress = (event: Event, source: ListenSource, button: HTMLElement) => {
    // The answer's row may hold handlers of SurveyJS's own: the press is the button's alone.
    event.stopPropagation();
    endTurn();
    autoplayed = model.currentPage;
    void loadPlayer().then((p) => p.toggle(source, button));
  };

  const questionButton = (name: string) =>
    shown.get(name)?.element.querySelector<HTMLElement>('.listen-row .listen-button') ?? null;

  /** The page's recorded questions, in the page's order, each on its own button. */
  const autoplayPage = () => {
    const page = model.currentPage;
    autoplayed = page;
    // A press, an answer or another page while the player loads: no turn starts after it.
    const ticket = {};
    waiting = ticket;
    void loadPlayer().then((p) => {
      if (destroyed || waiting !== ticket || model.currentPage !== page) return;
      waiting = null;
      const queue = (page.questions as Question[]).filter(
        (question) => question.isVisible && recordings.has(question.name),
      );
      turn = playInTurn(queue, (question, ended) => {
        const recording = recordings.get(question.name);
        if (!recording) return ended();
        p.play({ kind: 'recording', url: recording.url }, questionButton(question.name), ended);
      });
    });
  };

  const placeAnswers = (question: Question, element: HTMLElement) => {
    const words = listenWords(language);
    answerSpots(question, element).forEach((spot, index) => {
      const key = `${question.name}.${spot.value}`;
      const recording = recordings.get(key);
      if (!recording) return;
      const source: ListenSource = { kind: 'recording', url: recording.url };
      const descriptionId = `${question.id}_listen_${index}`;
      const button = el(
        'button',
        {
          type: 'button',
          className: 'listen-button listen-button--answer',
          attrs: {
            'data-listen': key,
            'data-source': source.kind,
            'aria-pressed': 'false',
            'aria-describedby': descriptionId,
          },
        },
        buttonFace(words.listen),
      );
      button.addEventListener('click', (event) => onPress(event, source, button));
      spot.put(
        el('span', { className: 'answer-listen' }, [
          button,
          // The answer's own words, apart from the label that chooses it.
          el('span', { id: descriptionId, hidden: true, textContent: spot.text }),
        ]),
      );
    });
  };

  const place = (question: Question, element: HTMLElement) => {
    element.querySelector('.listen-row')?.remove();
    for (const old of element.querySelectorAll('.answer-listen')) old.remove();
    if (!known) return;
    placeAnswers(question, element);
    const source = sourceFor(question);
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
      buttonFace(words.listen),
    );
    button.addEventListener('click', (event) => onPress(event, source, button));
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
      autoplayPage();
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
    endTurn();
    autoplayed = null;
    player?.stopListening();
  };
  model.onCurrentPageChanged.add(onPage);
  // An answer ends the autoplay, and silences it: the person has heard enough to answer.
  const onAnswer = () => {
    if (!turn?.playing && !waiting) return;
    endTurn();
    player?.stopListening();
  };
  model.onValueChanged.add(onAnswer);
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
      endTurn();
      recordings = new Map();
      player?.stopListening();
      placeAll();
      void load();
    },
    destroy() {
      destroyed = true;
      endTurn();
      unwatchVoices();
      model.onAfterRenderQuestion.remove(onRendered);
      model.onCurrentPageChanged.remove(onPage);
      model.onValueChanged.remove(onAnswer);
      player?.stopListening();
    },
  };
}
