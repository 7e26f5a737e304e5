import type { Questionnaire } from '../../../server/questionnaires/schema.ts';
import type { Language } from '../shared/i18n.ts';
import { el, onLanguage } from './dom.ts';
import { t } from './messages.ts';
import type { Part } from './types.ts';

type Form = { model: { locale: string }; destroy(): void };

/**
 * A questionnaire drawn by the resident's own form code (shared/survey-form.ts: SurveyJS, the
 * 0–10 scale, "don't know" set apart, the few-answers question), so an admin sees exactly what
 * a resident will, in Vietnamese or English. Nothing answered here is sent. The form code is
 * loaded only when a preview is first shown: the rest of the dashboard never needs it.
 */
export function mountQuestionnairePreview(
  element: HTMLElement,
  deps: { questionnaire: Questionnaire },
): Part {
  let language: Language = 'vi';
  let form: Form | null = null;
  let destroyed = false;
  const note = el('p', { className: 'hint' });
  const legend = el('legend');
  const buttons = (['vi', 'en'] as const).map((code) => {
    const button = el('button', {
      type: 'button',
      textContent: code === 'vi' ? 'Tiếng Việt' : 'English',
      lang: code,
      attrs: { 'data-language': code },
    });
    button.addEventListener('click', () => {
      language = code;
      apply();
    });
    return button;
  });
  const host = el('div', { className: 'questionnaire-preview-form' });
  const done = el('p', { className: 'notice', hidden: true, attrs: { role: 'status' } });
  element.append(
    note,
    el('fieldset', { className: 'preview-language' }, [legend, ...buttons]),
    el('div', { className: 'questionnaire-preview' }, [host, done]),
  );

  /** The preview speaks its own language, whatever the dashboard's. */
  const apply = () => {
    for (const button of buttons) {
      button.setAttribute('aria-pressed', String(button.dataset.language === language));
    }
    if (!form) return;
    form.model.locale = language === 'vi' ? '' : 'en';
    // After the form's own reaction to a change of the page's language (it follows that).
    requestAnimationFrame(() => {
      host.querySelector('.sd-root-modern')?.setAttribute('lang', language);
    });
  };

  void import('../shared/survey-form.ts').then(({ mountSurveyForm }) => {
    if (destroyed) return;
    form = mountSurveyForm(host, deps.questionnaire, () => {
      done.hidden = false;
    });
    apply();
  });
  const stopLanguage = onLanguage(() => {
    note.textContent = t('questionnaires.previewNote');
    legend.textContent = t('questionnaires.previewLanguage');
    done.textContent = t('questionnaires.previewDone');
    apply();
  });
  return {
    destroy() {
      destroyed = true;
      stopLanguage();
      form?.destroy();
      element.replaceChildren();
    },
  };
}
