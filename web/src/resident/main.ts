import '../shared/styles.css';
import { translate } from '../shared/i18n.ts';
import { mountLanguageSwitch } from '../shared/language-switch.ts';
import { openOutbox } from '../shared/outbox.ts';
import { registerServiceWorker } from '../shared/register-service-worker.ts';
import { residentMessages } from './messages.ts';
import { mountResident } from './mount-resident.ts';

registerServiceWorker();
mountLanguageSwitch(document.getElementById('language-switch') as HTMLElement);

const queueStatus = document.createElement('p');
queueStatus.className = 'queue-status';
queueStatus.setAttribute('role', 'status');
document.querySelector('.top-bar')?.append(queueStatus);

// A response the server refused (a final 4xx) is said plainly, not retried for ever.
const rejectedNotice = document.createElement('p');
rejectedNotice.className = 'error';
rejectedNotice.setAttribute('role', 'alert');
rejectedNotice.hidden = true;
document.getElementById('main')?.prepend(rejectedNotice);

const outbox = await openOutbox('cbhpi-resident', {
  onChange: (pending) => {
    queueStatus.hidden = pending === 0;
    queueStatus.textContent = translate(residentMessages, 'waiting', { count: pending });
  },
  onRejected: (item) => {
    rejectedNotice.hidden = false;
    rejectedNotice.textContent = translate(residentMessages, 'rejected', {
      message: item.error ?? '',
    });
  },
});
mountResident(document.getElementById('app') as HTMLElement, { outbox });
