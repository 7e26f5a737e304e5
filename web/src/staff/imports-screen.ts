import './paper.css';
import type { ImportReport } from '../../../server/imports/schema.ts';
import { formatNumber } from '../shared/i18n.ts';
import { el, onLanguage, setHeading } from './dom.ts';
import { errorText } from './loading.ts';
import { t } from './messages.ts';
import type { Api, Part } from './types.ts';

/** What a source may be called (server/imports/schema.ts `importSourcePattern`). */
const sourcePattern = '[a-z0-9][a-z0-9_\\-]{0,31}';

const sameBytes = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && a.every((byte, index) => byte === b[index]);

/** The counts of a report as a row of labelled figures. */
function figures(report: ImportReport) {
  const figure = (label: string, value: number, name: string) =>
    el('div', { className: 'figure' }, [
      el('dt', { textContent: t(label) }),
      el('dd', { textContent: formatNumber(value, 0), attrs: { 'data-figure': name } }),
    ]);
  return el('dl', { className: 'summary import-figures' }, [
    figure('imports.rows', report.rows, 'rows'),
    figure('imports.valid', report.valid, 'valid'),
    figure('imports.unchanged', report.unchanged, 'unchanged'),
    report.dryRun
      ? figure('imports.wouldStore', report.valid - report.unchanged, 'wouldStore')
      : figure('imports.stored', report.stored, 'stored'),
  ]);
}

function problemTable(report: ImportReport) {
  if (report.problems.length === 0)
    return el('p', { className: 'hint', textContent: t('imports.noProblems') });
  return el('div', { className: 'table-scroll' }, [
    el('table', { className: 'data import-problems' }, [
      el('caption', {
        textContent: t('imports.problemsCaption', { count: report.problems.length }),
      }),
      el('thead', {}, [
        el(
          'tr',
          {},
          ['imports.line', 'imports.column', 'imports.message'].map((key) =>
            el('th', { attrs: { scope: 'col' }, textContent: t(key) }),
          ),
        ),
      ]),
      el(
        'tbody',
        {},
        report.problems.map((p) =>
          el('tr', {}, [
            el('th', { attrs: { scope: 'row' }, textContent: String(p.line) }),
            el('td', { textContent: p.column ?? t('imports.wholeRow') }),
            el('td', { textContent: p.message }),
          ]),
        ),
      ),
    ]),
  ]);
}

/**
 * CSV import (admins): a file from another tool is checked first (a dry run: how many rows,
 * how many valid, how many stored already, every problem by line), and only then imported; the
 * import button stands for exactly the file checked. The counts after say what was stored.
 */
export function mountImportsScreen(element: HTMLElement, deps: { api: Api }): Part {
  const { api } = deps;
  /** The file and source the last check was of: what the import button sends. */
  let checked: { bytes: Uint8Array<ArrayBuffer>; source: string; name: string } | null = null;
  let report: ImportReport | null = null;
  let failure: unknown = null;
  let problem: string | null = null;
  let busy = false;

  const heading = el('h1', { tabIndex: -1 });
  const intro = el('p', { className: 'hint' });
  const form = el('form', { className: 'card import-form' });
  const resultHost = el('section', {
    className: 'import-result',
    attrs: { 'aria-live': 'polite' },
  });
  element.append(heading, intro, form, resultHost);

  // Built once: a file field cannot be given its file back, so a change of language only
  // rewords what is around it.
  const fileLabel = el('label', { htmlFor: 'import-file' });
  const file = el('input', {
    id: 'import-file',
    name: 'file',
    type: 'file',
    accept: '.csv,text/csv',
    required: true,
  });
  const sourceLabel = el('label', { htmlFor: 'import-source' });
  const source = el('input', {
    id: 'import-source',
    name: 'source',
    required: true,
    pattern: sourcePattern,
    maxLength: 32,
    value: 'csv',
    attrs: { 'aria-describedby': 'import-source-hint' },
  });
  const sourceHint = el('p', { id: 'import-source-hint', className: 'hint' });
  const formError = el('p', { className: 'error', attrs: { role: 'alert' } });
  const checkButton = el('button', { type: 'submit' });
  const runButton = el('button', { type: 'button', className: 'primary' });
  runButton.addEventListener('click', () => void runImport());
  // Another file: its check is still to come.
  file.addEventListener('change', () => {
    checked = null;
    report = null;
    failure = null;
    render();
  });
  form.append(
    el('div', { className: 'field' }, [fileLabel, file]),
    el('div', { className: 'field' }, [sourceLabel, source, sourceHint]),
    formError,
    el('div', { className: 'actions' }, [checkButton, runButton]),
  );

  const renderForm = () => {
    const storable = report?.dryRun ? report.valid - report.unchanged : 0;
    fileLabel.textContent = t('imports.file');
    sourceLabel.textContent = t('imports.source');
    sourceHint.textContent = t('imports.sourceHint');
    formError.hidden = problem === null;
    formError.textContent = problem ?? '';
    checkButton.disabled = busy;
    checkButton.textContent = busy ? t('imports.busy') : t('imports.check');
    runButton.disabled = busy || storable === 0;
    runButton.textContent = t('imports.run', { count: storable });
  };

  const renderResult = () => {
    if (failure !== null) {
      resultHost.replaceChildren(el('p', { className: 'error', textContent: errorText(failure) }));
      return;
    }
    if (!report) {
      resultHost.replaceChildren();
      return;
    }
    resultHost.replaceChildren(
      el('div', { className: 'card' }, [
        el('h2', { textContent: t(report.dryRun ? 'imports.dryTitle' : 'imports.doneTitle') }),
        ...(checked
          ? [el('p', { className: 'hint', textContent: `${checked.name} · ${report.source}` })]
          : []),
        figures(report),
        problemTable(report),
      ]),
    );
  };

  const render = () => {
    renderForm();
    renderResult();
  };

  const send = async (bytes: Uint8Array<ArrayBuffer>, from: string, dryRun: boolean) => {
    busy = true;
    failure = null;
    problem = null;
    render();
    try {
      report = await api<ImportReport>(
        `/api/imports/responses?dryRun=${dryRun}&source=${encodeURIComponent(from)}`,
        // The bytes as they are: the server checks the encoding and names the line it fails on.
        { method: 'POST', body: bytes, headers: { 'content-type': 'text/csv' } },
      );
    } catch (error) {
      failure = error;
      report = null;
    }
    busy = false;
    render();
  };

  const check = async () => {
    const chosen = file.files?.[0];
    if (!chosen || chosen.size === 0) {
      problem = t('imports.noFile');
      render();
      file.focus();
      return;
    }
    const bytes = new Uint8Array(await chosen.arrayBuffer());
    checked = { bytes, source: source.value.trim(), name: chosen.name };
    await send(bytes, checked.source, true);
  };

  const runImport = async () => {
    if (!checked || !report?.dryRun) return;
    // The file on disk may have changed since the check: what is sent is what was checked.
    const chosen = file.files?.[0];
    if (chosen && !sameBytes(new Uint8Array(await chosen.arrayBuffer()), checked.bytes)) {
      problem = t('imports.changedFile');
      report = null;
      render();
      return;
    }
    await send(checked.bytes, checked.source, false);
  };

  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!busy) void check();
  };
  form.addEventListener('submit', onSubmit);
  const stopLanguage = onLanguage(() => {
    setHeading(heading, t('imports.title'));
    intro.textContent = t('imports.intro');
    render();
  });
  return {
    destroy() {
      stopLanguage();
      form.removeEventListener('submit', onSubmit);
      element.replaceChildren();
    },
  };
}
