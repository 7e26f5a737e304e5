import { currentLanguageCode, setLanguage } from '../shared/i18n.ts';
import { pairingKey } from './pairing-store.ts';

/**
 * Leaves nothing of the last person in the page's storage: the language they chose goes back
 * to Vietnamese, and every key but the kiosk's pairing is removed. The unsent responses live
 * in IndexedDB (the outbox), which deletes each one as the server accepts it. The form itself
 * is destroyed by its owner before this runs.
 */
export function forgetPerson() {
  if (currentLanguageCode() !== 'vi') setLanguage('vi');
  sessionStorage.clear();
  for (const key of Object.keys(localStorage)) {
    if (key !== pairingKey) localStorage.removeItem(key);
  }
  window.getSelection()?.removeAllRanges();
  if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
  window.scrollTo(0, 0);
}
