import './paper-print.css';
import {
  type PaperForm,
  type PaperQuestion,
  type PaperSource,
  paperForm,
} from '../../../server/paper/paper-codes.ts';
import type { Batch } from '../../../server/paper/schema.ts';
import { el, onLanguage, setHeading } from './dom.ts';
import { mountLoading } from './loading.ts';
import { t } from './messages.ts';
import { type PaperSheet, paperSheets } from './paper-sheets.ts';
import type { Api, Part } from './types.ts';

/**
 * The words around the questions, in the batch's language where the staff pages have it
 * (Vietnamese, English); a form in another language has its questions in that language and
 * these in Vietnamese, which the field teams read.
 */
const sheetWords = {
  vi: {
    kicker: 'Phiếu hỏi · {wave}',
    page: 'Trang {page}/{pages}',
    anonymous:
      'Phiếu không ghi tên, không hỏi số điện thoại. Câu nào không muốn trả lời thì để trống.',
    how: 'Ở mỗi câu, khoanh tròn một số và ghi số đó vào ô bên phải.',
    legend: 'Để trống: không trả lời.',
    day: 'Ngày trả lời',
    dayFormat: 'ngày / tháng / năm',
    box: 'Số trả lời câu {number}',
    serial: 'Số phiếu',
    qr: 'Mã QR của số phiếu {serial}',
    many: 'ghi mọi số đã chọn',
  },
  en: {
    kicker: 'Survey form · {wave}',
    page: 'Page {page} of {pages}',
    anonymous:
      'The form is anonymous: no name, no phone number. Leave any question you do not want to answer empty.',
    how: 'For each question, circle one number and write it in the box on the right.',
    legend: 'Empty: not answered.',
    day: 'Day answered',
    dayFormat: 'day / month / year',
    box: 'Answer to question {number}',
    serial: 'Form number',
    qr: 'QR code of form number {serial}',
    many: 'write every number chosen',
  },
} as const;
type Words = Record<keyof (typeof sheetWords)['vi'], string>;
const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));

/** Empty boxes to write a code in: two digits, or more for several choices. */
function codeBoxes(question: PaperQuestion, words: Words) {
  const widest = Math.max(...question.codes.map((c) => String(c.code).length));
  const count = question.kind === 'multiple' ? Math.min(6, question.codes.length) * 2 : widest;
  return el(
    'div',
    {
      className: 'code-boxes',
      attrs: { role: 'img', 'aria-label': fill(words.box, { number: question.number }) },
    },
    Array.from({ length: count }, () => el('span', { className: 'code-box' })),
  );
}

/** A question as on the resident's screen: its number, words, and its answers with their codes. */
function printedQuestion(question: PaperQuestion, words: Words) {
  const own = question.codes.filter((c) => !c.missing);
  const missing = question.codes.filter((c) => c.missing);
  const option = (code: (typeof question.codes)[number]) =>
    el('li', { className: code.missing ? 'option missing' : 'option' }, [
      el('span', { className: 'option-code', textContent: String(code.code) }),
      // A rating's own numbers need no words beside them: its ends are labelled below.
      question.kind === 'rating' && !code.missing && code.label === String(code.code)
        ? ''
        : el('span', { className: 'option-label', textContent: code.label }),
    ]);
  const ends =
    question.kind === 'rating' && (question.minLabel || question.maxLabel)
      ? [
          el('div', { className: 'scale-ends' }, [
            el('span', {
              textContent: question.minLabel ? `${own[0]?.code} = ${question.minLabel}` : '',
            }),
            el('span', {
              textContent: question.maxLabel ? `${own.at(-1)?.code} = ${question.maxLabel}` : '',
            }),
          ]),
        ]
      : [];
  return el(
    'li',
    {
      className: `paper-question kind-${question.kind}`,
      attrs: { 'data-question': question.name },
    },
    [
      el('div', { className: 'question-text' }, [
        el('p', { className: 'question-title' }, [
          el('span', { className: 'question-number', textContent: `${question.number}.` }),
          ` ${question.title}`,
          question.kind === 'multiple' ? ` (${words.many})` : '',
        ]),
        el('ul', { className: `options options-${question.kind}` }, [
          ...own.map(option),
          ...missing.map(option),
        ]),
        ...ends,
      ]),
      codeBoxes(question, words),
    ],
  );
}

/** The top of every sheet: the serial large, the batch's commune and wave, the QR code. */
function sheetHead(batch: Batch, serial: string, qr: SVGSVGElement, words: Words) {
  return el('header', { className: 'sheet-head' }, [
    el('div', { className: 'sheet-serial' }, [
      el('p', { className: 'serial-label', textContent: words.serial }),
      el('p', { className: 'serial', textContent: serial, attrs: { 'data-serial': serial } }),
      el('p', {
        className: 'sheet-where',
        textContent: `${batch.communeName} (${batch.communeCode}) · ${fill(words.kicker, { wave: batch.waveName })}`,
      }),
    ]),
    qr.cloneNode(true) as SVGSVGElement,
  ]);
}

/** What the first sheet adds above the questions: the title, how to answer, the day. */
function firstSheetIntro(form: PaperForm, words: Words) {
  const day = el(
    'div',
    { className: 'day-boxes', attrs: { role: 'img', 'aria-label': words.day } },
    [
      ...[2, 2, 4].flatMap((digits, index) => [
        ...(index > 0 ? [el('span', { className: 'day-slash', textContent: '/' })] : []),
        ...Array.from({ length: digits }, () => el('span', { className: 'code-box' })),
      ]),
    ],
  );
  return el('section', { className: 'sheet-intro' }, [
    el('h2', { className: 'form-title', textContent: form.title }),
    el('p', { textContent: words.anonymous }),
    el('p', { textContent: words.how }),
    el('p', { className: 'legend' }, [
      ...form.missing.map((m) => el('strong', { textContent: `${m.code} = ${m.label}` })),
      el('span', { textContent: words.legend }),
    ]),
    el('div', { className: 'day-field' }, [
      el('span', { textContent: `${words.day} (${words.dayFormat}):` }),
      day,
    ]),
  ]);
}

function formSheets(
  batch: Batch,
  form: PaperForm,
  sheets: PaperSheet[],
  serial: string,
  qr: SVGSVGElement,
  words: Words,
) {
  return sheets.map((sheet, index) =>
    el('section', { className: 'paper-sheet', attrs: { 'data-sheet-of': serial } }, [
      sheetHead(batch, serial, qr, words),
      ...(index === 0 ? [firstSheetIntro(form, words)] : []),
      ...sheet.blocks.map((block) =>
        el('div', { className: 'sheet-block' }, [
          ...(block.heading
            ? [el('h3', { className: 'page-heading', textContent: block.heading })]
            : []),
          el(
            'ol',
            { className: 'paper-questions' },
            block.questions.map((question) => printedQuestion(question, words)),
          ),
        ]),
      ),
      el('footer', {
        className: 'sheet-foot',
        textContent: `${serial} · ${fill(words.page, { page: index + 1, pages: sheets.length })}`,
      }),
    ]),
  );
}

/** Loads what a batch's print needs: the batch (with its language's strings), its version. */
async function loadPrintable(api: Api, id: string) {
  const batch = await api<Batch>(`/api/paper/batches/${id}`);
  const source = await api<PaperSource>(
    `/api/questionnaires/${encodeURIComponent(batch.questionnaireId)}`,
  );
  return { batch, source };
}

/**
 * A batch of paper forms to print (`#/print/batch/<id>`, admins): every form on A4 sheets of
 * its own, each sheet headed by the form's serial in large type and as a QR code, the
 * questions as residents read them in the batch's language, boxes for the codes (paper-
 * codes.ts). The browser prints it (paper-print.css); the screen shows the sheets as previews.
 */
export function mountPaperPrint(element: HTMLElement, deps: { api: Api; id: string }): Part {
  const page = el('article', { className: 'paper-print' });
  element.append(page);
  return mountLoading(page, {
    load: async () => {
      const [printable, { qrSvg }] = await Promise.all([
        loadPrintable(deps.api, deps.id),
        import('./paper-qr.ts'),
      ]);
      return { ...printable, qrSvg };
    },
    ready: ({ batch, source, qrSvg }) => {
      const language = batch.language;
      const form = paperForm(source, { language, strings: batch.strings });
      const sheets = paperSheets(form);
      const words = sheetWords[batch.language === 'en' ? 'en' : 'vi'];
      const forms = el('div', { className: 'paper-forms', attrs: { lang: language } });
      for (const serial of batch.serials) {
        forms.append(
          ...formSheets(
            batch,
            form,
            sheets,
            serial,
            qrSvg(serial, fill(words.qr, { serial })),
            words,
          ),
        );
      }
      const toolbar = el('div', { className: 'paper-toolbar' });
      const heading = el('h1', { tabIndex: -1 });
      const stopLanguage = onLanguage(() => {
        const print = el('button', {
          type: 'button',
          className: 'primary',
          textContent: t('paperPrint.print'),
        });
        print.addEventListener('click', () => window.print());
        toolbar.replaceChildren(
          el('a', { href: '#/paper/batches', textContent: t('paperPrint.back') }),
          print,
          el('p', { className: 'hint', textContent: t('paperPrint.hint') }),
        );
        setHeading(
          heading,
          t('paperPrint.title', {
            number: batch.number,
            commune: batch.communeName,
            count: batch.count,
          }),
        );
      });
      page.replaceChildren(
        el('div', { className: 'paper-screen-head' }, [heading, toolbar]),
        forms,
      );
      return {
        destroy() {
          stopLanguage();
          page.replaceChildren();
        },
      };
    },
  });
}
