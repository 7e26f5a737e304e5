import { el } from '../shared/el.ts';
export type Key = { value: string; text?: string; label?: string; className?: string };

/**
 * A grid of large buttons for a touch screen with no keyboard. Each button names itself (its
 * text, or `label` for symbols such as ⌫), so a screen reader reads the keypad too.
 */
export function mountKeypad(
  element: HTMLElement,
  options: { keys: Key[]; label: string; onKey: (value: string) => void },
) {
  element.classList.add('keypad');
  element.setAttribute('role', 'group');
  element.setAttribute('aria-label', options.label);
  for (const key of options.keys) {
    const attrs: Record<string, string> = { 'data-key': key.value };
    if (key.label) attrs['aria-label'] = key.label;
    element.append(
      el('button', {
        type: 'button',
        textContent: key.text ?? key.value,
        ...(key.className ? { className: key.className } : {}),
        attrs,
      }),
    );
  }
  const onClick = (event: MouseEvent) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('button[data-key]');
    if (button?.dataset.key) options.onKey(button.dataset.key);
  };
  element.addEventListener('click', onClick);
  return {
    destroy() {
      element.removeEventListener('click', onClick);
      element.replaceChildren();
    },
  };
}
