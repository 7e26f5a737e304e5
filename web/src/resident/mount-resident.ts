import type { Commune } from '../../../server/communes/schema.ts';
import { el } from '../shared/el.ts';
import { onLanguageChange, translate } from '../shared/i18n.ts';
import { mountNoOpenWaveScreen, noWaveOpen } from '../shared/no-open-wave-screen.ts';
import { watchReturns } from '../shared/open-wave-check.ts';
import type { Outbox } from '../shared/outbox.ts';
import { type LoadedForm, startFormLoad } from './form-loader.ts';
import { type ResidentKey, residentMessages } from './messages.ts';
import { mountStartScreen } from './start-screen.ts';

const t = (key: ResidentKey) => translate(residentMessages, key);

type Part = { destroy(): void };

/**
 * The commune list, fetched plainly so the HTML's `<link rel="preload">` of it is the same
 * request and no second round trip is made on a slow line.
 */
async function fetchCommunes() {
  const res = await fetch('/api/communes');
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return (await res.json()) as Commune[];
}

/**
 * The resident's page: choose a commune, answer, see one's own profile. The first screen is
 * plain DOM and comes first; the form (SurveyJS and the questionnaire) loads behind it. Every
 * answer set goes through the outbox, so a response made with no signal is sent later, once.
 */
export function mountResident(
  element: HTMLElement,
  deps: { outbox: Outbox; watchPending: (listener: (pending: number) => void) => () => void },
) {
  const form = startFormLoad();
  let part: Part | null = null;
  let screen: () => void = () => {};
  /** `redraw`: whether a change of language redraws the screen (the form translates itself). */
  const show = (render: () => Part | null, redraw = true) => {
    part?.destroy();
    element.replaceChildren();
    screen = redraw ? () => show(render) : () => {};
    part = render();
  };

  const load = async () => {
    show(() => {
      element.append(el('p', { className: 'page-loading', textContent: t('loading') }));
      return null;
    });
    try {
      choose(await fetchCommunes());
    } catch {
      show(() => {
        const retry = el('button', {
          type: 'button',
          className: 'primary',
          textContent: t('retry'),
        });
        retry.addEventListener('click', () => void load());
        element.append(el('p', { className: 'error', textContent: t('communesFailed') }), retry);
        return null;
      });
    }
  };

  /** With no wave open (the server says so with the questionnaire), a plain screen instead. */
  const closedForm = () => {
    const loaded = form.loaded();
    return loaded && noWaveOpen(loaded.questionnaire) ? loaded : null;
  };
  /**
   * The screen between two residents (start, or "no survey open"): only there is a change of
   * round taken in, never under someone answering or reading their thanks.
   */
  let between: 'start' | 'closed' | null = null;
  let communesHeld: Commune[] | null = null;
  const showClosed = (loaded: LoadedForm) => {
    show(() => {
      const next = (loaded.questionnaire as { nextWave?: { opensOn: string } | null }).nextWave;
      return mountNoOpenWaveScreen(element, { nextOpensOn: next?.opensOn ?? null });
    });
    between = 'closed';
  };
  const stopClosedWatch = form.onChange(() => {
    if (!between) return;
    const closed = closedForm();
    if (closed) showClosed(closed);
    else if (between === 'closed' && communesHeld) choose(communesHeld);
  });
  // A page left open asks again when it comes back, so a wave closed (or opened) meanwhile shows.
  const stopReturnWatch = watchReturns(() => form.refresh());

  const choose = (communes: Commune[]) => {
    communesHeld = communes;
    form.refresh();
    const closed = closedForm();
    if (closed) return showClosed(closed);
    between = 'start';
    show(() =>
      mountStartScreen(element, {
        communes,
        form,
        onStart: (code) => {
          const loaded = form.loaded();
          if (loaded) answer(loaded, communes, code);
        },
      }),
    );
  };

  const answer = (loaded: LoadedForm, communes: Commune[], communeCode: string) => {
    between = null;
    show(
      () =>
        loaded.screens.mountAnswerScreen(element, {
          questionnaire: loaded.questionnaire,
          communes,
          communeCode,
          onSubmit: (submission) => {
            void deps.outbox
              .add(submission)
              .then(() => thanks(loaded, communes, submission.answers, submission.id));
          },
        }),
      false,
    );
  };

  const thanks = (
    loaded: LoadedForm,
    communes: Commune[],
    answers: Record<string, unknown>,
    id: string,
  ) =>
    show(() =>
      loaded.screens.mountThanksScreen(element, {
        questionnaire: loaded.questionnaire,
        answers,
        id,
        outbox: deps.outbox,
        watchPending: deps.watchPending,
        onAgain: () => choose(communes),
      }),
    );

  const unsubscribe = onLanguageChange(() => screen());
  void load();
  return {
    destroy() {
      unsubscribe();
      stopClosedWatch();
      stopReturnWatch();
      part?.destroy();
      element.replaceChildren();
    },
  };
}
