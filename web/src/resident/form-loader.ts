import type { Questionnaire } from '../../../server/questionnaires/schema.ts';
import { api } from '../shared/api.ts';
import { recheckQuestionnaire } from '../shared/open-wave-check.ts';

/** The form's library (SurveyJS, the scoring engine) and the questionnaire, once both are here. */
export type LoadedForm = {
  questionnaire: Questionnaire;
  screens: typeof import('./form-screens.ts');
};

export type FormLoad = ReturnType<typeof startFormLoad>;

/**
 * Loads the form in the background while the resident reads the first screen and picks a
 * commune: on a weak 3G line SurveyJS takes many seconds, and the first screen must not wait
 * for it. Listeners hear every change of state, so the start button can say when it is ready.
 */
export function startFormLoad() {
  let state: 'loading' | 'ready' | 'failed' = 'loading';
  let loaded: LoadedForm | null = null;
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of listeners) listener();
  };
  const attempt = async () => {
    state = 'loading';
    notify();
    try {
      const [questionnaire, screens] = await Promise.all([
        api<Questionnaire>('/api/questionnaires/current'),
        import('./form-screens.ts'),
      ]);
      loaded = { questionnaire, screens };
      state = 'ready';
    } catch {
      state = 'failed';
    }
    notify();
  };
  let refreshing = false;
  /**
   * Asks the server whether the round is still the one loaded; listeners hear when it is not
   * (another questionnaire, or no wave open now). The state stays `ready` meanwhile, so the
   * start button never waits on it; offline, what is loaded stays.
   */
  const refresh = async () => {
    const held = loaded;
    if (state !== 'ready' || !held || refreshing) return;
    refreshing = true;
    const questionnaire = await recheckQuestionnaire(held.questionnaire);
    refreshing = false;
    if (!questionnaire || loaded !== held) return;
    loaded = { ...held, questionnaire };
    notify();
  };
  void attempt();
  return {
    state: () => state,
    loaded: () => loaded,
    retry() {
      if (state === 'failed') void attempt();
    },
    refresh() {
      void refresh();
    },
    /** Calls `listener` on every change of state; returns the unsubscribe. */
    onChange(listener: () => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
