import type { Commune } from '../../../server/communes/schema.ts';
import { mountCommuneChooser } from '../shared/commune-chooser.ts';
import { el } from '../shared/el.ts';
import { translate } from '../shared/i18n.ts';
import { mountLanguageChooser } from '../shared/language-chooser.ts';
import { playGreeting } from '../shared/listen-greeting.ts';
import type { FormLoad } from './form-loader.ts';
import { type ResidentKey, residentMessages } from './messages.ts';

const t = (key: ResidentKey) => translate(residentMessages, key);
export const communeKey = 'cbhpi.commune';

/** "Không biết" and "Không áp dụng" each with one example, before the first scored question. */
function specialAnswers() {
  const item = (term: ResidentKey, text: ResidentKey) =>
    el('li', {}, [el('strong', { textContent: t(term) }), `: ${t(text)}`]);
  return el('section', { className: 'special-answers' }, [
    el('h2', { textContent: t('specialTitle') }),
    el('ul', {}, [
      item('dontKnowTerm', 'dontKnowText'),
      item('notApplicableTerm', 'notApplicableText'),
    ]),
    el('p', { className: 'hint', textContent: t('specialNote') }),
  ]);
}

/**
 * The first screen: plain DOM, no form library, so it is usable within seconds on a weak
 * line. The start button works only once the form has loaded and for a commune that is both
 * selected and shown; until then it says what it waits for.
 */
export function mountStartScreen(
  element: HTMLElement,
  deps: { communes: Commune[]; form: FormLoad; onStart: (communeCode: string) => void },
) {
  const remembered = localStorage.getItem(communeKey);
  let selected: string | null = null;
  const start = el('button', { type: 'button', className: 'primary big start' });
  const why = el('p', { className: 'hint start-hint', id: 'start-hint' });
  const retry = el('button', { type: 'button', textContent: t('retry') });
  retry.addEventListener('click', () => deps.form.retry());
  const failed = el('div', { className: 'load-failed', attrs: { role: 'alert' } }, [
    el('p', { className: 'error', textContent: t('loadFailed') }),
    retry,
  ]);
  const chooserHost = el('div');
  // First, before any text: a person who cannot read Vietnamese finds their language here.
  const languageHost = el('div', { className: 'start-languages' });
  const languages = mountLanguageChooser(languageHost, {
    greet: (code) => {
      const id = deps.form.loaded()?.questionnaire.id;
      if (id) void playGreeting(id, code);
    },
  });
  element.append(
    languageHost,
    el('h1', { textContent: t('title') }),
    el('p', { textContent: t('intro') }),
    chooserHost,
    el('div', { className: 'start-row' }, [start, why]),
    failed,
    specialAnswers(),
  );

  const render = () => {
    const state = deps.form.state();
    start.textContent = state === 'ready' ? t('start') : t('formLoading');
    start.disabled = state !== 'ready' || selected === null;
    start.setAttribute('aria-busy', String(state === 'loading'));
    why.textContent = state === 'ready' && selected === null ? t('chooseFirst') : '';
    why.hidden = why.textContent === '';
    if (why.hidden) start.removeAttribute('aria-describedby');
    else start.setAttribute('aria-describedby', why.id);
    failed.hidden = state !== 'failed';
  };
  const chooser = mountCommuneChooser(chooserHost, {
    communes: deps.communes,
    selected: remembered,
    labels: { label: t('communeLabel'), search: t('communeSearch'), none: t('communeNone') },
    onChange: (code) => {
      selected = code;
      if (code) localStorage.setItem(communeKey, code);
      render();
    },
  });
  const onStart = () => {
    if (selected && deps.form.state() === 'ready') deps.onStart(selected);
  };
  start.addEventListener('click', onStart);
  const unwatch = deps.form.onChange(render);
  render();
  return {
    destroy() {
      unwatch();
      languages.destroy();
      chooser.destroy();
    },
  };
}
