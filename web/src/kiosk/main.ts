import '../shared/styles.css';
import './kiosk.css';
import { el } from '../shared/el.ts';
import { onLanguageChange, translate } from '../shared/i18n.ts';
import { mountLanguageChooser } from '../shared/language-chooser.ts';
import { greetInLanguage } from '../shared/listen-greeting.ts';
import { openOutbox } from '../shared/outbox.ts';
import { registerServiceWorker } from '../shared/register-service-worker.ts';
import { readKioskConfig } from './kiosk-config.ts';
import { kioskMessages } from './messages.ts';
import { mountKiosk } from './mount-kiosk.ts';
import { loadPairing } from './pairing-store.ts';

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** A pairing code from a link or QR code (`/kiosk#pair=ABCD-2345`), taken off the address. */
function takePairCode(): string | undefined {
  const code = new URLSearchParams(location.hash.slice(1)).get('pair') ?? undefined;
  if (code) history.replaceState(null, '', location.pathname + location.search);
  return code;
}

/**
 * The brand in the top-left corner becomes the button staff hold to reach the PIN (see
 * staff-corner.ts); it looks as it did, so residents see only the name of the survey.
 */
function brandCorner(): HTMLButtonElement {
  const brand = document.querySelector<HTMLElement>('.top-bar .brand');
  const corner = el('button', {
    type: 'button',
    id: 'staff-corner',
    className: 'brand staff-corner',
    textContent: brand?.textContent ?? 'CB-HPI',
  });
  if (brand) brand.replaceWith(corner);
  else document.querySelector('.top-bar')?.prepend(corner);
  return corner;
}

registerServiceWorker();
// Every offered language fetched at once: the service worker then holds them for offline use.
mountLanguageChooser(byId('language-switch'), { prefetch: true, greet: greetInLanguage });
const corner = brandCorner();
const renderTitle = () => {
  document.title = translate(kioskMessages, 'pageTitle');
};
renderTitle();
onLanguageChange(renderTitle);

const waiting = byId<HTMLParagraphElement>('waiting');
let counts = { pending: 0, rejected: 0 };
/** The server refused this kiosk's token (revoked, or paired again elsewhere): say so. */
let tokenRefused = false;
let kiosk: ReturnType<typeof mountKiosk> | undefined;
const renderWaiting = () => {
  const parts = [translate(kioskMessages, 'waiting', { count: counts.pending })];
  if (counts.rejected > 0) {
    parts.push(translate(kioskMessages, 'rejected', { count: counts.rejected }));
  }
  if (tokenRefused) parts.push(translate(kioskMessages, 'tokenRefused'));
  waiting.textContent = parts.join(' · ');
  waiting.dataset.pending = String(counts.pending);
  const waits = counts.pending + counts.rejected > 0;
  waiting.classList.toggle('has-waiting', waits);
  // Residents see no count while nothing waits; a refused token is said until paired again.
  waiting.hidden = !waits && !tokenRefused;
  kiosk?.setSomethingWaits(waits);
};
renderWaiting();
onLanguageChange(renderWaiting);

const outbox = await openOutbox('cbhpi-kiosk', {
  onChange: (pending, rejected) => {
    counts = { pending, rejected };
    renderWaiting();
  },
  onRejected: (item) => {
    if (item.status === 401 && item.token === loadPairing()?.token) {
      tokenRefused = true;
      renderWaiting();
    }
  },
});
const pairCode = takePairCode();
kiosk = mountKiosk(byId('app'), {
  outbox,
  config: readKioskConfig(location.search),
  chrome: { place: byId('kiosk-place'), exit: byId<HTMLButtonElement>('exit-kiosk'), corner },
  ...(pairCode ? { pairCode } : {}),
});
renderWaiting();
