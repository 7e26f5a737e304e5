import type { Commune } from '../../../server/communes/schema.ts';
import type { Questionnaire } from '../../../server/questionnaires/schema.ts';
import { scoreResponse } from '../../../server/scoring/score-response.ts';
import { api } from '../shared/api.ts';
import { mountCommuneChooser } from '../shared/commune-chooser.ts';
import { onLanguageChange, translate } from '../shared/i18n.ts';
import { newResponseId } from '../shared/new-id.ts';
import type { Outbox } from '../shared/outbox.ts';
import { mountSurveyForm } from '../shared/survey-form.ts';
import { residentMessages } from './messages.ts';
import { mountProfile } from './profile.ts';

const communeKey = 'cbhpi.commune';
const t = (key: string, values?: Record<string, string | number>) =>
  translate(residentMessages, key, values);

type Part = { destroy(): void };

/**
 * The resident's page: choose a commune, answer, see one's own profile. Each answer set gets
 * its UUID when the resident starts, and goes through the outbox, so a response made with no
 * signal is sent later, once, whatever happens to the page in between.
 */
export function mountResident(element: HTMLElement, deps: { outbox: Outbox }) {
  let part: Part | null = null;
  let screen: () => void = () => {};
  /** `redraw`: whether a change of language redraws the screen (the form translates itself). */
  const show = (render: () => Part | null, redraw = true) => {
    part?.destroy();
    element.replaceChildren();
    screen = redraw ? () => show(render) : () => {};
    part = render();
  };
  const el = <K extends keyof HTMLElementTagNameMap>(
    tag: K,
    props: Partial<HTMLElementTagNameMap[K]> = {},
  ) => Object.assign(document.createElement(tag), props);

  const load = async () => {
    show(() => {
      element.append(el('p', { textContent: t('loading') }));
      return null;
    });
    try {
      const [questionnaire, communes] = await Promise.all([
        api<Questionnaire>('/api/questionnaires/current'),
        api<Commune[]>('/api/communes'),
      ]);
      choose(questionnaire, communes);
    } catch {
      show(() => {
        const retry = el('button', {
          type: 'button',
          className: 'primary',
          textContent: t('retry'),
        });
        retry.addEventListener('click', () => void load());
        element.append(el('p', { className: 'error', textContent: t('loadFailed') }), retry);
        return null;
      });
    }
  };

  const choose = (questionnaire: Questionnaire, communes: Commune[]) =>
    show(() => {
      let selected = localStorage.getItem(communeKey);
      if (!communes.some((c) => c.code === selected)) selected = null;
      const heading = el('h1', { textContent: t('title') });
      const intro = el('p', { textContent: t('intro') });
      const chooserHost = el('div');
      const start = el('button', {
        type: 'button',
        className: 'primary big',
        textContent: t('start'),
      });
      start.disabled = selected === null;
      element.append(heading, intro, chooserHost, start);
      const chooser = mountCommuneChooser(chooserHost, {
        communes,
        selected,
        labels: { label: t('communeLabel'), search: t('communeSearch'), none: t('communeNone') },
        onChange: (code) => {
          selected = code;
          localStorage.setItem(communeKey, code);
          start.disabled = false;
        },
      });
      const onStart = () => selected && answer(questionnaire, communes, selected);
      start.addEventListener('click', onStart);
      return { destroy: () => chooser.destroy() };
    });

  const answer = (questionnaire: Questionnaire, communes: Commune[], communeCode: string) =>
    show(() => {
      const id = newResponseId();
      const startedAt = new Date().toISOString();
      const host = el('div', { className: 'survey-host' });
      element.append(host);
      const form = mountSurveyForm(host, questionnaire, (answers) => {
        const body = {
          id,
          questionnaireId: questionnaire.id,
          communeCode,
          channel: 'web' as const,
          answers,
          startedAt,
          completedAt: new Date().toISOString(),
        };
        void deps.outbox.add(body).then(() => thanks(questionnaire, communes, answers, id));
      });
      return form;
    }, false);

  const thanks = (
    questionnaire: Questionnaire,
    communes: Commune[],
    answers: Record<string, unknown>,
    id: string,
  ) =>
    show(() => {
      const heading = el('h1', { textContent: t('thanks'), tabIndex: -1 });
      // Said from the outbox's own outcome for this response, not guessed from `onLine`: a
      // connected phone whose server is away must hear "kept, will be sent", not "sent".
      const status = el('p', { className: 'status' });
      status.setAttribute('role', 'status');
      let outcome: 'sending' | 'sent' | 'queued' | 'rejectedThanks' = navigator.onLine
        ? 'sending'
        : 'queued';
      const renderStatus = () => {
        status.textContent = t(outcome);
      };
      const profileHost = el('section', { className: 'profile' });
      const again = el('button', { type: 'button', className: 'primary', textContent: t('again') });
      again.addEventListener('click', () => choose(questionnaire, communes));
      element.append(heading, status, profileHost, again);
      heading.focus();
      let profile: Part | null = null;
      let destroyed = false;
      // An outcome heard while the first read is under way is newer than what it reads.
      let heard = false;
      const unwatch = deps.outbox.onOutcome((itemId, result) => {
        if (itemId !== id) return;
        heard = true;
        outcome = ({ delivered: 'sent', waiting: 'queued', rejected: 'rejectedThanks' } as const)[
          result
        ];
        renderStatus();
      });
      void deps.outbox.items().then((items) => {
        const item = items.find((i) => i.id === id);
        if (destroyed || heard) return;
        if (!item) outcome = 'sent';
        else if (item.state === 'rejected') outcome = 'rejectedThanks';
        else outcome = item.attempts === 0 && navigator.onLine ? 'sending' : 'queued';
        renderStatus();
      });
      renderStatus();
      // The same engine as the server's, so the profile is there offline too; the server
      // recomputes and stores its own scores from the answers.
      void mountProfile(profileHost, scoreResponse(questionnaire.scoring, answers)).then((p) => {
        if (destroyed) p.destroy();
        else profile = p;
      });
      return {
        destroy() {
          destroyed = true;
          unwatch();
          profile?.destroy();
        },
      };
    });

  const unsubscribe = onLanguageChange(() => screen());
  void load();
  return {
    destroy() {
      unsubscribe();
      part?.destroy();
      element.replaceChildren();
    },
  };
}
