import type { Commune } from '../../../server/communes/schema.ts';
import type { QuestionnaireVersion } from '../../../server/questionnaires/publish-schemas.ts';
import type { WaveView } from '../../../server/waves/schema.ts';
import { el, keepFieldValues, onLanguage, setHeading } from './dom.ts';
import { communeSelect } from './form-fields.ts';
import { errorText, mountLoading } from './loading.ts';
import { t } from './messages.ts';
import { dayText } from './progress-screen.ts';
import type { Api, Part } from './types.ts';

type Field = { key: string; label: string; input: HTMLInputElement };

const field = ({ key, label, input }: Field) =>
  el('div', { className: 'field' }, [
    el('label', { htmlFor: `wave-${key}`, textContent: t(label) }),
    Object.assign(input, { id: `wave-${key}`, name: key }),
  ]);

function mountWavesAdmin(
  element: HTMLElement,
  deps: {
    api: Api;
    waves: WaveView[];
    communes: Commune[];
    questionnaireId: string;
    /** The published versions' ids, newest first: offered as the wave's questionnaire. */
    versions: string[];
  },
): Part {
  const { api, communes } = deps;
  const communeName = new Map(communes.map((c) => [c.code, c.name]));
  let waves = deps.waves;
  /** The wave being changed (the form then saves it), else the form creates one. */
  let editing: WaveView | null = null;
  let targetsOf: WaveView | null = null;
  let confirming: string | null = null;
  let formError: (() => string) | null = null;
  let listError: (() => string) | null = null;
  let status = '';

  const form = el('form', { className: 'card wave-form' });
  const listHost = el('div');
  const targetsHost = el('div');
  element.append(
    el('p', { className: 'hint', textContent: t('waves.intro') }),
    listHost,
    form,
    targetsHost,
  );

  const renderForm = () => {
    const w = editing;
    const questionnaire = el('input', {
      required: true,
      value: w?.questionnaireId ?? deps.questionnaireId,
      disabled: w?.answered ?? false,
      attrs: { list: 'wave-versions' },
    });
    form.replaceChildren(
      el('h2', { textContent: w ? t('waves.editTitle', { name: w.name }) : t('waves.create') }),
      w
        ? el('p', { textContent: `${t('waves.id')}: ${w.id}` })
        : el('div', { className: 'field' }, [
            el('label', { htmlFor: 'wave-id', textContent: t('waves.id') }),
            el('input', {
              id: 'wave-id',
              name: 'id',
              required: true,
              maxLength: 32,
              pattern: '[0-9a-z][0-9a-z\\-]{0,31}',
            }),
            el('p', { className: 'hint', textContent: t('waves.idHint') }),
          ]),
      field({
        key: 'name',
        label: 'waves.name',
        input: el('input', { required: true, maxLength: 200, value: w?.name ?? '' }),
      }),
      field({
        key: 'opensOn',
        label: 'waves.opensOn',
        input: el('input', { type: 'date', required: true, value: w?.opensOn ?? '' }),
      }),
      field({
        key: 'closesOn',
        label: 'waves.closesOn',
        input: el('input', { type: 'date', required: true, value: w?.closesOn ?? '' }),
      }),
      field({ key: 'questionnaireId', label: 'waves.questionnaire', input: questionnaire }),
      el(
        'datalist',
        { id: 'wave-versions' },
        deps.versions.map((id) => el('option', { value: id })),
      ),
      w?.answered ? el('p', { className: 'hint', textContent: t('waves.questionnaireFixed') }) : '',
      field({
        key: 'target',
        label: 'waves.target',
        input: el('input', {
          type: 'number',
          min: '1',
          max: '100000',
          required: true,
          value: String(w?.target ?? 30),
        }),
      }),
      el('p', {
        className: 'error',
        textContent: formError?.() ?? '',
        hidden: formError === null,
        attrs: { role: 'alert' },
      }),
      el('p', { className: 'hint', textContent: status, attrs: { role: 'status' } }),
      el('div', { className: 'actions' }, [
        el('button', {
          type: 'submit',
          className: 'primary',
          textContent: w ? t('waves.saveButton') : t('waves.createButton'),
        }),
        ...(w ? [cancelButton()] : []),
      ]),
    );
  };
  const cancelButton = () => {
    const cancel = el('button', { type: 'button', textContent: t('cancel') });
    cancel.addEventListener('click', () => {
      editing = null;
      formError = null;
      renderForm();
    });
    return cancel;
  };

  const renderList = () => {
    const rows = waves.map((w) => {
      const actions = el('div', { className: 'actions' });
      const edit = el('button', {
        type: 'button',
        textContent: t('waves.edit'),
        attrs: { 'aria-label': t('waves.editNamed', { name: w.name }) },
      });
      edit.addEventListener('click', () => {
        editing = w;
        formError = null;
        status = '';
        renderForm();
        form.querySelector<HTMLElement>('input[name=name]')?.focus();
      });
      const targets = el('button', { type: 'button', textContent: t('waves.targets') });
      targets.addEventListener('click', () => {
        targetsOf = w;
        renderTargets();
        targetsHost.querySelector<HTMLElement>('select')?.focus();
      });
      actions.append(edit, targets);
      if (w.state === 'open' && confirming === w.id) {
        const yes = el('button', {
          type: 'button',
          className: 'danger',
          textContent: t('waves.confirmClose', { name: w.name }),
        });
        yes.addEventListener('click', () => void close(w.id));
        const no = el('button', { type: 'button', textContent: t('cancel') });
        no.addEventListener('click', () => {
          confirming = null;
          renderList();
        });
        actions.append(yes, no);
      } else if (w.state === 'open') {
        const closeButton = el('button', {
          type: 'button',
          textContent: t('waves.close'),
          attrs: { 'aria-label': t('waves.closeNamed', { name: w.name }) },
        });
        closeButton.addEventListener('click', () => {
          confirming = w.id;
          renderList();
          listHost.querySelector<HTMLElement>('button.danger')?.focus();
        });
        actions.append(closeButton);
      }
      return el('tr', { attrs: { 'data-wave': w.id } }, [
        el('th', { attrs: { scope: 'row' }, textContent: w.name }),
        el('td', { textContent: w.id }),
        el('td', { textContent: `${dayText(w.opensOn)} – ${dayText(w.closesOn)}` }),
        el('td', { textContent: w.questionnaireId }),
        el('td', { textContent: String(w.target) }),
        el('td', { textContent: t(`waves.state.${w.state}`) }),
        el('td', {}, [actions]),
      ]);
    });
    const head = [
      'waves.name',
      'waves.id',
      'waves.days',
      'waves.questionnaire',
      'waves.target',
      'waves.state',
      'col.actions',
    ];
    listHost.replaceChildren(
      el('p', {
        className: 'error',
        textContent: listError?.() ?? '',
        hidden: listError === null,
        attrs: { role: 'alert' },
      }),
      waves.length === 0
        ? el('p', { className: 'hint', textContent: t('waves.none') })
        : el('div', { className: 'table-scroll' }, [
            el('table', { className: 'data' }, [
              el('caption', { textContent: t('waves.caption', { count: waves.length }) }),
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

  const renderTargets = () => {
    const w = targetsOf && waves.find((x) => x.id === targetsOf?.id);
    if (!w) {
      targetsHost.replaceChildren();
      return;
    }
    const put = async (targets: WaveView['communeTargets']) => {
      try {
        await api(`/api/waves/${encodeURIComponent(w.id)}/targets`, {
          method: 'PUT',
          json: { targets },
        });
        await refresh();
      } catch (error) {
        listError = () => errorText(error);
        renderList();
      }
    };
    const add = el('form', { className: 'actions' }, [
      el('label', { htmlFor: 'target-commune', textContent: t('form.commune') }),
      communeSelect(communes, 'communeCode', 'target-commune'),
      el('label', { htmlFor: 'target-count', textContent: t('waves.target') }),
      el('input', {
        id: 'target-count',
        name: 'count',
        type: 'number',
        min: '1',
        max: '100000',
        required: true,
        value: String(w.target),
      }),
      el('button', { type: 'submit', textContent: t('waves.targetSet') }),
    ]);
    add.addEventListener('submit', (event) => {
      event.preventDefault();
      const data = new FormData(add);
      const code = String(data.get('communeCode'));
      const others = w.communeTargets.filter((x) => x.communeCode !== code);
      void put([...others, { communeCode: code, target: Number(data.get('count')) }]);
    });
    const list = w.communeTargets.map((x) => {
      const name = communeName.get(x.communeCode) ?? x.communeCode;
      const remove = el('button', {
        type: 'button',
        textContent: '×',
        attrs: { 'aria-label': t('waves.targetRemove', { name }) },
      });
      remove.addEventListener('click', () => void put(w.communeTargets.filter((y) => y !== x)));
      return el('li', {}, [`${name}: ${x.target} `, remove]);
    });
    targetsHost.replaceChildren(
      el('section', { className: 'card' }, [
        el('h2', { textContent: t('waves.targetsFor', { name: w.name }) }),
        list.length === 0
          ? el('p', { className: 'hint', textContent: t('waves.targetsNone') })
          : el('ul', {}, list),
        add,
      ]),
    );
  };

  const refresh = async () => {
    waves = await api<WaveView[]>('/api/waves');
    renderList();
    renderTargets();
  };

  const close = async (id: string) => {
    listError = null;
    try {
      await api(`/api/waves/${encodeURIComponent(id)}/close`, { method: 'POST', json: {} });
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
    const value = (key: string) => String(data.get(key) ?? '').trim();
    const body = {
      name: value('name'),
      opensOn: value('opensOn'),
      closesOn: value('closesOn'),
      target: Number(value('target')),
      ...(editing?.answered ? {} : { questionnaireId: value('questionnaireId') }),
    };
    formError = null;
    try {
      if (editing) {
        await api(`/api/waves/${encodeURIComponent(editing.id)}`, { method: 'PATCH', json: body });
      } else {
        await api('/api/waves', { method: 'POST', json: { id: value('id'), ...body } });
      }
      editing = null;
      status = t('waves.saved');
      renderForm();
      await refresh();
    } catch (error) {
      formError = () => errorText(error);
      keepFieldValues(form, renderForm);
    }
  };
  const submit = (event: SubmitEvent) => void onSubmit(event);
  form.addEventListener('submit', submit);
  const stopLanguage = onLanguage(() => {
    keepFieldValues(form, renderForm);
    renderList();
    renderTargets();
  });
  return {
    destroy() {
      stopLanguage();
      form.removeEventListener('submit', submit);
      element.replaceChildren();
    },
  };
}

/** Survey waves (admins): create, change and close them, and set communes' own targets. */
export function mountWavesScreen(
  element: HTMLElement,
  deps: { api: Api; communes: () => Promise<Commune[]>; questionnaireId: () => Promise<string> },
): Part {
  const heading = el('h1', { tabIndex: -1 });
  const body = el('div');
  element.append(heading, body);
  const stopLanguage = onLanguage(() => setHeading(heading, t('waves.title')));
  const loading = mountLoading(body, {
    load: () =>
      Promise.all([
        deps.api<WaveView[]>('/api/waves'),
        deps.communes(),
        deps.questionnaireId(),
        deps.api<QuestionnaireVersion[]>('/api/questionnaires'),
      ]),
    ready: ([waves, communes, questionnaireId, versions]) =>
      mountWavesAdmin(body, {
        api: deps.api,
        waves,
        communes,
        questionnaireId,
        versions: versions.map((version) => version.id),
      }),
  });
  return {
    destroy() {
      stopLanguage();
      loading.destroy();
      element.replaceChildren();
    },
  };
}
