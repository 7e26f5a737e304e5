import type { PairedKiosk } from '../../../server/kiosks/schema.ts';
import type { Questionnaire } from '../../../server/questionnaires/schema.ts';
import type { Submission } from '../../../server/responses/schema.ts';
import { precacheRecordings } from '../shared/audio-precache.ts';
import { el } from '../shared/el.ts';
import { onLanguageChange, translate } from '../shared/i18n.ts';
import { greetFrom } from '../shared/listen-greeting.ts';
import { newResponseId } from '../shared/new-id.ts';
import type { Outbox } from '../shared/outbox.ts';
import { mountSurveyForm } from '../shared/survey-form.ts';
import { forgetPerson } from './forget-person.ts';
import { watchIdle } from './idle-timer.ts';
import type { KioskConfig } from './kiosk-config.ts';
import { type KioskKey, kioskMessages } from './messages.ts';
import { openStillThere } from './still-there-dialog.ts';

const t = (key: KioskKey, values?: Record<string, string | number>) =>
  translate(kioskMessages, key, values);

type Part = { destroy(): void };

/**
 * One person after another: a fresh form, the thank-you, a fresh form again. Between two
 * people (after the thank-you, or when an unattended form times out) the form is destroyed
 * with its answers and `forgetPerson` empties the page's storage, so the next person finds
 * nothing of the last. Answers leave the form only into the outbox, with the kiosk's token.
 */
export function mountKioskLoop(
  element: HTMLElement,
  deps: {
    questionnaire: Questionnaire;
    kiosk: PairedKiosk;
    outbox: Outbox;
    config: KioskConfig;
    /** Called when a fresh form waits for the next person (mount-kiosk asks for the round then). */
    onNextPerson?: () => void;
  },
) {
  const { questionnaire, kiosk, outbox, config } = deps;
  let part: Part | null = null;
  /** A fresh form nobody has touched: the loop may be replaced without losing anyone's answers. */
  let free = false;
  let redraw: () => void = () => {};
  const show = (render: () => Part, translateByRedraw = true) => {
    part?.destroy();
    element.replaceChildren();
    redraw = translateByRedraw ? () => show(render) : () => {};
    part = render();
  };
  const freshForm = () => {
    part?.destroy();
    part = null;
    // The reset of the language must not redraw the screen that was just destroyed.
    redraw = () => {};
    element.replaceChildren();
    forgetPerson();
    show(form, false);
    free = true;
    deps.onNextPerson?.();
  };

  const form = (): Part => {
    const id = newResponseId();
    // When the person first touches the form, not when it was drawn for nobody in particular.
    let startedAt: string | null = null;
    let prompt: { close(): void } | null = null;
    const host = el('div', { className: 'survey-host' });
    element.append(host);
    const idle = watchIdle({
      idleMs: config.idleSeconds * 1000,
      onFirstActivity: () => {
        startedAt = new Date().toISOString();
        free = false;
      },
      onIdle: () => {
        prompt = openStillThere(element, {
          seconds: config.promptSeconds,
          onStay: () => {
            prompt = null;
            idle.resume();
          },
          onTimeout: () => {
            prompt = null;
            freshForm();
          },
        });
      },
    });
    const survey = mountSurveyForm(
      host,
      questionnaire,
      (answers) => {
        idle.stop();
        free = false;
        const body: Submission = {
          id,
          questionnaireId: questionnaire.id,
          communeCode: kiosk.communeCode,
          channel: 'kiosk',
          answers,
          ...(startedAt ? { startedAt } : {}),
          completedAt: new Date().toISOString(),
        };
        void save(body);
      },
      { autoplayAudio: config.autoplayAudio },
    );
    return {
      destroy() {
        idle.stop();
        prompt?.close();
        survey.destroy();
      },
    };
  };

  /** Durably queued before the thank-you: a response is never thanked and then lost. */
  const save = async (body: Submission) => {
    try {
      await outbox.add(body, kiosk.token);
      const endsAt = Date.now() + config.thanksSeconds * 1000;
      show(() => thanks(endsAt));
    } catch {
      show(() => {
        const retry = el('button', {
          type: 'button',
          className: 'primary big',
          textContent: t('retry'),
        });
        retry.addEventListener('click', () => void save(body));
        element.append(el('p', { className: 'error', textContent: t('saveFailed') }), retry);
        return { destroy() {} };
      });
    }
  };

  const thanks = (endsAt: number): Part => {
    const heading = el('h1', { textContent: t('thanks'), tabIndex: -1 });
    const saved = el('p', { className: 'status', textContent: t('thanksSaved') });
    const next = el('p', { className: 'hint' });
    const nextPerson = el('button', {
      type: 'button',
      className: 'primary big',
      textContent: t('nextPerson'),
    });
    element.append(el('section', { className: 'thanks' }, [heading, saved, next, nextPerson]));
    heading.focus();
    const render = () => {
      next.textContent = t('thanksNext', {
        seconds: Math.max(Math.ceil((endsAt - Date.now()) / 1000), 0),
      });
    };
    render();
    const tick = setInterval(render, 1000);
    const done = setTimeout(freshForm, endsAt - Date.now());
    nextPerson.addEventListener('click', freshForm);
    return {
      destroy() {
        clearInterval(tick);
        clearTimeout(done);
      },
    };
  };

  const unsubscribe = onLanguageChange(() => redraw());
  // Every recording of this questionnaire kept on the device, so residents hear them offline.
  void precacheRecordings(questionnaire.id);
  greetFrom(questionnaire.id);
  freshForm();
  return {
    /** Whether the form on screen waits, untouched, for the next person. */
    free: () => free,
    destroy() {
      unsubscribe();
      part?.destroy();
      part = null;
      element.replaceChildren();
      forgetPerson();
    },
  };
}
