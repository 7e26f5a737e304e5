import type { Commune } from '../../../server/communes/schema.ts';
import { mountCommuneChooser } from '../shared/commune-chooser.ts';
import { el } from '../shared/el.ts';
import { onLanguageChange, translate } from '../shared/i18n.ts';
import { type ResidentKey, residentMessages } from './messages.ts';

const t = (key: ResidentKey, values?: Record<string, string | number>) =>
  translate(residentMessages, key, values);

/**
 * The chosen commune, on a line above every page of the form, with a way to change it before
 * submitting. The form is not touched, so a change keeps the answers given so far. The same
 * rule as the first screen: "Xong" works only for a commune that is selected and shown.
 */
export function mountCommuneLine(
  element: HTMLElement,
  deps: { communes: Commune[]; code: string; onChange: (code: string) => void },
) {
  let code = deps.code;
  let open = false;
  let chooser: { destroy(): void; focus(): void } | null = null;
  element.classList.add('commune-line');

  const render = (focus: 'none' | 'change' | 'chooser' = 'none') => {
    chooser?.destroy();
    chooser = null;
    element.replaceChildren();
    const name = deps.communes.find((c) => c.code === code)?.name ?? code;
    if (!open) {
      const change = el('button', {
        type: 'button',
        className: 'change-commune',
        textContent: t('changeCommune'),
      });
      change.addEventListener('click', () => {
        open = true;
        render('chooser');
      });
      element.append(el('p', { className: 'chosen-commune' }, chosenText(name)), change);
      if (focus === 'change') change.focus();
      return;
    }
    let picked: string | null = null;
    const host = el('div');
    const done = el('button', {
      type: 'button',
      className: 'primary',
      textContent: t('changeDone'),
    });
    const cancel = el('button', { type: 'button', textContent: t('changeCancel') });
    const panel = el(
      'section',
      { className: 'commune-change', attrs: { 'aria-label': t('changeCommune') } },
      [
        host,
        el('p', { className: 'hint', textContent: t('changeNote') }),
        el('div', { className: 'commune-change-buttons' }, [done, cancel]),
      ],
    );
    element.append(panel);
    const mounted = mountCommuneChooser(host, {
      communes: deps.communes,
      selected: code,
      labels: { label: t('communeLabel'), search: t('communeSearch'), none: t('communeNone') },
      onChange: (value) => {
        picked = value;
        done.disabled = value === null;
      },
    });
    chooser = mounted;
    done.addEventListener('click', () => {
      if (!picked) return;
      code = picked;
      open = false;
      deps.onChange(code);
      render('change');
    });
    cancel.addEventListener('click', () => {
      open = false;
      render('change');
    });
    if (focus === 'chooser') mounted.focus();
  };

  const unsubscribe = onLanguageChange(() => render());
  render();
  return {
    destroy() {
      unsubscribe();
      chooser?.destroy();
      element.replaceChildren();
    },
  };
}

/** "Xã, phường: <strong>Lý Bôn</strong>", the name set apart so it is read at a glance. */
function chosenText(name: string) {
  const [before, after = ''] = t('chosenCommune').split('{name}');
  return [before ?? '', el('strong', { textContent: name }), after];
}
