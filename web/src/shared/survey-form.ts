import 'survey-core/survey-core.fontless.min.css';
import 'survey-core/i18n/vietnamese';
import { Model, surveyLocalization } from 'survey-core';
import { renderSurvey, unmountComponentAtNode } from 'survey-js-ui';
import type { Questionnaire } from '../../../server/questionnaires/schema.ts';
import { currentLanguage, onLanguageChange } from './i18n.ts';

// The questionnaire's `default` texts are Vietnamese; `en` is the translation.
surveyLocalization.defaultLocale = 'vi';

/**
 * Renders the questionnaire with SurveyJS into `element`. "Don't know" and "not applicable"
 * (the scoring block's missing codes) are set apart from the 0–10 scale, so nobody reads them
 * as 11 and 12. Returns the model and `destroy`, which unmounts the form and drops its answers.
 */
export function mountSurveyForm(
  element: HTMLElement,
  questionnaire: Questionnaire,
  onComplete: (answers: Record<string, unknown>) => void,
) {
  const model = new Model(questionnaire.survey);
  const missing = new Set(questionnaire.scoring.missing.map(String));
  model.locale = currentLanguage() === 'vi' ? '' : 'en';
  model.showProgressBar = true;
  model.progressBarLocation = 'top';
  model.progressBarType = 'questions';
  model.showQuestionNumbers = 'off';
  model.onAfterRenderQuestion.add((_survey, { question, htmlElement }) => {
    if (question.getType() !== 'rating') return;
    for (const input of htmlElement.querySelectorAll<HTMLInputElement>('input')) {
      if (missing.has(input.value)) input.closest('label')?.classList.add('missing-choice');
    }
    htmlElement.classList.add('scale-question');
  });
  model.onComplete.add((survey) => onComplete({ ...survey.data }));
  const unsubscribe = onLanguageChange((language) => {
    model.locale = language === 'vi' ? '' : 'en';
  });
  renderSurvey(model, element);
  return {
    model,
    destroy() {
      unsubscribe();
      model.clear(true, true);
      unmountComponentAtNode(element);
      element.replaceChildren();
    },
  };
}
