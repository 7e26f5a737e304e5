import type { Commune } from '../../../server/communes/schema.ts';
import type { Questionnaire } from '../../../server/questionnaires/schema.ts';
import type { Staff } from '../../../server/users/schema.ts';
import { ApiError } from '../shared/api.ts';
import { mountAuditPage } from './audit-page.ts';
import { mountCommunePage } from './commune-page.ts';
import { el } from './dom.ts';
import { mountImportsScreen } from './imports-screen.ts';
import { mountKiosksScreen } from './kiosks-admin.ts';
import { mountLanguagesScreen } from './languages-screen.ts';
import { mountLoading } from './loading.ts';
import { mountNotAllowed } from './not-allowed.ts';
import { mountPaperBatchesScreen } from './paper-batches.ts';
import { mountPaperConflicts } from './paper-conflicts.ts';
import { mountPaperEntry } from './paper-entry.ts';
import { mountPaperPrint } from './paper-print.ts';
import { mountPopulationScreen } from './population-screen.ts';
import { mountPrintCommune } from './print-commune.ts';
import { mountPrintProvince } from './print-province.ts';
import { mountProgressScreen } from './progress-screen.ts';
import { type QuestionTitles, questionTitles } from './question-titles.ts';
import { mountQuestionnaireScreen } from './questionnaire-screen.ts';
import { mountRankingScreen } from './ranking-screen.ts';
import { mountReviewQueue } from './review-queue.ts';
import { parseRoute, type Route, replaceRoute, watchRoute } from './router.ts';
import { mountSignIn } from './sign-in.ts';
import { mountStaffNav } from './staff-nav.ts';
import type { Api, Part, Trend } from './types.ts';
import { mountUsersScreen } from './users-admin.ts';
import { mountWavesScreen } from './waves-screen.ts';
import { mountWeightsCompare } from './weights-compare.ts';

/**
 * Where a role lands: an officer on their own commune, a clerk on the paper entry screen (the
 * only one they have), everyone else on the ranking.
 */
const landing = (me: Staff): Route =>
  me.role === 'enumerator'
    ? { name: 'paperEntry' }
    : me.role === 'commune_officer' && me.communeCode
      ? { name: 'commune', code: me.communeCode }
      : { name: 'ranking' };

/** No figures for a clerk: the API refuses them the trend, and no screen of theirs needs it. */
const noTrend = { threshold: 90, minN: 30, targetYear: 2030, waves: [] } satisfies Trend;

/** Memoises a load, but forgets a failure so that the next call tries again. */
function once<T>(load: () => Promise<T>) {
  let promise: Promise<T> | null = null;
  return () => {
    promise ??= load().catch((error: unknown) => {
      promise = null;
      throw error;
    });
    return promise;
  };
}

/**
 * The signed-in dashboard: the bar (who, the screens, sign out) and the screen of the
 * current `location.hash`, all showing the wave chosen (the latest by default). It answers for the role client-side only to spare
 * a pointless request; the API decides, and its 403 is shown as "not allowed".
 */
function mountDashboard(
  element: HTMLElement,
  deps: { api: Api; me: Staff; trend: Trend; onSignOut: () => void },
): Part {
  const { api, me, trend } = deps;
  let wave = trend.waves.at(-1)?.wave ?? null;
  let route: Route = landing(me);
  let screen: Part | null = null;
  const communes = once(() => api<Commune[]>('/api/communes'));
  const questionnaire = once(() => api<Questionnaire>('/api/questionnaires/current'));
  const titles = once(
    async (): Promise<QuestionTitles> => questionTitles((await questionnaire()).survey),
  );

  const navHost = el('div');
  const screenHost = el('div', { className: 'screen' });
  element.append(navHost, screenHost);
  const nav = mountStaffNav(navHost, { me, onSignOut: deps.onSignOut });
  const waves = {
    waves: trend.waves.map((w) => w.wave),
    onWaveChange: (next: string) => {
      wave = next;
      show(route, false);
      screenHost.querySelector<HTMLElement>('select[name=wave]')?.focus();
    },
  };

  const mountScreen = (next: Route): Part => {
    const allowed = me.role === 'enumerator' ? next.name === 'paperEntry' : screenAllowed(next);
    if (!allowed) return mountNotAllowed(screenHost, { me });
    return mountAllowed(next);
  };

  const screenAllowed = (next: Route) =>
    next.name === 'commune' ||
    next.name === 'progress' ||
    next.name === 'printCommune' ||
    (next.name === 'printProvince' && me.role !== 'commune_officer') ||
    ((next.name === 'ranking' || next.name === 'review') && me.role !== 'commune_officer') ||
    (next.name === 'weights' && me.role !== 'commune_officer') ||
    (next.name === 'paperConflicts' && me.role === 'analyst') ||
    me.role === 'admin';

  const mountAllowed = (next: Route): Part => {
    switch (next.name) {
      case 'commune':
        return mountCommunePage(screenHost, {
          api,
          code: next.code,
          dimension: next.dimension ?? null,
          wave,
          ...waves,
          trend,
          me,
          questionTitles: titles,
        });
      case 'kiosks':
        return mountKiosksScreen(screenHost, { api, communes });
      case 'users':
        return mountUsersScreen(screenHost, { api, me, communes });
      case 'review':
        return mountReviewQueue(screenHost, {
          api,
          me,
          filters: next.filters,
          wave,
          waves: waves.waves,
          communes,
          questionnaire,
        });
      case 'audit':
        return mountAuditPage(screenHost, { api, filters: next.filters });
      case 'printCommune':
        return mountPrintCommune(screenHost, {
          api,
          code: next.code,
          wave: next.wave ?? wave,
          trend,
          questionTitles: titles,
        });
      case 'printProvince':
        return mountPrintProvince(screenHost, { api, wave: next.wave ?? wave, trend });
      case 'weights':
        return mountWeightsCompare(screenHost, { api, wave, ...waves });
      case 'progress':
        return mountProgressScreen(screenHost, { api, me });
      case 'waves':
        return mountWavesScreen(screenHost, {
          api,
          communes,
          questionnaireId: async () => (await questionnaire()).id,
        });
      case 'population':
        return mountPopulationScreen(screenHost, { api, communes });
      case 'questionnaires':
        return mountQuestionnaireScreen(screenHost, { api });
      case 'languages':
        return mountLanguagesScreen(screenHost, { api });
      case 'paperBatches':
        return mountPaperBatchesScreen(screenHost, { api, communes });
      case 'printBatch':
        return mountPaperPrint(screenHost, { api, id: next.id });
      case 'paperEntry':
        return mountPaperEntry(screenHost, { api });
      case 'paperConflicts':
        return mountPaperConflicts(screenHost, {
          api,
          communes,
          communeCode: next.communeCode ?? null,
        });
      case 'imports':
        return mountImportsScreen(screenHost, { api });
      default:
        return mountRankingScreen(screenHost, {
          api,
          wave,
          ...waves,
          trend,
          me,
          questionTitles: titles,
        });
    }
  };

  const show = (next: Route, moveFocus: boolean) => {
    if (next.name === 'home') {
      next = landing(me);
      replaceRoute(next);
    }
    route = next;
    screen?.destroy();
    screenHost.replaceChildren();
    nav.setRoute(next);
    screen = mountScreen(next);
    // A new screen is announced by moving focus to its heading, as a page load would.
    if (moveFocus) screenHost.querySelector<HTMLElement>('h1')?.focus();
  };

  const stopRoutes = watchRoute((next) => show(next, true));
  show(parseRoute(location.hash), true);
  return {
    destroy() {
      stopRoutes();
      screen?.destroy();
      nav.destroy();
      element.replaceChildren();
    },
  };
}

/**
 * The staff page: signs in, then shows the dashboard for the role `GET /api/auth/me` gives.
 * A 401 from any call (the session ended) brings the sign-in form back.
 */
export function mountStaff(element: HTMLElement, deps: { api: Api }): Part {
  let stage: Part | null = null;
  let signedIn = false;

  const api: Api = async <T>(path: string, init?: Parameters<Api>[1]) => {
    try {
      return await deps.api<T>(path, init);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401 && signedIn) showSignIn();
      throw error;
    }
  };

  const replaceStage = (mount: () => Part) => {
    stage?.destroy();
    element.replaceChildren();
    stage = mount();
  };

  const dashboard = (me: Staff) => {
    signedIn = true;
    return mountLoading(element, {
      load: () =>
        me.role === 'enumerator' ? Promise.resolve(noTrend) : api<Trend>('/api/results/trend'),
      ready: (trend) => mountDashboard(element, { api, me, trend, onSignOut: signOut }),
    });
  };
  const signIn = () => {
    signedIn = false;
    return mountSignIn(element, {
      api: deps.api,
      onSignedIn: (staff) => {
        // An officer lands on their own commune, a clerk on the entry screen, whatever address
        // the form was reached at;
        // others go back to the screen they were on (after a session ran out, say).
        if (staff.role === 'commune_officer' || staff.role === 'enumerator') {
          replaceRoute(landing(staff));
        }
        replaceStage(() => dashboard(staff));
      },
    });
  };
  const showSignIn = () => replaceStage(signIn);
  const signOut = () => {
    // Offline, the server session outlives this; the form comes back all the same.
    void deps.api('/api/auth/logout', { method: 'POST', json: {} }).then(showSignIn, showSignIn);
  };

  replaceStage(() =>
    mountLoading(element, {
      load: () =>
        deps.api<Staff>('/api/auth/me').catch((error: unknown) => {
          if (error instanceof ApiError && error.status === 401) return null;
          throw error;
        }),
      ready: (me) => (me ? dashboard(me) : signIn()),
    }),
  );
  return {
    destroy() {
      stage?.destroy();
      element.replaceChildren();
    },
  };
}
