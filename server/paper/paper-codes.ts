// Imports only types: the staff pages print and type paper forms with this same code.
import type { Scoring } from '../questionnaires/schema.ts';

/**
 * A paper form is typed as numbers, one per question in the order of the paper. What each
 * number means:
 *
 * - a rating of whole numbers (0–10): the number itself; a rating of other values: 1..k;
 * - a choice question (radiogroup, dropdown, …): its choices numbered 1..k, as printed;
 * - checkboxes: the numbers of every ticked choice, apart (`1 3`);
 * - yes/no: 1 yes, 2 no;
 * - everywhere: the questionnaire's missing codes, 98 "don't know" and 99 "not applicable"
 *   (scoring.missing, METHOD.md section 1), so a clerk learns one rule. A scored item stores
 *   the code itself (it counts in the don't-know rate); a question whose form has no such
 *   answer (a choice question, the unscored life satisfaction) stores no answer for it, as
 *   the server would refuse the code there;
 * - nothing typed: the question was left blank, no answer.
 *
 * Free text (comments) is left off paper: two clerks never type a handwritten sentence alike,
 * so every form with a comment would end in a conflict, and a handwritten comment can name a
 * person the survey promised not to ask for. Other question types without a fixed list of
 * answers are left off too; `leftOff` names them.
 */

/** What a typed code stands for: the value the API takes, or `null` for no answer. */
export type AnswerValue = string | number | boolean | ReadonlyArray<string | number>;

/** One number a clerk may type for a question, and what is printed beside it. */
export type PaperCode = {
  code: number;
  /** The answer stored; `null`: none (a missing code on a question that cannot hold it). */
  value: string | number | boolean | null;
  label: string;
  /** Set for the missing codes: printed apart from the question's own answers. */
  missing?: boolean;
};

export type PaperQuestionKind = 'rating' | 'choice' | 'multiple' | 'boolean';

export type PaperQuestion = {
  name: string;
  /** Its number on paper, from 1, as the resident's screen numbers it. */
  number: number;
  kind: PaperQuestionKind;
  title: string;
  description: string | null;
  /** A rating's words at its two ends (0 and 10). */
  minLabel: string | null;
  maxLabel: string | null;
  /** Every code that may be typed, the question's own answers first, then the missing codes. */
  codes: PaperCode[];
};

export type PaperPage = { name: string; title: string | null; questions: PaperQuestion[] };

export type PaperForm = {
  questionnaireId: string;
  language: string;
  title: string;
  pages: PaperPage[];
  /** Every question of the paper in order: what a clerk types through. */
  questions: PaperQuestion[];
  /** The missing codes and their words, for the legend at the top of the form. */
  missing: Array<{ code: number; label: string }>;
  /** Questions not on paper (free text), by name. */
  leftOff: string[];
};

/** What `paperForm` reads of a questionnaire version (`GET /api/questionnaires/:id`). */
export type PaperSource = {
  id: string;
  scoring: Pick<Scoring, 'items' | 'missing'>;
  survey: Record<string, unknown>;
};

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const singleChoiceTypes = new Set(['radiogroup', 'dropdown', 'buttongroup', 'imagepicker']);
const multipleChoiceTypes = new Set(['checkbox', 'tagbox']);
const displayOnlyTypes = new Set(['html', 'image', 'expression']);

/** Words the form itself may not carry, by language (other languages read the Vietnamese). */
const fallbackWords = {
  vi: { yes: 'Có', no: 'Không', dontKnow: 'Không biết', notApplicable: 'Không áp dụng' },
  en: { yes: 'Yes', no: 'No', dontKnow: "Don't know", notApplicable: 'Not applicable' },
} as const;

/**
 * A form's text in a language: the language's own strings by key (questionnaire-strings.ts)
 * for one other than Vietnamese and English, else the form's `en` or its Vietnamese `default`.
 */
function textIn(
  value: unknown,
  key: string,
  language: string,
  strings: Readonly<Record<string, string>>,
): string | null {
  const own = language !== 'vi' && language !== 'en' ? strings[key] : undefined;
  if (own) return own;
  if (typeof value === 'string') return value;
  if (!isObject(value)) return null;
  const localized = language === 'en' && typeof value.en === 'string' ? value.en : value.default;
  return typeof localized === 'string' ? localized : null;
}

/** HTML in a title (SurveyJS allows markup) printed as its text. */
const plain = (text: string) =>
  text
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim();

type Listed = { value: unknown; text: unknown };
const listed = (items: unknown): Listed[] =>
  Array.isArray(items)
    ? items.map((item) =>
        isObject(item) ? { value: item.value, text: item.text } : { value: item, text: null },
      )
    : [];

/** A rating's values as SurveyJS offers them: `rateValues`, else rateMin..rateMax by rateStep. */
function ratingItems(element: Json): Listed[] {
  if (Array.isArray(element.rateValues) && element.rateValues.length > 0) {
    return listed(element.rateValues);
  }
  const min = typeof element.rateMin === 'number' ? element.rateMin : 1;
  const max = typeof element.rateMax === 'number' ? element.rateMax : 5;
  const step = typeof element.rateStep === 'number' && element.rateStep > 0 ? element.rateStep : 1;
  const values: Listed[] = [];
  for (let v = min; v <= max; v += step) values.push({ value: v, text: null });
  return values;
}

type Context = {
  language: string;
  strings: Readonly<Record<string, string>>;
  missing: readonly number[];
  scored: ReadonlySet<string>;
  missingLabels: Map<number, string>;
};

/** The missing codes' words: from any question of the form that offers them, else the defaults. */
function missingLabels(survey: Json, context: Omit<Context, 'missingLabels'>) {
  const labels = new Map<number, string>();
  const words = fallbackWords[context.language === 'en' ? 'en' : 'vi'];
  const visit = (elements: unknown) => {
    if (!Array.isArray(elements)) return;
    for (const element of elements) {
      if (!isObject(element)) continue;
      visit(element.elements);
      for (const property of ['rateValues', 'choices'] as const) {
        for (const item of listed(element[property])) {
          if (typeof item.value !== 'number' || !context.missing.includes(item.value)) continue;
          if (labels.has(item.value)) continue;
          const key = `${String(element.name)}.${property}.${item.value}`;
          const text = textIn(item.text, key, context.language, context.strings);
          if (text) labels.set(item.value, plain(text));
        }
      }
    }
  };
  for (const page of Array.isArray(survey.pages) ? survey.pages : []) {
    if (isObject(page)) visit(page.elements);
  }
  context.missing.forEach((code, index) => {
    if (!labels.has(code)) {
      labels.set(
        code,
        index === 0 ? words.dontKnow : index === 1 ? words.notApplicable : String(code),
      );
    }
  });
  return labels;
}

/** The missing codes for a question: stored as themselves where the question can hold them. */
function missingCodes(context: Context, name: string, offered: readonly unknown[]): PaperCode[] {
  return context.missing.map((code) => ({
    code,
    value: context.scored.has(name) || offered.includes(code) ? code : null,
    label: context.missingLabels.get(code) ?? String(code),
    missing: true,
  }));
}

function labelOf(item: Listed, key: string, context: Context) {
  const text = textIn(item.text, key, context.language, context.strings);
  return text ? plain(text) : String(item.value);
}

/** A question's codes and kind, or null when it stays off paper. */
function describe(element: Json, type: string, context: Context) {
  const name = String(element.name);
  if (type === 'rating') {
    const items = ratingItems(element);
    const own = items.filter(
      (item) => !(typeof item.value === 'number' && context.missing.includes(item.value)),
    );
    const whole = own.every(
      (item) =>
        typeof item.value === 'number' &&
        Number.isInteger(item.value) &&
        item.value >= 0 &&
        item.value < Math.min(...context.missing, 100),
    );
    const codes: PaperCode[] = own.map((item, index) => ({
      code: whole ? (item.value as number) : index + 1,
      value: item.value as string | number,
      label: labelOf(item, `${name}.rateValues.${String(item.value)}`, context),
    }));
    const offered = items.map((item) => item.value);
    return { kind: 'rating' as const, codes: [...codes, ...missingCodes(context, name, offered)] };
  }
  if (singleChoiceTypes.has(type) || multipleChoiceTypes.has(type)) {
    const items = listed(element.choices);
    const own = items.filter(
      (item) => !(typeof item.value === 'number' && context.missing.includes(item.value)),
    );
    const codes: PaperCode[] = own.map((item, index) => ({
      code: index + 1,
      value: item.value as string | number,
      label: labelOf(item, `${name}.choices.${String(item.value)}`, context),
    }));
    const multiple = multipleChoiceTypes.has(type);
    const offered = multiple ? [] : items.map((item) => item.value);
    return {
      kind: multiple ? ('multiple' as const) : ('choice' as const),
      codes: [...codes, ...missingCodes(context, name, offered)],
    };
  }
  if (type === 'boolean') {
    const words = fallbackWords[context.language === 'en' ? 'en' : 'vi'];
    const yes = textIn(element.labelTrue, `${name}.labelTrue`, context.language, context.strings);
    const no = textIn(element.labelFalse, `${name}.labelFalse`, context.language, context.strings);
    return {
      kind: 'boolean' as const,
      codes: [
        { code: 1, value: true, label: yes ? plain(yes) : words.yes },
        { code: 2, value: false, label: no ? plain(no) : words.no },
        ...missingCodes(context, name, []),
      ],
    };
  }
  return null;
}

/**
 * The paper form of a questionnaire version in a language: its pages and questions in the
 * resident's order, each with its number, its words and the codes a clerk types for it.
 * `strings` are a language's questionnaire strings (`GET /api/languages/:code`), needed for
 * a language other than Vietnamese and English; a string it lacks is printed in Vietnamese.
 *
 * @example paperForm(v2, { language: 'vi' }).questions[0]
 *   // { name: 'sec_income', number: 1, kind: 'rating', codes: [{ code: 0, value: 0, … }, …,
 *   //   { code: 98, value: 98, label: 'Không biết', missing: true }, …] }
 */
export function paperForm(
  source: PaperSource,
  options: { language: string; strings?: Readonly<Record<string, string>> },
): PaperForm {
  const strings = options.strings ?? {};
  const base = {
    language: options.language,
    strings,
    missing: source.scoring.missing,
    scored: new Set(source.scoring.items.map((item) => item.name)),
  };
  const context: Context = { ...base, missingLabels: missingLabels(source.survey, base) };
  const questions: PaperQuestion[] = [];
  const leftOff: string[] = [];
  const pages: PaperPage[] = [];
  const visit = (elements: unknown, into: PaperQuestion[]) => {
    if (!Array.isArray(elements)) return;
    for (const element of elements) {
      if (!isObject(element)) continue;
      const type = String(element.type ?? '');
      if (Array.isArray(element.elements)) visit(element.elements, into);
      if (type === 'panel' || displayOnlyTypes.has(type) || typeof element.name !== 'string') {
        continue;
      }
      const described = describe(element, type, context);
      if (!described) {
        leftOff.push(element.name);
        continue;
      }
      const { name } = element;
      const text = (property: string) => {
        const found = textIn(element[property], `${name}.${property}`, options.language, strings);
        return found ? plain(found) : null;
      };
      const question: PaperQuestion = {
        name,
        number: questions.length + 1,
        kind: described.kind,
        title: text('title') ?? name,
        description: text('description'),
        minLabel: described.kind === 'rating' ? text('minRateDescription') : null,
        maxLabel: described.kind === 'rating' ? text('maxRateDescription') : null,
        codes: described.codes,
      };
      questions.push(question);
      into.push(question);
    }
  };
  const survey = source.survey;
  for (const page of Array.isArray(survey.pages) ? survey.pages : []) {
    if (!isObject(page)) continue;
    const name = typeof page.name === 'string' ? page.name : '';
    const own: PaperQuestion[] = [];
    visit(page.elements, own);
    if (own.length === 0) continue;
    const title = textIn(page.title, `pages.${name}.title`, options.language, strings);
    pages.push({ name, title: title ? plain(title) : null, questions: own });
  }
  const title = textIn(survey.title, 'title', options.language, strings);
  return {
    questionnaireId: source.id,
    language: options.language,
    title: title ? plain(title) : source.id,
    pages,
    questions,
    missing: source.scoring.missing.map((code) => ({
      code,
      label: context.missingLabels.get(code) ?? String(code),
    })),
    leftOff,
  };
}

/**
 * The codes a question takes, written short for a message or the print: runs of consecutive
 * codes joined (`0–10, 98, 99`; `1–4, 98, 99`).
 */
export function codeRanges(question: Pick<PaperQuestion, 'codes'>): string {
  const codes = [...new Set(question.codes.map((c) => c.code))].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < codes.length; ) {
    let j = i;
    while (j + 1 < codes.length && codes[j + 1] === (codes[j] as number) + 1) j += 1;
    const [from, to] = [codes[i] as number, codes[j] as number];
    runs.push(j - i >= 2 ? `${from}–${to}` : j > i ? `${from}, ${to}` : `${from}`);
    i = j + 1;
  }
  return runs.join(', ');
}

export type TypedCode =
  | { ok: true; value: AnswerValue | null }
  | { ok: false; problem: 'not_a_number' | 'not_a_code' | 'repeated'; allowed: string };

/**
 * What a clerk's typed code means for a question: the answer value (`null`: no answer, for a
 * blank or a missing code the question cannot hold), or why it is not one of its codes.
 *
 * @example readCode(sec_income, '7')   // { ok: true, value: 7 }
 * @example readCode(sec_income, '98')  // { ok: true, value: 98 }
 * @example readCode(sec_income, '11')  // { ok: false, problem: 'not_a_code', allowed: '0–10, 98, 99' }
 * @example readCode(age_band, '2')     // { ok: true, value: '30-44' }
 */
export function readCode(
  question: Pick<PaperQuestion, 'kind' | 'codes'>,
  typed: string,
): TypedCode {
  const text = typed.trim();
  if (text === '') return { ok: true, value: null };
  const allowed = codeRanges(question);
  const parts = question.kind === 'multiple' ? text.split(/[\s,;+]+/).filter(Boolean) : [text];
  if (!parts.every((part) => /^\d{1,3}$/.test(part))) {
    return { ok: false, problem: 'not_a_number', allowed };
  }
  const found = parts.map((part) => question.codes.find((c) => c.code === Number(part)));
  if (found.some((code) => code === undefined))
    return { ok: false, problem: 'not_a_code', allowed };
  const codes = found as PaperCode[];
  if (question.kind !== 'multiple') return { ok: true, value: codes[0]?.value ?? null };
  if (new Set(codes.map((c) => c.code)).size !== codes.length) {
    return { ok: false, problem: 'repeated', allowed };
  }
  // A missing code stands alone: "don't know" ticked beside a choice is read as that choice.
  const chosen = codes.filter((c) => !c.missing);
  if (chosen.length === 0) return { ok: true, value: null };
  const order = new Map(question.codes.map((c, index) => [c.code, index]));
  return {
    ok: true,
    value: chosen
      .sort((a, b) => (order.get(a.code) ?? 0) - (order.get(b.code) ?? 0))
      .map((c) => c.value as string | number),
  };
}

/**
 * The code a clerk would have typed for a stored answer (`''` for none), the other way round
 * from `readCode`: to show an entry's answers as on paper.
 *
 * @example codeOf(age_band, '30-44') // '2'
 * @example codeOf(checkbox, ['a', 'c']) // '1 3'
 */
export function codeOf(question: Pick<PaperQuestion, 'codes'>, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) {
    return value
      .map((v) => codeOf(question, v))
      .filter(Boolean)
      .join(' ');
  }
  const found = question.codes.find((c) => c.value !== null && c.value === value);
  return found ? String(found.code) : '';
}

/** The printed words of a stored answer (its code's label), or `''` for none. */
export function answerLabel(question: Pick<PaperQuestion, 'codes'>, value: unknown): string {
  if (value === null || value === undefined) return '';
  const values = Array.isArray(value) ? value : [value];
  return values
    .map((v) => question.codes.find((c) => c.value !== null && c.value === v)?.label ?? String(v))
    .join(', ');
}

/**
 * The answers of a typed form, as `POST /api/paper/entries` takes them: every question with an
 * answer, blanks and missing codes a question cannot hold left out. Throws on a code that
 * `readCode` refuses: the entry screen lets no such code through.
 */
export function answersOf(
  form: Pick<PaperForm, 'questions'>,
  typed: Readonly<Record<string, string>>,
): Record<string, AnswerValue> {
  const answers: Record<string, AnswerValue> = {};
  for (const question of form.questions) {
    const read = readCode(question, typed[question.name] ?? '');
    if (!read.ok) throw new Error(`${question.name}: "${typed[question.name]}" is not a code`);
    if (read.value !== null) answers[question.name] = read.value;
  }
  return answers;
}
