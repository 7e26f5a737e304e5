import { ApiError } from '../shared/api.ts';
import { el } from './dom.ts';
import { errorText } from './loading.ts';
import { t } from './messages.ts';
import type { Part } from './types.ts';

/** What a checked upload's answer has in common: its problems, and whether it was stored. */
export type CheckedAnswer = { errors: unknown[]; stored: boolean };

/**
 * Sends a file as it is (the import routes take the bytes), with `?dryRun=true` for the check.
 * A refusal that lists its problems (400 with the answer in `details`) is an answer to show,
 * not an error: the screen lists every problem.
 */
export async function sendChecked<T extends CheckedAnswer>(
  url: string,
  file: File,
  contentType: string,
  dryRun: boolean,
): Promise<T> {
  const res = await fetch(`${url}${dryRun ? '?dryRun=true' : ''}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': contentType },
    body: file,
  });
  const body = await res.json().catch(() => null);
  if (res.ok) return body as T;
  const details = body?.error?.details as T | undefined;
  if (details && Array.isArray(details.errors)) return details;
  throw new ApiError(res.status, body?.error?.code ?? 'http_error', body?.error?.message ?? '');
}

export type CheckedUploadOptions<T extends CheckedAnswer> = {
  /** The file input's id (unique in the page) and what it accepts. */
  id: string;
  accept: string;
  /** Shown between the title and the file (what to download first, say). */
  lead?: Node;
  /** The section's words, read again on every change of language. */
  words: () => { title: string; file: string; check: string; store: string; busy: string };
  send: (file: File, dryRun: boolean) => Promise<T>;
  /** What a check or a store found, as the outcome shows it. */
  describe: (answer: T) => Node[];
  /** Called once a store went through (the screen reloads what it changed). */
  stored?: () => void;
};

/**
 * A file checked before it is stored: choose it, press Check (the server's dry run: every
 * problem listed, nothing stored), then, only when it has none, a second button stores it.
 * Both buttons and the file are disabled while a request runs, and the outcome says so, so a
 * slow line never gets a second press.
 */
export function mountCheckedUpload<T extends CheckedAnswer>(
  element: HTMLElement,
  options: CheckedUploadOptions<T>,
): Part & { render(): void } {
  const title = el('h2');
  const fileLabel = el('label', { htmlFor: options.id });
  const fileInput = el('input', { type: 'file', id: options.id, accept: options.accept });
  const checkButton = el('button', { type: 'button' });
  const storeButton = el('button', { type: 'button', className: 'primary', hidden: true });
  const outcome = el('div', { attrs: { role: 'status' } });
  const section = el('section', {}, [
    title,
    ...(options.lead ? [options.lead] : []),
    fileLabel,
    fileInput,
    el('p', {}, [checkButton, ' ', storeButton]),
    outcome,
  ]);
  element.append(section);

  let last: T | null = null;
  let failed: unknown = null;
  let busy = false;
  const render = () => {
    const words = options.words();
    title.textContent = words.title;
    fileLabel.textContent = words.file;
    checkButton.textContent = words.check;
    storeButton.textContent = words.store;
    for (const control of [fileInput, checkButton, storeButton]) control.disabled = busy;
    outcome.setAttribute('aria-busy', String(busy));
    if (busy) outcome.replaceChildren(el('p', { textContent: words.busy }));
    else if (failed) {
      outcome.replaceChildren(el('p', { className: 'error', textContent: errorText(failed) }));
    } else outcome.replaceChildren(...(last ? options.describe(last) : []));
  };
  const run = async (dryRun: boolean) => {
    const file = fileInput.files?.[0];
    if (!file || busy) return;
    busy = true;
    failed = null;
    // A store keeps its button in view, disabled, while it runs; a new check has none yet.
    if (dryRun) storeButton.hidden = true;
    render();
    try {
      last = await options.send(file, dryRun);
      storeButton.hidden = !dryRun || last.errors.length > 0;
      if (last.stored) options.stored?.();
    } catch (error) {
      last = null;
      failed = error;
    } finally {
      busy = false;
      render();
    }
  };
  const check = () => void run(true);
  const store = () => void run(false);
  const changed = () => {
    last = null;
    failed = null;
    storeButton.hidden = true;
    render();
  };
  checkButton.addEventListener('click', check);
  storeButton.addEventListener('click', store);
  fileInput.addEventListener('change', changed);
  render();
  return {
    render,
    destroy() {
      checkButton.removeEventListener('click', check);
      storeButton.removeEventListener('click', store);
      fileInput.removeEventListener('change', changed);
      section.remove();
    },
  };
}

/** A titled list of problems or warnings, each as `item` writes it. */
export const problemList = <P>(className: string, items: readonly P[], item: (p: P) => Node) =>
  el('ul', { className }, items.map(item));

/** The heading of a refusal: nothing stored, fix the file. */
export const problemsHeading = (count: number) =>
  el('p', { className: 'error', textContent: t('languages.problems', { count }) });
