import type { Commune } from '../../../server/communes/schema.ts';
import type { Kiosk } from '../../../server/kiosks/schema.ts';
import { el, keepFieldValues, onLanguage, setHeading } from './dom.ts';
import { communeSelect } from './form-fields.ts';
import { formatDateTime } from './format.ts';
import { errorText, mountLoading } from './loading.ts';
import { t } from './messages.ts';
import type { Api, CreatedKiosk, Part } from './types.ts';

/** Copies text; where the Clipboard API is missing (plain http on a LAN), selects it instead. */
async function copyText(input: HTMLInputElement) {
  try {
    await navigator.clipboard.writeText(input.value);
    return true;
  } catch {
    input.select();
    return false;
  }
}

function mountKioskAdmin(
  element: HTMLElement,
  deps: { api: Api; kiosks: Kiosk[]; communes: Commune[] },
): Part {
  const { api, communes } = deps;
  const communeName = new Map(communes.map((c) => [c.code, c.name]));
  let kiosks = deps.kiosks;
  /** The new kiosk's token: in memory only, and gone once dismissed or the screen is left. */
  let created: CreatedKiosk | null = null;
  let copied: 'copied' | 'selected' | null = null;
  let formError: (() => string) | null = null;
  let listError: (() => string) | null = null;
  let confirming: string | null = null;
  let busy = false;

  const form = el('form', { className: 'card' });
  const tokenHost = el('div');
  const listHost = el('div');
  element.append(form, tokenHost, listHost);

  const renderForm = () =>
    form.replaceChildren(
      el('h2', { textContent: t('kiosks.add') }),
      el('div', { className: 'field' }, [
        el('label', { htmlFor: 'kiosk-commune', textContent: t('form.commune') }),
        communeSelect(communes, 'communeCode', 'kiosk-commune'),
      ]),
      el('div', { className: 'field' }, [
        el('label', { htmlFor: 'kiosk-label', textContent: t('kiosks.label') }),
        el('input', { id: 'kiosk-label', name: 'label', required: true, maxLength: 100 }),
        el('p', { className: 'hint', textContent: t('kiosks.labelHint') }),
      ]),
      el('p', {
        className: 'error',
        textContent: formError?.() ?? '',
        hidden: formError === null,
        attrs: { role: 'alert' },
      }),
      el('button', {
        type: 'submit',
        className: 'primary',
        disabled: busy,
        textContent: t('kiosks.create'),
      }),
    );

  const renderToken = () => {
    if (!created) {
      tokenHost.replaceChildren();
      return;
    }
    const input = el('input', {
      id: 'kiosk-token',
      readOnly: true,
      value: created.pairingCode,
      className: 'token',
      spellcheck: false,
      attrs: { 'aria-describedby': 'kiosk-token-note' },
    });
    const copy = el('button', { type: 'button', textContent: t('kiosks.copy') });
    copy.addEventListener('click', () => {
      void copyText(input).then((ok) => {
        copied = ok ? 'copied' : 'selected';
        renderToken();
        tokenHost.querySelector<HTMLInputElement>('#kiosk-token')?.focus();
      });
    });
    const done = el('button', { type: 'button', textContent: t('kiosks.done') });
    done.addEventListener('click', () => {
      created = null;
      copied = null;
      renderToken();
      form.querySelector<HTMLElement>('select')?.focus();
    });
    tokenHost.replaceChildren(
      el(
        'section',
        { className: 'card token-card', attrs: { 'aria-labelledby': 'kiosk-token-title' } },
        [
          el('h2', {
            id: 'kiosk-token-title',
            textContent: t('kiosks.tokenTitle', { label: created.label }),
          }),
          el('p', {
            id: 'kiosk-token-note',
            className: 'warning',
            textContent: t('kiosks.tokenNote'),
          }),
          el('div', { className: 'field' }, [
            el('label', { htmlFor: 'kiosk-token', textContent: t('kiosks.token') }),
            el('div', { className: 'token-row' }, [input, copy]),
          ]),
          el('p', {
            textContent: t('kiosks.pairingHow', {
              link: `${location.origin}/kiosk#pair=${created.pairingCode}`,
              until: new Date(created.pairingExpiresAt).toLocaleString(),
            }),
          }),
          el('p', {
            className: 'exit-pin',
            textContent: t('kiosks.exitPin', { pin: created.exitPin }),
          }),
          el('p', {
            className: 'hint',
            textContent: copied ? t(`kiosks.${copied}`) : '',
            attrs: { role: 'status' },
          }),
          done,
        ],
      ),
    );
  };

  const renderList = () => {
    const rows = kiosks.map((kiosk) => {
      const action = el('div', { className: 'actions' });
      if (kiosk.revokedAt === null && confirming === kiosk.id) {
        const yes = el('button', {
          type: 'button',
          className: 'danger',
          textContent: t('kiosks.confirmRevoke', { label: kiosk.label }),
        });
        const no = el('button', { type: 'button', textContent: t('cancel') });
        yes.addEventListener('click', () => void revoke(kiosk.id));
        no.addEventListener('click', () => {
          confirming = null;
          renderList();
        });
        action.append(yes, no);
      } else if (kiosk.revokedAt === null) {
        const revokeButton = el('button', {
          type: 'button',
          textContent: t('kiosks.revoke'),
          attrs: { 'aria-label': t('kiosks.revokeNamed', { label: kiosk.label }) },
        });
        revokeButton.addEventListener('click', () => {
          confirming = kiosk.id;
          renderList();
          listHost.querySelector<HTMLElement>('button.danger')?.focus();
        });
        action.append(revokeButton);
      }
      const status =
        kiosk.revokedAt === null
          ? el('span', { className: 'status-band status-meets', textContent: t('kiosks.active') })
          : el('span', {
              className: 'status-band status-insufficient',
              textContent: t('kiosks.revokedAt', { at: formatDateTime(kiosk.revokedAt) }),
            });
      return el('tr', { attrs: { 'data-kiosk': kiosk.id } }, [
        el('th', { attrs: { scope: 'row' }, textContent: kiosk.label }),
        el('td', {
          textContent: `${communeName.get(kiosk.communeCode) ?? ''} (${kiosk.communeCode})`,
        }),
        el('td', { textContent: formatDateTime(kiosk.createdAt) }),
        el('td', { textContent: formatDateTime(kiosk.lastSeenAt) }),
        el('td', {}, [status]),
        el('td', {}, [action]),
      ]);
    });
    const head = [
      'kiosks.label',
      'form.commune',
      'kiosks.created',
      'kiosks.lastSeen',
      'col.status',
      'col.actions',
    ];
    listHost.replaceChildren(
      el('p', {
        className: 'error',
        textContent: listError?.() ?? '',
        hidden: listError === null,
        attrs: { role: 'alert' },
      }),
      kiosks.length === 0
        ? el('p', { className: 'hint', textContent: t('kiosks.none') })
        : el('div', { className: 'table-scroll' }, [
            el('table', { className: 'data' }, [
              el('caption', { textContent: t('kiosks.caption', { count: kiosks.length }) }),
              el('thead', {}, [
                el(
                  'tr',
                  {},
                  head.map((key) => el('th', { attrs: { scope: 'col' }, textContent: t(key) })),
                ),
              ]),
              el('tbody', {}, rows),
            ]),
          ]),
    );
  };

  const refresh = async () => {
    kiosks = await api<Kiosk[]>('/api/kiosks');
    renderList();
  };

  const revoke = async (id: string) => {
    listError = null;
    try {
      await api(`/api/kiosks/${id}`, { method: 'DELETE', json: {} });
      confirming = null;
      await refresh();
    } catch (error) {
      listError = () => errorText(error);
      renderList();
    }
  };

  const onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(form);
    busy = true;
    formError = null;
    keepFieldValues(form, renderForm);
    try {
      created = await api<CreatedKiosk>('/api/kiosks', {
        method: 'POST',
        json: { communeCode: String(data.get('communeCode')), label: String(data.get('label')) },
      });
      copied = null;
      busy = false;
      renderForm();
      renderToken();
      tokenHost.querySelector<HTMLElement>('#kiosk-token')?.focus();
      await refresh();
    } catch (error) {
      busy = false;
      formError = () => errorText(error);
      keepFieldValues(form, renderForm);
    }
  };
  const submit = (event: SubmitEvent) => void onSubmit(event);
  form.addEventListener('submit', submit);
  const stopLanguage = onLanguage(() => {
    keepFieldValues(form, renderForm);
    renderToken();
    renderList();
  });
  return {
    destroy() {
      stopLanguage();
      form.removeEventListener('submit', submit);
      element.replaceChildren();
    },
  };
}

/** Kiosk management (admins): register a kiosk and see its token once, list, revoke. */
export function mountKiosksScreen(
  element: HTMLElement,
  deps: { api: Api; communes: () => Promise<Commune[]> },
): Part {
  const heading = el('h1', { tabIndex: -1 });
  const body = el('div');
  element.append(heading, body);
  const stopLanguage = onLanguage(() => {
    setHeading(heading, t('kiosks.title'));
  });
  const loading = mountLoading(body, {
    load: () => Promise.all([deps.api<Kiosk[]>('/api/kiosks'), deps.communes()]),
    ready: ([kiosks, communes]) => mountKioskAdmin(body, { api: deps.api, kiosks, communes }),
  });
  return {
    destroy() {
      stopLanguage();
      loading.destroy();
      element.replaceChildren();
    },
  };
}
