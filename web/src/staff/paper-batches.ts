import type { Commune } from '../../../server/communes/schema.ts';
import type { LanguageSummary } from '../../../server/languages/schema.ts';
import type { BatchSummary } from '../../../server/paper/schema.ts';
import type { WaveView } from '../../../server/waves/schema.ts';
import { el, keepFieldValues, onLanguage, setHeading } from './dom.ts';
import { communeSelect } from './form-fields.ts';
import { formatDateTime } from './format.ts';
import { errorText, mountLoading } from './loading.ts';
import { t } from './messages.ts';
import type { Api, Part } from './types.ts';

/** As many forms as the server takes in one batch (server/paper/schema.ts `maxFormsPerBatch`). */
const maxForms = 2000;

const field = (id: string, label: string, control: HTMLElement, hint?: string) =>
  el('div', { className: 'field' }, [
    el('label', { htmlFor: id, textContent: t(label) }),
    control,
    ...(hint ? [el('p', { className: 'hint', id: `${id}-hint`, textContent: hint })] : []),
  ]);

function mountBatchesAdmin(
  element: HTMLElement,
  deps: {
    api: Api;
    communes: Commune[];
    waves: WaveView[];
    languages: LanguageSummary[];
    batches: BatchSummary[];
  },
): Part {
  const { api, communes, waves } = deps;
  // Complete languages only: a form printed half in Vietnamese helps nobody.
  const languages = deps.languages
    .filter((language) => language.offered)
    .sort((a, b) => Number(b.code === 'vi') - Number(a.code === 'vi'));
  let batches = deps.batches;
  let formError: (() => string) | null = null;
  let created: BatchSummary | null = null;
  let busy = false;

  const form = el('form', { className: 'card' });
  const listHost = el('div');
  element.append(el('p', { className: 'hint', textContent: t('batches.intro') }), form, listHost);

  const printLink = (batch: BatchSummary) =>
    el('a', {
      href: `#/print/batch/${batch.id}`,
      textContent: t('batches.print'),
      attrs: {
        'aria-label': t('batches.printNamed', { number: batch.number, commune: batch.communeName }),
      },
    });

  const renderForm = () => {
    const current =
      waves.find((w) => w.state === 'open') ?? waves.find((w) => w.state === 'planned');
    const wave = el('select', { id: 'batch-wave', name: 'wave', required: true }, [
      new Option(t('batches.chooseWave'), ''),
      ...waves.map((w) => new Option(`${w.name} (${w.id})`, w.id, false, w.id === current?.id)),
    ]);
    const language = el(
      'select',
      {
        id: 'batch-language',
        name: 'language',
        attrs: { 'aria-describedby': 'batch-language-hint' },
      },
      languages.map(
        (l) => new Option(l.code === l.nameVi ? l.name : `${l.name} · ${l.nameVi}`, l.code),
      ),
    );
    const count = el('input', {
      id: 'batch-count',
      name: 'count',
      type: 'number',
      inputMode: 'numeric',
      min: '1',
      max: String(maxForms),
      required: true,
      value: '50',
      attrs: { 'aria-describedby': 'batch-count-hint' },
    });
    form.replaceChildren(
      el('h2', { textContent: t('batches.create') }),
      field(
        'batch-commune',
        'form.commune',
        communeSelect(communes, 'communeCode', 'batch-commune'),
      ),
      field('batch-wave', 'batches.wave', wave),
      field('batch-count', 'batches.count', count, t('batches.countHint', { max: maxForms })),
      field('batch-language', 'batches.language', language, t('batches.languageHint')),
      el('p', {
        className: 'error',
        textContent: formError?.() ?? '',
        hidden: formError === null,
        attrs: { role: 'alert' },
      }),
      el(
        'p',
        { className: 'hint', attrs: { role: 'status' } },
        created
          ? [
              t('batches.created', {
                number: created.number,
                commune: created.communeName,
                count: created.count,
              }),
              ' ',
              printLink(created),
            ]
          : [],
      ),
      el('div', { className: 'actions' }, [
        el('button', {
          type: 'submit',
          className: 'primary',
          disabled: busy,
          textContent: t('batches.createButton'),
        }),
      ]),
    );
  };

  const renderList = () => {
    const head = [
      'batches.commune',
      'batches.number',
      'batches.wave',
      'batches.language',
      'batches.forms',
      'batches.createdBy',
      'col.actions',
    ];
    const languageName = new Map(deps.languages.map((l) => [l.code, l.name]));
    listHost.replaceChildren(
      batches.length === 0
        ? el('p', { className: 'hint', textContent: t('batches.none') })
        : el('div', { className: 'table-scroll' }, [
            el('table', { className: 'data' }, [
              el('caption', { textContent: t('batches.caption', { count: batches.length }) }),
              el('thead', {}, [
                el(
                  'tr',
                  {},
                  head.map((key) => el('th', { attrs: { scope: 'col' }, textContent: t(key) })),
                ),
              ]),
              el(
                'tbody',
                {},
                batches.map((b) =>
                  el('tr', { attrs: { 'data-batch': b.id } }, [
                    el('th', {
                      attrs: { scope: 'row' },
                      textContent: `${b.communeName} (${b.communeCode})`,
                    }),
                    el('td', { className: 'num', textContent: String(b.number).padStart(4, '0') }),
                    el('td', { textContent: b.wave }),
                    el('td', { textContent: languageName.get(b.language) ?? b.language }),
                    el('td', { className: 'num', textContent: String(b.count) }),
                    el('td', { textContent: `${b.createdBy}, ${formatDateTime(b.createdAt)}` }),
                    el('td', {}, [printLink(b)]),
                  ]),
                ),
              ),
            ]),
          ]),
    );
  };

  const onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy) return;
    const data = new FormData(form);
    const communeCode = String(data.get('communeCode') ?? '');
    const body = {
      communeCode,
      wave: String(data.get('wave') ?? ''),
      count: Number(data.get('count')),
      language: String(data.get('language') ?? 'vi'),
    };
    busy = true;
    formError = null;
    keepFieldValues(form, renderForm);
    try {
      const made = await api<{ id: string }>('/api/paper/batches', { method: 'POST', json: body });
      batches = await api<BatchSummary[]>('/api/paper/batches');
      created = batches.find((b) => b.id === made.id) ?? null;
      busy = false;
      keepFieldValues(form, renderForm);
      renderList();
      form.querySelector<HTMLElement>('[role=status] a')?.focus();
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

/** Paper forms (admins): print a numbered batch for a commune and a wave; the batches so far. */
export function mountPaperBatchesScreen(
  element: HTMLElement,
  deps: { api: Api; communes: () => Promise<Commune[]> },
): Part {
  const heading = el('h1', { tabIndex: -1 });
  const body = el('div');
  element.append(heading, body);
  const stopLanguage = onLanguage(() => setHeading(heading, t('batches.title')));
  const loading = mountLoading(body, {
    load: () =>
      Promise.all([
        deps.communes(),
        deps.api<WaveView[]>('/api/waves'),
        deps.api<LanguageSummary[]>('/api/languages'),
        deps.api<BatchSummary[]>('/api/paper/batches'),
      ]),
    ready: ([communes, waves, languages, batches]) =>
      mountBatchesAdmin(body, { api: deps.api, communes, waves, languages, batches }),
  });
  return {
    destroy() {
      stopLanguage();
      loading.destroy();
      element.replaceChildren();
    },
  };
}
