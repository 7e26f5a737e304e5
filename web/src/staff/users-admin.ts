import type { Commune } from '../../../server/communes/schema.ts';
import type { Role, Staff, User } from '../../../server/users/schema.ts';
import { el, keepFieldValues, onLanguage, setHeading } from './dom.ts';
import { communeSelect } from './form-fields.ts';
import { formatDateTime } from './format.ts';
import { errorText, mountLoading } from './loading.ts';
import { t } from './messages.ts';
import type { Api, Part } from './types.ts';

const roles: readonly Role[] = ['admin', 'analyst', 'commune_officer', 'enumerator'];

function roleSelect(name: string, id: string, selected: Role) {
  return el(
    'select',
    { id, name },
    roles.map((role) => new Option(t(`role.${role}`), role, false, role === selected)),
  );
}

/** A choice of several communes (an enumerator's), those in `selected` chosen. */
function communesSelect(
  communes: readonly Commune[],
  name: string,
  id: string,
  selected: readonly string[],
) {
  return el(
    'select',
    { id, name, multiple: true, size: 8, attrs: { 'aria-describedby': `${id}-hint` } },
    communes.map(
      (c) => new Option(`${c.name} (${c.code})`, c.code, false, selected.includes(c.code)),
    ),
  );
}

const chosen = (select: HTMLSelectElement) => [...select.selectedOptions].map((o) => o.value);

/**
 * Shows the commune field only for a commune officer (one commune), the communes field only
 * for an enumerator (one or more); the other roles are bound to none.
 */
function linkRoleToCommune(
  role: HTMLSelectElement,
  commune: { select: HTMLSelectElement; field: HTMLElement },
  several: { select: HTMLSelectElement; field: HTMLElement },
) {
  const sync = () => {
    const officer = role.value === 'commune_officer';
    const enumerator = role.value === 'enumerator';
    commune.field.hidden = !officer;
    commune.select.required = officer;
    several.field.hidden = !enumerator;
    several.select.required = enumerator;
  };
  role.addEventListener('change', sync);
  sync();
}

/** The communes field of a form: its label, the list and how to choose several. */
function communesField(select: HTMLSelectElement) {
  return el('div', { className: 'field' }, [
    el('label', { htmlFor: select.id, textContent: t('users.communes') }),
    select,
    el('p', { id: `${select.id}-hint`, className: 'hint', textContent: t('users.communesHint') }),
  ]);
}

/**
 * `keepFieldValues` for a form with a choice of several: it puts back one value per field,
 * so the several chosen communes are put back here.
 */
function keepChoices(root: HTMLElement, rebuild: () => void) {
  const multiple = () => [...root.querySelectorAll<HTMLSelectElement>('select[multiple]')];
  const kept = new Map(multiple().map((select) => [select.name, chosen(select)]));
  keepFieldValues(root, rebuild);
  for (const select of multiple()) {
    const values = kept.get(select.name);
    if (!values) continue;
    for (const option of select.options) option.selected = values.includes(option.value);
  }
}

function mountUserAdmin(
  element: HTMLElement,
  deps: { api: Api; me: Staff; users: User[]; communes: Commune[] },
): Part {
  const { api, me, communes } = deps;
  const communeName = new Map(communes.map((c) => [c.code, c.name]));
  let users = deps.users;
  let formError: (() => string) | null = null;
  let added: string | null = null;
  let listError: (() => string) | null = null;
  let editing: string | null = null;
  let busy = false;

  const form = el('form', { className: 'card' });
  const listHost = el('div');
  element.append(form, listHost);

  const renderForm = () => {
    const role = roleSelect('role', 'user-role', 'analyst');
    const commune = communeSelect(communes, 'communeCode', 'user-commune');
    const communeField = el('div', { className: 'field' }, [
      el('label', { htmlFor: 'user-commune', textContent: t('form.commune') }),
      commune,
    ]);
    const several = communesSelect(communes, 'communeCodes', 'user-communes', []);
    const severalField = communesField(several);
    linkRoleToCommune(
      role,
      { select: commune, field: communeField },
      { select: several, field: severalField },
    );
    form.replaceChildren(
      el('h2', { textContent: t('users.add') }),
      el('div', { className: 'field' }, [
        el('label', { htmlFor: 'user-email', textContent: t('users.email') }),
        el('input', {
          id: 'user-email',
          name: 'email',
          type: 'email',
          required: true,
          autocomplete: 'off',
        }),
      ]),
      el('div', { className: 'field' }, [
        el('label', { htmlFor: 'user-password', textContent: t('users.password') }),
        el('input', {
          id: 'user-password',
          name: 'password',
          type: 'password',
          required: true,
          minLength: 12,
          autocomplete: 'new-password',
          attrs: { 'aria-describedby': 'user-password-hint' },
        }),
        el('p', {
          id: 'user-password-hint',
          className: 'hint',
          textContent: t('users.passwordHint'),
        }),
      ]),
      el('div', { className: 'field' }, [
        el('label', { htmlFor: 'user-role', textContent: t('users.role') }),
        role,
      ]),
      communeField,
      severalField,
      el('p', {
        className: 'error',
        textContent: formError?.() ?? '',
        hidden: formError === null,
        attrs: { role: 'alert' },
      }),
      el('p', {
        className: 'hint',
        textContent: added ? t('users.added', { email: added }) : '',
        attrs: { role: 'status' },
      }),
      el('button', {
        type: 'submit',
        className: 'primary',
        disabled: busy,
        textContent: t('users.create'),
      }),
    );
  };

  const editRow = (user: User) => {
    const id = `edit-${user.id}`;
    const role = roleSelect('editRole', `${id}-role`, user.role);
    const commune = communeSelect(communes, 'editCommune', `${id}-commune`);
    commune.value = user.communeCode ?? '';
    const communeField = el('div', { className: 'field' }, [
      el('label', { htmlFor: `${id}-commune`, textContent: t('form.commune') }),
      commune,
    ]);
    const several = communesSelect(
      communes,
      'editCommunes',
      `${id}-communes`,
      user.role === 'enumerator' ? user.communeCodes : [],
    );
    const severalField = communesField(several);
    linkRoleToCommune(
      role,
      { select: commune, field: communeField },
      { select: several, field: severalField },
    );
    const save = el('button', { type: 'submit', className: 'primary', textContent: t('save') });
    const cancel = el('button', { type: 'button', textContent: t('cancel') });
    const editForm = el(
      'form',
      {
        className: 'edit-form',
        attrs: { 'aria-label': t('users.editTitle', { email: user.email }) },
      },
      [
        el('div', { className: 'field' }, [
          el('label', {
            htmlFor: `${id}-role`,
            textContent: t('users.newRole', { email: user.email }),
          }),
          role,
        ]),
        communeField,
        severalField,
        el('div', { className: 'buttons' }, [save, cancel]),
      ],
    );
    editForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const officer = role.value === 'commune_officer';
      const enumerator = role.value === 'enumerator';
      void change(user.id, {
        role: role.value,
        communeCode: officer ? commune.value : null,
        communeCodes: enumerator ? chosen(several) : [],
      });
    });
    cancel.addEventListener('click', () => {
      editing = null;
      renderList();
      listHost.querySelector<HTMLElement>(`tr[data-user="${user.id}"] button`)?.focus();
    });
    return el('tr', { className: 'edit-row' }, [el('td', { colSpan: 6 }, [editForm])]);
  };

  const renderList = () => {
    const rows = users.flatMap((user) => {
      const self = user.id === me.id;
      const actions = el('div', { className: 'actions' });
      if (self) actions.append(el('span', { className: 'hint', textContent: t('users.you') }));
      else {
        const edit = el('button', {
          type: 'button',
          textContent: t('users.changeRole'),
          attrs: {
            'aria-label': t('users.changeRoleOf', { email: user.email }),
            'aria-expanded': String(editing === user.id),
          },
        });
        edit.addEventListener('click', () => {
          editing = editing === user.id ? null : user.id;
          renderList();
          listHost.querySelector<HTMLElement>('.edit-row select')?.focus();
        });
        const toggle = el('button', {
          type: 'button',
          textContent: user.disabled ? t('users.enable') : t('users.disable'),
          attrs: {
            'aria-label': t(user.disabled ? 'users.enableOf' : 'users.disableOf', {
              email: user.email,
            }),
          },
        });
        toggle.addEventListener('click', () => void change(user.id, { disabled: !user.disabled }));
        actions.append(edit, toggle);
      }
      const named = (code: string) => `${communeName.get(code) ?? ''} (${code})`;
      const commune =
        user.role === 'enumerator' && user.communeCodes.length > 0
          ? user.communeCodes.map(named).join(', ')
          : user.communeCode
            ? named(user.communeCode)
            : '–';
      const row = el(
        'tr',
        { className: user.disabled ? 'disabled' : '', attrs: { 'data-user': user.id } },
        [
          el('th', { attrs: { scope: 'row' }, textContent: user.email }),
          el('td', { textContent: t(`role.${user.role}`) }),
          el('td', { textContent: commune }),
          el('td', {}, [
            el('span', {
              className: `status-band ${user.disabled ? 'status-insufficient' : 'status-meets'}`,
              textContent: user.disabled ? t('users.disabled') : t('users.active'),
            }),
          ]),
          el('td', { textContent: formatDateTime(user.createdAt) }),
          el('td', {}, [actions]),
        ],
      );
      return editing === user.id ? [row, editRow(user)] : [row];
    });
    const head = [
      'users.email',
      'users.role',
      'form.commune',
      'col.status',
      'users.created',
      'col.actions',
    ];
    listHost.replaceChildren(
      el('p', {
        className: 'error',
        textContent: listError?.() ?? '',
        hidden: listError === null,
        attrs: { role: 'alert' },
      }),
      el('div', { className: 'table-scroll' }, [
        el('table', { className: 'data users' }, [
          el('caption', { textContent: t('users.caption', { count: users.length }) }),
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
    users = await api<User[]>('/api/users');
    renderList();
  };

  const change = async (id: string, body: Record<string, unknown>) => {
    listError = null;
    try {
      await api<User>(`/api/users/${id}`, { method: 'PATCH', json: body });
      editing = null;
      await refresh();
      listHost.querySelector<HTMLElement>(`tr[data-user="${id}"] button`)?.focus();
    } catch (error) {
      listError = () => errorText(error);
      keepChoices(listHost, renderList);
    }
  };

  const onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(form);
    const role = String(data.get('role'));
    const email = String(data.get('email'));
    busy = true;
    formError = null;
    added = null;
    keepChoices(form, renderForm);
    try {
      await api<User>('/api/users', {
        method: 'POST',
        json: {
          email,
          password: String(data.get('password')),
          role,
          communeCode: role === 'commune_officer' ? String(data.get('communeCode')) : null,
          ...(role === 'enumerator'
            ? { communeCodes: data.getAll('communeCodes').map(String) }
            : {}),
        },
      });
      busy = false;
      added = email;
      renderForm();
      await refresh();
    } catch (error) {
      busy = false;
      formError = () => errorText(error);
      keepChoices(form, renderForm);
    }
  };
  const submit = (event: SubmitEvent) => void onSubmit(event);
  form.addEventListener('submit', submit);
  const stopLanguage = onLanguage(() => {
    keepChoices(form, renderForm);
    keepChoices(listHost, renderList);
  });
  return {
    destroy() {
      stopLanguage();
      form.removeEventListener('submit', submit);
      element.replaceChildren();
    },
  };
}

/** User management (admins): list staff, add one, change a role, disable or enable. */
export function mountUsersScreen(
  element: HTMLElement,
  deps: { api: Api; me: Staff; communes: () => Promise<Commune[]> },
): Part {
  const heading = el('h1', { tabIndex: -1 });
  const body = el('div');
  element.append(heading, body);
  const stopLanguage = onLanguage(() => {
    setHeading(heading, t('users.title'));
  });
  const loading = mountLoading(body, {
    load: () => Promise.all([deps.api<User[]>('/api/users'), deps.communes()]),
    ready: ([users, communes]) =>
      mountUserAdmin(body, { api: deps.api, me: deps.me, users, communes }),
  });
  return {
    destroy() {
      stopLanguage();
      loading.destroy();
      element.replaceChildren();
    },
  };
}
