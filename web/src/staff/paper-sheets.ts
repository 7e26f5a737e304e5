// Imports only types, so the unit tests run it without a page.
import type { PaperForm, PaperQuestion } from '../../../server/paper/paper-codes.ts';

/** One A4 sheet of a form: the survey pages' headings it opens, and its questions. */
export type PaperSheet = {
  blocks: Array<{ heading: string | null; questions: PaperQuestion[] }>;
};

/**
 * Room a question takes on paper, in rating rows (a title line and the row of 0–10 with 98
 * and 99, about 21 mm): a choice question a title line and its choices, six to a line.
 */
export function questionHeight(question: Pick<PaperQuestion, 'kind' | 'codes'>): number {
  if (question.kind === 'rating') return 1;
  return 0.55 + 0.3 * Math.ceil(question.codes.length / 6);
}

/** A survey page's heading takes about a third of a rating row. */
const headingHeight = 0.35;

/**
 * Splits a form into sheets, each headed by its serial and QR code: questions in paper order,
 * never one cut across sheets, a survey page's heading kept with its first question. The first
 * sheet holds less (the title, the legend, the date box). Capacities are in rating rows, for
 * the print CSS (paper-print.css): 9 on the first A4 sheet, 11 on the others.
 *
 * @example paperSheets(v2Form).length // 3: 9 ratings, 11 ratings, then the rest
 */
export function paperSheets(
  form: Pick<PaperForm, 'pages'>,
  capacity = { first: 9, other: 11 },
): PaperSheet[] {
  const sheets: PaperSheet[] = [];
  let sheet: PaperSheet = { blocks: [] };
  let room = capacity.first;
  const newSheet = () => {
    sheets.push(sheet);
    sheet = { blocks: [] };
    room = capacity.other;
  };
  for (const page of form.pages) {
    let heading = page.title;
    for (const question of page.questions) {
      const needed = questionHeight(question) + (heading ? headingHeight : 0);
      if (needed > room && sheet.blocks.length > 0) newSheet();
      const last = sheet.blocks.at(-1);
      // A page carried over to a new sheet continues without its heading again.
      if (heading !== null || !last) {
        sheet.blocks.push({ heading, questions: [question] });
      } else {
        last.questions.push(question);
      }
      room -= needed;
      heading = null;
    }
    // The next page starts a block of its own, even on the same sheet.
    sheet.blocks.push({ heading: null, questions: [] });
  }
  for (const s of [...sheets, sheet]) s.blocks = s.blocks.filter((b) => b.questions.length > 0);
  if (sheet.blocks.length > 0 || sheets.length === 0) sheets.push(sheet);
  return sheets;
}
