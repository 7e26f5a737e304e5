import type { Commune } from '../../../server/communes/schema.ts';
import type { Questionnaire } from '../../../server/questionnaires/schema.ts';
import type { Submission } from '../../../server/responses/schema.ts';
import { el } from '../shared/el.ts';
import { newResponseId } from '../shared/new-id.ts';
import { mountSurveyForm } from '../shared/survey-form.ts';
import { mountCommuneLine } from './commune-line.ts';
import { communeKey } from './start-screen.ts';

/**
 * One response: the chosen commune above the form (changeable until it is sent), then the
 * form. The response gets its UUID now, so a retry of its sending is never counted twice.
 */
export function mountAnswerScreen(
  element: HTMLElement,
  deps: {
    questionnaire: Questionnaire;
    communes: Commune[];
    communeCode: string;
    onSubmit: (submission: Submission) => void;
  },
) {
  const id = newResponseId();
  const startedAt = new Date().toISOString();
  let communeCode = deps.communeCode;
  const lineHost = el('div');
  const host = el('div', { className: 'survey-host' });
  element.append(lineHost, host);
  const line = mountCommuneLine(lineHost, {
    communes: deps.communes,
    code: communeCode,
    onChange: (code) => {
      communeCode = code;
      localStorage.setItem(communeKey, code);
    },
  });
  const form = mountSurveyForm(host, deps.questionnaire, (answers) =>
    deps.onSubmit({
      id,
      questionnaireId: deps.questionnaire.id,
      communeCode,
      channel: 'web',
      answers,
      startedAt,
      completedAt: new Date().toISOString(),
    }),
  );
  // SurveyJS scrolls the form's top into view on a new page, which leaves the commune line
  // just above the screen; the line is scrolled to instead, so it is seen on every page.
  form.model.onScrollToTop.add((_survey, options) => {
    if (!options.element.isPage) return;
    options.allow = false;
    if (lineHost.getBoundingClientRect().top < 0) lineHost.scrollIntoView({ block: 'start' });
  });
  // The start screen may have been scrolled to its start button (the language row sits above
  // it): the form opens with its commune line on screen, not where that scroll left it.
  if (lineHost.getBoundingClientRect().top < 0) lineHost.scrollIntoView({ block: 'start' });
  return {
    destroy() {
      line.destroy();
      form.destroy();
    },
  };
}
