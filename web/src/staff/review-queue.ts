import type { Commune } from '../../../server/communes/schema.ts';
import type { Questionnaire } from '../../../server/questionnaires/schema.ts';
import type { Staff } from '../../../server/users/schema.ts';
import { answerTexts } from './answer-texts.ts';
import { el, keepFieldValues, onLanguage, setHeading } from './dom.ts';
import { errorText, mountLoading } from './loading.ts';
import { t } from './messages.ts';
import { questionTitles } from './question-titles.ts';
import { type ReviewContext, reviewCard, shortId } from './review-card.ts';
import { openDecisionDialog } from './review-decision-dialog.ts';
import {
  effectiveFilters,
  filtersFromForm,
  reviewFilterFields,
  reviewQuery,
} from './review-filters.ts';
import { pushRoute, type ReviewFilters } from './router.ts';
import type {
  Api,
  Part,
  ReviewDecision,
  ReviewOutcome,
  ReviewPage,
  ReviewResponse,
} from './types.ts';

type Deps = {
  api: Api;
  me: Staff;
  filters: ReviewFilters;
  wave: string | null;
  waves: readonly string[];
  communes: Commune[];
  context: ReviewContext;
};

/** The queue itself, once communes and the questionnaire are known. */
function mountQueue(element: HTMLElement, deps: Deps): Part {
  const { api, context } = deps;
  let filters = effectiveFilters(deps.filters, deps.wave);
  let responses: ReviewResponse[] = [];
  let nextCursor: string | null = null;
  let loading = false;
  let failure: (() => string) | null = null;
  let announcement: (() => string) | null = null;
  let generation = 0;
  let destroyed = false;

  const form = el('form', {
    className: 'card review-filters',
    attrs: { 'aria-label': t('review.filters') },
  });
  const status = el('p', {
    className: 'hint queue-count',
    tabIndex: -1,
    attrs: { role: 'status' },
  });
  const list = el('div', { className: 'review-list' });
  const more = el('button', { type: 'button', className: 'load-more' });
  const errorHost = el('div');
  const bulk = el('div', { className: 'bulk actions' });
  element.append(form, status, errorHost, bulk, list, more);

  const renderForm = () => {
    form.replaceChildren(
      el('div', { className: 'filter-fields' }, [
        ...reviewFilterFields(filters, { waves: deps.waves, communes: deps.communes }),
        el('button', { type: 'submit', className: 'primary', textContent: t('review.apply') }),
      ]),
    );
  };

  const cardFor = (response: ReviewResponse) => reviewCard(response, context, decide);

  const renderStatus = () => {
    status.textContent = announcement
      ? announcement()
      : loading && responses.length === 0
        ? t('loading')
        : t(nextCursor ? 'review.countMore' : 'review.count', { count: responses.length });
    renderBulk();
    more.hidden = nextCursor === null;
    more.disabled = loading;
    more.textContent = loading ? t('loading') : t('review.loadMore');
    errorHost.replaceChildren();
    if (failure) {
      const retry = el('button', { type: 'button', textContent: t('retry') });
      retry.addEventListener('click', () => void load(responses.length === 0 ? null : nextCursor));
      errorHost.append(
        el('p', { className: 'error', textContent: failure(), attrs: { role: 'alert' } }),
        retry,
      );
    }
  };

  /** Whole-page decisions, for a burst of dozens: one reason, one logged decision each. */
  const renderBulk = () => {
    const pending = responses.filter((r) => r.state === 'unreviewed');
    bulk.hidden = !context.canDecide || pending.length < 2;
    bulk.replaceChildren();
    if (bulk.hidden) return;
    bulk.setAttribute('aria-label', t('review.bulk'));
    bulk.setAttribute('role', 'group');
    for (const decision of ['exclude', 'keep'] as const) {
      const button = el('button', {
        type: 'button',
        className: decision === 'exclude' ? 'danger' : '',
        textContent: t(`review.bulk.${decision}`, { count: pending.length }),
      });
      button.addEventListener('click', () => decideMany(pending, decision, button));
      bulk.append(button);
    }
  };

  const renderList = () => {
    list.replaceChildren(
      ...(responses.length > 0 || loading || failure
        ? responses.map(cardFor)
        : [el('p', { className: 'notice empty', textContent: t('review.none') })]),
    );
  };

  const load = async (cursor: string | null) => {
    const mine = ++generation;
    loading = true;
    failure = null;
    announcement = null;
    renderStatus();
    try {
      const page = await api<ReviewPage>(reviewQuery(filters, cursor));
      if (destroyed || mine !== generation) return;
      const first = responses.length;
      responses = cursor ? [...responses, ...page.responses] : page.responses;
      nextCursor = page.nextCursor;
      loading = false;
      if (cursor) {
        list.append(...page.responses.map(cardFor));
        // Focus the first new card, so a keyboard reader carries on where the list grew.
        list.querySelectorAll<HTMLElement>('article h2')[first]?.focus();
      } else renderList();
    } catch (error) {
      if (destroyed || mine !== generation) return;
      loading = false;
      failure = () => errorText(error);
      if (!cursor) responses = [];
      renderList();
    }
    renderStatus();
  };

  /** Sends one decision and redraws its card with the state the server answers. */
  const send = async (response: ReviewResponse, decision: ReviewDecision, reason: string) => {
    const outcome = await api<ReviewOutcome>(`/api/responses/${response.id}/review`, {
      method: 'POST',
      json: { decision, reason },
    });
    const updated: ReviewResponse = { ...response, ...outcome };
    responses = responses.map((r) => (r.id === response.id ? updated : r));
    list.querySelector(`[data-response="${response.id}"]`)?.replaceWith(cardFor(updated));
  };

  function decideMany(
    pending: ReviewResponse[],
    decision: 'exclude' | 'keep',
    opener: HTMLElement,
  ) {
    const ids = new Set(pending.map((r) => r.id));
    let done = 0;
    openDecisionDialog({
      decision,
      subject: t('review.subjectMany', { count: pending.length }),
      note: t('review.bulkNote'),
      opener,
      decide: async (reason) => {
        // One at a time, in the order shown; a retry after a failure skips those already done.
        for (const response of responses.filter((r) => ids.has(r.id) && r.state === 'unreviewed')) {
          await send(response, decision, reason);
          done += 1;
        }
        announcement = () => t(`review.doneMany.${decision}`, { count: done });
        renderStatus();
      },
      explainFailure: (failure) => {
        renderStatus();
        return t('review.bulkFailed', { done, total: ids.size, error: errorText(failure) });
      },
      focusAfter: () => status,
    });
  }

  function decide(response: ReviewResponse, decision: ReviewDecision, opener: HTMLElement) {
    const id = shortId(response.id);
    openDecisionDialog({
      decision,
      subject: t('review.subjectOne', { id }),
      opener,
      decide: async (reason) => {
        await send(response, decision, reason);
        announcement = () => t(`review.done.${decision}`, { id });
        renderStatus();
      },
      focusAfter: () =>
        list.querySelector<HTMLElement>(`[data-response="${response.id}"] .actions button`),
    });
  }

  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    filters = effectiveFilters(filtersFromForm(form), deps.wave);
    // The address keeps the filters, so the view can be bookmarked and Back undoes a change.
    pushRoute({ name: 'review', filters });
    responses = [];
    nextCursor = null;
    void load(null);
  };
  const onMore = () => void load(nextCursor);
  form.addEventListener('submit', onSubmit);
  more.addEventListener('click', onMore);

  const stopLanguage = onLanguage(() => {
    form.setAttribute('aria-label', t('review.filters'));
    keepFieldValues(form, renderForm);
    if (!loading) renderList();
    renderStatus();
  });
  void load(null);
  return {
    destroy() {
      destroyed = true;
      stopLanguage();
      form.removeEventListener('submit', onSubmit);
      more.removeEventListener('click', onMore);
      element.replaceChildren();
    },
  };
}

/**
 * The review queue (admins and analysts): flagged responses with their flags in plain words,
 * their answers, kiosk and times, and exclude / keep / include, each asking for a reason.
 */
export function mountReviewQueue(
  element: HTMLElement,
  deps: Omit<Deps, 'communes' | 'context'> & {
    communes: () => Promise<Commune[]>;
    questionnaire: () => Promise<Questionnaire>;
  },
): Part {
  const heading = el('h1', { tabIndex: -1 });
  const intro = el('p', { className: 'intro' });
  const body = el('div');
  element.append(heading, intro, body);
  const stopLanguage = onLanguage(() => {
    setHeading(heading, t('review.title'));
    intro.textContent = t('review.intro');
  });
  const loading = mountLoading(body, {
    load: () => Promise.all([deps.communes(), deps.questionnaire()]),
    ready: ([communes, questionnaire]) => {
      const names = new Map(communes.map((c) => [c.code, c.name]));
      const context: ReviewContext = {
        communeName: (code) => names.get(code) ?? null,
        titles: questionTitles(questionnaire.survey),
        answerTexts: answerTexts(questionnaire.survey),
        scoredItems: questionnaire.scoring.items.map((item) => item.name),
        missing: questionnaire.scoring.missing,
        canDecide: deps.me.role === 'admin' || deps.me.role === 'analyst',
      };
      return mountQueue(body, { ...deps, communes, context });
    },
  });
  return {
    destroy() {
      stopLanguage();
      loading.destroy();
      element.replaceChildren();
    },
  };
}
