import { el } from './el.ts';
import 'survey-core/survey-core.fontless.min.css';
import 'survey-core/i18n/vietnamese';
import { Model, type Question, type SurveyModel, surveyLocalization } from 'survey-core';
import { renderSurvey, unmountComponentAtNode } from 'survey-js-ui';
import type { Questionnaire } from '../../../server/questionnaires/schema.ts';
import { askSendWithFewAnswers } from './few-answers-dialog.ts';
import { fewerThanHalfAnswered } from './few-answers-rule.ts';
import { currentLanguageCode, onLanguageChange } from './i18n.ts';
import { attachListenButtons } from './listen-buttons.ts';
import { applyScaleRenderer } from './scale-question.ts';
import { localizeSurvey } from './survey-language.ts';

// The questionnaire's `default` texts are Vietnamese; `en` and any fetched language translate them.
surveyLocalization.defaultLocale = 'vi';

/** Types that ask nothing (the intro text): not counted as questions one could answer. */
const notAsking = new Set(['html', 'expression', 'image']);

/** The questions the person could answer now, and how many of them they have answered. */
export function answeredCounts(model: SurveyModel) {
  const asking = model.getAllQuestions(true).filter((q) => !notAsking.has(q.getType()));
  return { answered: asking.filter((q) => !q.isEmpty()).length, total: asking.length };
}

/**
 * Moves focus to the first question of the page now shown, once SurveyJS has drawn it: its
 * title, made focusable for this (tabindex -1), so a screen reader reads the question and
 * the next Tab reaches its first answer, instead of focus staying on "next" at the bottom.
 * A page with no titled question (the intro) gets its first element focused instead.
 */
function focusFirstQuestion(root: HTMLElement, model: SurveyModel) {
  const page = model.currentPage;
  const first: Question | undefined = page?.questions.find((q: Question) => q.isVisible);
  if (!first) return;
  let frames = 0;
  const attempt = () => {
    if (model.currentPage !== page) return; // the person moved on meanwhile
    const question = root.querySelector<HTMLElement>(`[id="${first.id}"]`);
    const target =
      root.querySelector<HTMLElement>(`[id="${first.ariaTitleId}"]`) ??
      question?.querySelector<HTMLElement>('.sd-question__content') ??
      null;
    if (!target) {
      frames += 1;
      if (frames < 120) requestAnimationFrame(attempt);
      return;
    }
    if (!target.hasAttribute('tabindex')) target.tabIndex = -1;
    target.focus({ preventScroll: true });
  };
  requestAnimationFrame(attempt);
}

/**
 * Back from "send anyway?" to the form: focus on "complete" again, once SurveyJS has enabled
 * it (it disables navigation while the question is open), so focus is not lost on the page.
 */
function focusCompleteButton(root: HTMLElement) {
  let frames = 0;
  const attempt = () => {
    const button = root.querySelector<HTMLInputElement>('.sd-navigation__complete-btn');
    if (button && !button.disabled) {
      button.focus();
      return;
    }
    frames += 1;
    if (frames < 120) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}

/**
 * Renders the questionnaire with SurveyJS into `element`, the same for the resident page and
 * the kiosk:
 * - every 0–10 question drawn as one fixed scale (scale-question.ts), with "don't know" and
 *   "not applicable" (the scoring block's missing codes) set apart after it;
 * - the full title on the first page only, one line after (the `survey-later-page` class);
 * - focus on the first question of each new page;
 * - before completing with fewer than half of the questions answered, one question: "send
 *   anyway?". Asked once: a second "complete" sends whatever the count.
 * Returns the model and `destroy`, which unmounts the form and drops its answers.
 */
export function mountSurveyForm(
  element: HTMLElement,
  questionnaire: Questionnaire,
  onComplete: (answers: Record<string, unknown>) => void,
  options: { autoplayAudio?: boolean } = {},
) {
  const model = new Model(questionnaire.survey);
  applyScaleRenderer(model, new Set(questionnaire.scoring.missing));
  localizeSurvey(model, questionnaire.id, currentLanguageCode());
  model.showProgressBar = true;
  model.progressBarLocation = 'top';
  model.progressBarType = 'questions';
  model.showQuestionNumbers = 'off';
  const listen = attachListenButtons(model, {
    questionnaireId: questionnaire.id,
    language: currentLanguageCode(),
    autoplay: options.autoplayAudio ?? false,
  });

  const formRoot = el('div', { className: 'survey-form' });
  element.replaceChildren(formRoot);

  // SurveyJS writes `lang="en"` on its root whenever the locale is the default one (here
  // Vietnamese): a screen reader would read Vietnamese with an English voice.
  const setLang = () => {
    const root = formRoot.querySelector('.sd-root-modern');
    root?.setAttribute('lang', currentLanguageCode());
  };
  model.onAfterRenderSurvey.add(setLang);

  const markPage = () => formRoot.classList.toggle('survey-later-page', !model.isFirstPage);
  markPage();
  model.onCurrentPageChanged.add(() => {
    markPage();
    focusFirstQuestion(formRoot, model);
  });

  let asked = false;
  let prompt: { close(): void } | null = null;
  model.onCompleting.add((_survey, options) => {
    if (asked) return;
    const counts = answeredCounts(model);
    if (!fewerThanHalfAnswered(counts.answered, counts.total)) return;
    asked = true;
    // SurveyJS runs every handler first and then waits for the promises returned. Looked at
    // after the others have run: when a page's own handler has already stopped completion to
    // ask something, the person gets that one question, never two dialogs on top of another.
    return Promise.resolve().then(async () => {
      if (!options.allow) return;
      const dialog = askSendWithFewAnswers(element, counts);
      prompt = dialog;
      const send = await dialog.answer;
      prompt = null;
      options.allow = send;
      if (!send) focusCompleteButton(formRoot);
    });
  });
  model.onComplete.add((survey) => onComplete({ ...survey.data }));

  const unsubscribe = onLanguageChange((language) => {
    localizeSurvey(model, questionnaire.id, language);
    listen.setLanguage(language);
    requestAnimationFrame(setLang);
  });
  renderSurvey(model, formRoot);
  return {
    model,
    destroy() {
      unsubscribe();
      listen.destroy();
      prompt?.close();
      model.clear(true, true);
      unmountComponentAtNode(formRoot);
      element.replaceChildren();
    },
  };
}
