import type { Commune } from '../../../server/communes/schema.ts';
import templateCsv from '../../../server/population/population-template.csv?raw';
import type { Population } from '../../../server/population/schema.ts';
import {
  checkMargins,
  type MarginProblem,
  type MarginRowInput,
} from '../../../server/population/validate-margins.ts';
import { ApiError } from '../shared/api.ts';
import { formatNumber } from '../shared/i18n.ts';
import { el, keepFieldValues, onLanguage, setHeading } from './dom.ts';
import { formatDateTime } from './format.ts';
import { errorText, mountLoading } from './loading.ts';
import { t } from './messages.ts';
import { parseMarginsCsv } from './population-csv.ts';
import {
  describeCsvProblem,
  describeFileProblem,
  type FileProblemText,
  type FileRows,
} from './population-problems.ts';
import { mountPopulationTable } from './population-table.ts';
import type { Api, Part } from './types.ts';
import './population.css';

/** A file read and checked here, before anything is sent. */
type CheckedFile = {
  name: string;
  rows: MarginRowInput[];
  fileRows: FileRows;
  communes: number;
  /** Problems as found (kept raw, so a change of language words them again). */
  problems: Array<MarginProblem | { csv: Parameters<typeof describeCsvProblem>[0] }>;
};

const templateHref = `data:text/csv;charset=utf-8,${encodeURIComponent(templateCsv)}`;

/** Details of a 400 from `PUT /api/population`: the same problems the rules here find. */
function serverProblems(error: unknown): MarginProblem[] | null {
  if (!(error instanceof ApiError) || error.code !== 'validation_failed') return null;
  if (!Array.isArray(error.details)) return null;
  const problems = error.details.filter(
    (d): d is MarginProblem =>
      typeof d === 'object' && d !== null && 'kind' in d && typeof d.row === 'number',
  );
  return problems.length > 0 ? problems : null;
}

function mountPopulationAdmin(
  element: HTMLElement,
  deps: { api: Api; population: Population; communes: Commune[] },
): Part {
  const { api, communes } = deps;
  const codes = new Set(communes.map((c) => c.code));
  let population = deps.population;
  let checked: CheckedFile | null = null;
  let status: (() => string) | null = null;
  let formError: (() => string) | null = null;
  let busy = false;

  const inForce = el('section', { className: 'card', attrs: { 'aria-labelledby': 'pop-now' } });
  const form = el('form', { className: 'card', attrs: { 'aria-labelledby': 'pop-upload' } });
  const fileInput = el('input', {
    type: 'file',
    id: 'pop-file',
    // No name: keepFieldValues must not put text back into a file input (it throws).
    accept: '.csv,text/csv',
    attrs: { 'aria-describedby': 'pop-format' },
  });
  const report = el('div', { className: 'population-report' });
  let table: Part | null = null;
  element.append(inForce, form);

  const renderInForce = () => {
    table?.destroy();
    table = null;
    const communesWith = new Set(population.margins.map((m) => m.communeCode)).size;
    if (population.source === null) {
      inForce.replaceChildren(
        el('h2', { id: 'pop-now', textContent: t('population.inForce') }),
        el('p', { className: 'hint', textContent: t('population.none') }),
      );
      return;
    }
    const tableHost = el('div');
    inForce.replaceChildren(
      el('h2', { id: 'pop-now', textContent: t('population.inForce') }),
      el('dl', { className: 'population-facts' }, [
        el('dt', { textContent: t('population.source') }),
        el('dd', { textContent: population.source }),
        el('dt', { textContent: t('population.updatedAt') }),
        el('dd', { textContent: formatDateTime(population.updatedAt) }),
        el('dt', { textContent: t('population.updatedBy') }),
        el('dd', { textContent: population.updatedBy ?? '' }),
        el('dt', { textContent: t('population.communes') }),
        el('dd', { textContent: `${communesWith} / ${communes.length}` }),
      ]),
      ...(population.isDemo
        ? [el('p', { className: 'warning', textContent: t('population.demo') })]
        : []),
      el('details', {}, [el('summary', { textContent: t('population.showTable') }), tableHost]),
    );
    table = mountPopulationTable(tableHost, { margins: population.margins, communes });
  };

  const problemTexts = (file: CheckedFile): FileProblemText[] =>
    file.problems.map((p) =>
      'csv' in p ? describeCsvProblem(p.csv) : describeFileProblem(p, file.fileRows),
    );

  const renderReport = () => {
    const parts: Node[] = [];
    if (checked) {
      if (checked.rows.length > 0) {
        parts.push(
          el('p', {
            className: 'population-summary',
            textContent: t('population.summary', {
              file: checked.name,
              rows: formatNumber(checked.rows.length, 0),
              communes: formatNumber(checked.communes, 0),
            }),
          }),
        );
      }
      const texts = problemTexts(checked);
      if (texts.length > 0) {
        parts.push(
          el('div', { className: 'population-problems', attrs: { role: 'alert' } }, [
            el('p', {
              className: 'error',
              textContent: t('population.problems', { count: texts.length }),
            }),
            el(
              'ul',
              {},
              texts.map((p) =>
                el('li', { attrs: { 'data-line': String(p.line) } }, [
                  el('strong', { textContent: `${p.where}: ` }),
                  p.text,
                ]),
              ),
            ),
          ]),
        );
      } else {
        parts.push(el('p', { className: 'hint', textContent: t('population.ready') }));
      }
    }
    parts.push(
      el('p', {
        className: 'error',
        textContent: formError?.() ?? '',
        hidden: formError === null,
        attrs: { role: 'alert' },
      }),
      el('p', {
        className: 'population-status',
        textContent: status?.() ?? '',
        attrs: { role: 'status' },
      }),
    );
    report.replaceChildren(...parts);
  };

  const renderForm = () => {
    const canSave = checked !== null && checked.problems.length === 0 && checked.rows.length > 0;
    form.replaceChildren(
      el('h2', { id: 'pop-upload', textContent: t('population.upload') }),
      el('p', { id: 'pop-format', className: 'hint', textContent: t('population.format') }),
      el('p', {}, [
        el('a', {
          className: 'download',
          href: templateHref,
          download: 'population-template.csv',
          textContent: t('population.template'),
        }),
      ]),
      el('div', { className: 'field' }, [
        el('label', { htmlFor: 'pop-file', textContent: t('population.file') }),
        fileInput,
      ]),
      el('div', { className: 'field' }, [
        el('label', { htmlFor: 'pop-source', textContent: t('population.sourceLabel') }),
        el('input', {
          id: 'pop-source',
          name: 'source',
          required: true,
          maxLength: 200,
          attrs: { 'aria-describedby': 'pop-source-hint' },
        }),
        el('p', {
          id: 'pop-source-hint',
          className: 'hint',
          textContent: t('population.sourceHint'),
        }),
      ]),
      report,
      el('button', {
        type: 'submit',
        className: 'primary',
        disabled: busy,
        hidden: !canSave,
        textContent: busy ? t('population.saving') : t('save'),
      }),
    );
    renderReport();
  };

  const checkFile = async () => {
    const file = fileInput.files?.[0];
    status = null;
    formError = null;
    if (!file) {
      checked = null;
      keepFieldValues(form, renderForm);
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch {
      checked = null;
      formError = () => t('population.readFailed');
      keepFieldValues(form, renderForm);
      return;
    }
    const parsed = parseMarginsCsv(text);
    if (!parsed.ok) {
      checked = {
        name: file.name,
        rows: [],
        fileRows: { lines: [], populationText: [] },
        communes: 0,
        problems: [{ csv: parsed.problem }],
      };
    } else {
      const check = checkMargins(parsed.rows, codes);
      checked = {
        name: file.name,
        rows: parsed.rows,
        fileRows: { lines: parsed.lines, populationText: parsed.populationText },
        communes: new Set(parsed.rows.map((r) => r.communeCode).filter((c) => codes.has(c))).size,
        problems: check.ok ? [] : check.problems,
      };
    }
    keepFieldValues(form, renderForm);
  };

  const onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!checked || checked.problems.length > 0) return;
    const source = String(new FormData(form).get('source') ?? '').trim();
    if (source === '') {
      formError = () => t('population.needSource');
      renderReport();
      form.querySelector<HTMLInputElement>('#pop-source')?.focus();
      return;
    }
    busy = true;
    formError = null;
    status = null;
    keepFieldValues(form, renderForm);
    try {
      const stored = await api<{ communes: number }>('/api/population', {
        method: 'PUT',
        json: { source, margins: checked.rows },
      });
      population = await api<Population>('/api/population');
      busy = false;
      checked = null;
      fileInput.value = '';
      status = () => t('population.saved', { communes: stored.communes });
      renderForm();
      renderInForce();
    } catch (error) {
      busy = false;
      // The server's rules are these rules; should they find more (a commune list changed
      // since the page loaded), their problems go on the file's lines all the same.
      const problems = serverProblems(error);
      if (problems && checked) checked = { ...checked, problems };
      else formError = () => errorText(error);
      keepFieldValues(form, renderForm);
    }
  };

  const change = () => void checkFile();
  // A file corrected and chosen again has the same name: emptied first, the input still
  // reports the choice (a browser reports no change for the same path).
  const reopen = () => {
    fileInput.value = '';
  };
  fileInput.addEventListener('click', reopen);
  const submit = (event: SubmitEvent) => void onSubmit(event);
  fileInput.addEventListener('change', change);
  form.addEventListener('submit', submit);
  const stopLanguage = onLanguage(() => {
    renderInForce();
    keepFieldValues(form, renderForm);
  });
  return {
    destroy() {
      stopLanguage();
      table?.destroy();
      fileInput.removeEventListener('change', change);
      fileInput.removeEventListener('click', reopen);
      form.removeEventListener('submit', submit);
      element.replaceChildren();
    },
  };
}

/**
 * Population margins (admins): the figures in force (source, when, by whom, each commune's),
 * and a statistics office's CSV checked line by line in the browser, by the server's own
 * rules, before "Lưu" stores it in place of them all.
 */
export function mountPopulationScreen(
  element: HTMLElement,
  deps: { api: Api; communes: () => Promise<Commune[]> },
): Part {
  const heading = el('h1', { tabIndex: -1 });
  const intro = el('p', { className: 'hint' });
  const body = el('div');
  element.append(heading, intro, body);
  const stopLanguage = onLanguage(() => {
    setHeading(heading, t('population.title'));
    intro.textContent = t('population.intro');
  });
  const loading = mountLoading(body, {
    load: () => Promise.all([deps.api<Population>('/api/population'), deps.communes()]),
    ready: ([population, communes]) =>
      mountPopulationAdmin(body, { api: deps.api, population, communes }),
  });
  return {
    destroy() {
      stopLanguage();
      loading.destroy();
      element.replaceChildren();
    },
  };
}
