import { ApiError } from '../shared/api.ts';
import { el, onLanguage } from './dom.ts';
import { t } from './messages.ts';
import type { Part } from './types.ts';

/** The message for an error from the API or the network, in the current language. */
export function errorText(error: unknown) {
  if (error instanceof ApiError) {
    if (error.status === 403) return t('error.forbidden');
    if (error.status === 404) return t('error.notFound');
    if (error.code === 'email_taken') return t('error.emailTaken');
    if (error.code === 'rate_limited') return t('error.rateLimited');
    if (error.code === 'validation_failed') return t('error.invalid', { message: error.message });
    return t('error.server', { message: error.message });
  }
  return t('error.offline');
}

/**
 * Shows "loading" in `element` while `load` runs, then the part `ready` mounts with the data;
 * on failure, why (a 403 as "not allowed", never as a broken page) and a retry button.
 */
export function mountLoading<T>(
  element: HTMLElement,
  options: { load: () => Promise<T>; ready: (data: T) => Part },
): Part {
  let part: Part | null = null;
  let stopLanguage = () => {};
  let destroyed = false;

  const showLoading = () => {
    stopLanguage();
    stopLanguage = onLanguage(() => {
      element.replaceChildren(el('p', { className: 'loading', textContent: t('loading') }));
    });
  };
  const showError = (error: unknown) => {
    stopLanguage();
    stopLanguage = onLanguage(() => {
      const forbidden = error instanceof ApiError && error.status === 403;
      const notFound = error instanceof ApiError && error.status === 404;
      const message = el('p', {
        className: forbidden ? 'notice not-allowed' : 'error',
        textContent: errorText(error),
        attrs: { role: 'alert' },
      });
      if (forbidden || notFound) {
        element.replaceChildren(message);
        return;
      }
      const retry = el('button', { type: 'button', textContent: t('retry') });
      retry.addEventListener('click', () => void run());
      element.replaceChildren(message, retry);
    });
  };
  const run = async () => {
    showLoading();
    try {
      const data = await options.load();
      if (destroyed) return;
      stopLanguage();
      element.replaceChildren();
      part = options.ready(data);
    } catch (error) {
      if (!destroyed) showError(error);
    }
  };
  void run();
  return {
    destroy() {
      destroyed = true;
      stopLanguage();
      part?.destroy();
      element.replaceChildren();
    },
  };
}
