/** How long staff hold the corner before the PIN prompt opens. */
export const holdMs = 2000;

/**
 * The staff's way out while nothing waits and the exit button is hidden: the brand in the
 * top-left corner is a button that opens the PIN prompt when held for two seconds. A resident's
 * tap does nothing there; a long, still press is not something one does by chance. Keyboard and
 * screen-reader activation (a click with no pointer, `detail` 0) opens it at once, since a
 * touch kiosk has no keyboard but the staff's own tools do, and the button names what it does.
 */
export function mountStaffCorner(
  button: HTMLButtonElement,
  options: { label: () => string; onOpen: () => void },
) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cancel = () => {
    clearTimeout(timer);
    timer = undefined;
    button.classList.remove('holding');
  };
  const onDown = (event: PointerEvent) => {
    if (event.button !== 0) return;
    cancel();
    button.classList.add('holding');
    timer = setTimeout(() => {
      cancel();
      options.onOpen();
    }, holdMs);
  };
  const onClick = (event: MouseEvent) => {
    if (event.detail === 0) options.onOpen();
  };
  // A long press on a touch screen would otherwise open the browser's context menu.
  const onContextMenu = (event: Event) => event.preventDefault();
  button.addEventListener('pointerdown', onDown);
  for (const end of ['pointerup', 'pointerleave', 'pointercancel'] as const) {
    button.addEventListener(end, cancel);
  }
  button.addEventListener('click', onClick);
  button.addEventListener('contextmenu', onContextMenu);
  const render = () => button.setAttribute('aria-label', options.label());
  render();
  return {
    render,
    destroy() {
      cancel();
      button.removeEventListener('pointerdown', onDown);
      for (const end of ['pointerup', 'pointerleave', 'pointercancel'] as const) {
        button.removeEventListener(end, cancel);
      }
      button.removeEventListener('click', onClick);
      button.removeEventListener('contextmenu', onContextMenu);
    },
  };
}
