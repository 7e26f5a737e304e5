import { el, onLanguage, uniqueId } from './dom.ts';
import { t } from './messages.ts';
import type { Part } from './types.ts';

/** Chooses the wave the screens show; the newest first, as it is the one usually wanted. */
export function mountWavePicker(
  element: HTMLElement,
  deps: { waves: readonly string[]; selected: string | null; onChange: (wave: string) => void },
): Part {
  const id = uniqueId('wave');
  const select = el('select', { id, name: 'wave' });
  const label = el('label', { htmlFor: id });
  const empty = el('p', { className: 'hint' });
  element.append(el('div', { className: 'field inline' }, [label, select]), empty);
  const newestFirst = [...deps.waves].sort().reverse();
  select.replaceChildren(
    ...newestFirst.map((wave) => new Option(wave, wave, false, wave === deps.selected)),
  );
  select.disabled = newestFirst.length === 0;
  const onChange = () => deps.onChange(select.value);
  select.addEventListener('change', onChange);
  const stopLanguage = onLanguage(() => {
    label.textContent = t('wave.label');
    empty.textContent = newestFirst.length === 0 ? t('noWaves') : '';
    empty.hidden = newestFirst.length > 0;
  });
  return {
    destroy() {
      stopLanguage();
      select.removeEventListener('change', onChange);
      element.replaceChildren();
    },
  };
}
