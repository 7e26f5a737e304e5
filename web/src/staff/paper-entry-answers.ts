import {
  answerLabel,
  codeRanges,
  type PaperForm,
  type PaperQuestion,
  readCode,
} from '../../../server/paper/paper-codes.ts';
import { el } from './dom.ts';
import { t } from './messages.ts';
import { typedDay } from './paper-day.ts';

/** The field after the questions: the day written on the form. */
export const dayField = 'completedOn';

/** What a typed code says, for the line under its field: its answer's words, or the problem. */
export function codeFeedback(question: PaperQuestion, typed: string) {
  const read = readCode(question, typed);
  if (!read.ok) {
    const text =
      read.problem === 'repeated'
        ? t('entry.repeated')
        : read.problem === 'not_a_number'
          ? t('entry.notNumber', { allowed: read.allowed })
          : t('entry.notCode', { typed: typed.trim(), allowed: read.allowed });
    return { ok: false, text };
  }
  if (typed.trim() === '') return { ok: true, text: t('entry.blank') };
  const missing = question.codes.find((c) => c.missing && String(c.code) === typed.trim());
  return { ok: true, text: missing ? missing.label : answerLabel(question, read.value) };
}

/**
 * Whether what is typed so far can still become a code: "1" of 0–10 can (1, 10), "11" cannot.
 * A field says so while the clerk types, before Enter, so a slip shows at once.
 */
export function couldBecomeCode(question: PaperQuestion, typed: string) {
  const text = typed.trim();
  if (text === '') return true;
  if (question.kind === 'multiple') {
    const last = text.split(/[\s,;+]+/).at(-1) ?? '';
    return last === '' || question.codes.some((c) => String(c.code).startsWith(last));
  }
  return /^\d+$/.test(text) && question.codes.some((c) => String(c.code).startsWith(text));
}

export function dayFeedback(typed: string) {
  const day = typedDay(typed);
  if (day === null) return { ok: false, text: t('entry.badDay') };
  return { ok: true, text: day === '' ? t('entry.blank') : day.split('-').reverse().join('/') };
}

/** One labelled field a row: the question's number and words, the codes it takes, a live line. */
export function answerRows(form: PaperForm, typed: ReadonlyMap<string, string>) {
  const row = (name: string, label: string, hint: string, kind: string) => {
    const id = `entry-${name}`;
    const input = el('input', {
      id,
      name,
      value: typed.get(name) ?? '',
      autocomplete: 'off',
      inputMode: kind === 'multiple' ? 'text' : 'numeric',
      spellcheck: false,
      className: kind === 'day' ? 'entry-day' : 'entry-code',
      attrs: { 'aria-describedby': `${id}-codes ${id}-said`, 'data-kind': kind },
    });
    return el('li', { className: 'entry-row', attrs: { 'data-row': name } }, [
      el('label', { htmlFor: id, textContent: label }),
      input,
      el('span', { className: 'entry-codes', id: `${id}-codes`, textContent: hint }),
      el('span', { className: 'entry-said', id: `${id}-said`, attrs: { 'aria-live': 'polite' } }),
    ]);
  };
  return [
    ...form.questions.map((q) =>
      row(
        q.name,
        t('entry.question', { number: q.number, title: q.title }),
        t('entry.codes', { codes: codeRanges(q) }),
        q.kind,
      ),
    ),
    row(dayField, t('entry.completedOn'), t('entry.completedOnHint'), 'day'),
  ];
}

/** The answers as typed, to read over before sending: every question, its code and words. */
export function summaryTable(form: PaperForm, typed: ReadonlyMap<string, string>, serial: string) {
  const answered = form.questions.filter((q) => (typed.get(q.name) ?? '').trim() !== '').length;
  const rows = form.questions.map((q) => {
    const code = (typed.get(q.name) ?? '').trim();
    return el('tr', {}, [
      el('td', { className: 'num', textContent: String(q.number) }),
      el('th', { attrs: { scope: 'row' }, textContent: q.title }),
      el('td', { className: 'num', textContent: code || '–' }),
      el('td', { textContent: codeFeedback(q, code).text }),
    ]);
  });
  const day = typedDay(typed.get(dayField) ?? '');
  rows.push(
    el('tr', {}, [
      el('td', { className: 'num', textContent: '' }),
      el('th', { attrs: { scope: 'row' }, textContent: t('entry.completedOn') }),
      el('td', { className: 'num', textContent: (typed.get(dayField) ?? '').trim() || '–' }),
      el('td', { textContent: day ? day.split('-').reverse().join('/') : t('entry.blank') }),
    ]),
  );
  return el('div', { className: 'table-scroll' }, [
    el('table', { className: 'data entry-summary-table' }, [
      el('caption', {
        textContent: t('entry.summaryCaption', { serial, answered, total: form.questions.length }),
      }),
      el('thead', {}, [
        el(
          'tr',
          {},
          ['entry.col.number', 'entry.col.question', 'entry.col.code', 'entry.col.answer'].map(
            (key) => el('th', { attrs: { scope: 'col' }, textContent: t(key) }),
          ),
        ),
      ]),
      el('tbody', {}, rows),
    ]),
  ]);
}
