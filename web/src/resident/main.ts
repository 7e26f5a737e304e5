import '../shared/styles.css';
import './resident.css';
import { el } from '../shared/el.ts';
import { translate } from '../shared/i18n.ts';
import { openOutbox } from '../shared/outbox.ts';
import { registerServiceWorker } from '../shared/register-service-worker.ts';
import { residentMessages } from './messages.ts';
import { mountResident } from './mount-resident.ts';

// The entry of the first screen: nothing here may import the form library (SurveyJS), which
// form-loader.ts fetches in the background; on a weak line it takes many seconds.
registerServiceWorker();

const queueStatus = el('p', { className: 'queue-status', hidden: true, attrs: { role: 'status' } });
document.querySelector('.top-bar')?.append(queueStatus);

// A response the server refused (a final 4xx) is said plainly, not retried for ever.
const rejectedNotice = el('p', { className: 'error', hidden: true, attrs: { role: 'alert' } });
document.getElementById('main')?.prepend(rejectedNotice);

let pending = 0;
const pendingListeners = new Set<(pending: number) => void>();
const outbox = await openOutbox('cbhpi-resident', {
  onChange: (count) => {
    pending = count;
    queueStatus.hidden = count === 0;
    queueStatus.textContent = translate(residentMessages, 'waiting', { count });
    for (const listener of pendingListeners) listener(count);
  },
  onRejected: (item) => {
    rejectedNotice.hidden = false;
    rejectedNotice.textContent = translate(residentMessages, 'rejected', {
      message: item.error ?? '',
    });
  },
});
mountResident(document.getElementById('app') as HTMLElement, {
  outbox,
  watchPending(listener) {
    pendingListeners.add(listener);
    listener(pending);
    return () => {
      pendingListeners.delete(listener);
    };
  },
});
