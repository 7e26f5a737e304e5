import type { Staff } from '../../../server/users/schema.ts';
import { ApiError } from '../shared/api.ts';
import { el, keepFieldValues, onLanguage } from './dom.ts';
import { errorText } from './loading.ts';
import { t } from './messages.ts';
import type { Api, Part } from './types.ts';

/** The staff sign-in form; the server sets an HttpOnly, SameSite=Strict session cookie. */
export function mountSignIn(
  element: HTMLElement,
  deps: { api: Api; onSignedIn: (staff: Staff) => void },
): Part {
  /** A function, not a string, so the message follows a change of language. */
  let error: (() => string) | null = null;
  let busy = false;
  const form = el('form', { className: 'card sign-in' });
  element.append(form);

  const render = () => {
    document.title = `${t('signIn.title')} – CB-HPI`;
    const field = (name: string, type: string, autocomplete: AutoFill, label: string) =>
      el('div', { className: 'field' }, [
        el('label', { htmlFor: `sign-in-${name}`, textContent: label }),
        el('input', { id: `sign-in-${name}`, name, type, autocomplete, required: true }),
      ]);
    form.replaceChildren(
      el('h1', { textContent: t('signIn.title') }),
      field('email', 'email', 'username', t('signIn.email')),
      field('password', 'password', 'current-password', t('signIn.password')),
      el('p', {
        className: 'error',
        id: 'sign-in-error',
        textContent: error?.() ?? '',
        hidden: error === null,
        attrs: { role: 'alert' },
      }),
      el('button', {
        type: 'submit',
        className: 'primary',
        disabled: busy,
        textContent: busy ? t('signIn.busy') : t('signIn.submit'),
      }),
    );
  };
  const stopLanguage = onLanguage(() => keepFieldValues(form, render));

  const onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(form);
    busy = true;
    error = null;
    keepFieldValues(form, render);
    try {
      const staff = await deps.api<Staff>('/api/auth/login', {
        method: 'POST',
        json: { email: String(data.get('email')), password: String(data.get('password')) },
      });
      deps.onSignedIn(staff);
    } catch (caught) {
      busy = false;
      error = () =>
        caught instanceof ApiError && caught.status === 401 ? t('signIn.wrong') : errorText(caught);
      keepFieldValues(form, render);
      form.querySelector<HTMLInputElement>('input[name=password]')?.focus();
    }
  };
  const submit = (event: SubmitEvent) => void onSubmit(event);
  form.addEventListener('submit', submit);
  form.querySelector<HTMLInputElement>('input[name=email]')?.focus();
  return {
    destroy() {
      stopLanguage();
      form.removeEventListener('submit', submit);
      element.replaceChildren();
    },
  };
}
