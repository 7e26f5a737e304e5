import type {
  ItemValue,
  Question,
  QuestionBooleanModel,
  QuestionRatingModel,
  QuestionSelectBase,
} from 'survey-core';

/**
 * Where an answer's listen button goes in a drawn question: its value (the recording key is
 * `<question>.<value>`, server/audio/recording-keys.ts), its text in the form's language (the
 * button's description), and `put`, which sets the button beside the answer, never inside
 * the label that chooses it, so pressing it chooses nothing.
 */
export type AnswerSpot = { value: string; text: string; put(node: HTMLElement): void };

const plain = (html: string | undefined) =>
  (html ?? '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const itemText = (item: ItemValue) => plain(item.locText.renderedHtml);

/**
 * The answers of `question` that can carry a listen button, as drawn in `element`:
 * - a 0–10 scale (scale-question.ts): its labelled ends, the button inside the end's label
 *   (a text, not a control) for 0 and 10, and "don't know" / "not applicable" after their
 *   points; the numbers 1–9 say themselves;
 * - a single or multiple choice (radiogroup, checkbox) and a yes/no drawn as two radios: each
 *   answer, the button after its label within the answer's row;
 * - a yes/no drawn as SurveyJS's switch is one label around both answers: nowhere to put a
 *   button that is not inside it, so none (the questionnaires draw none this way).
 */
export function answerSpots(question: Question, element: HTMLElement): AnswerSpot[] {
  const type = question.getType();
  if (type === 'rating') return scaleSpots(question as QuestionRatingModel, element);
  if (type === 'radiogroup' || type === 'checkbox') {
    return (question as QuestionSelectBase).visibleChoices.flatMap((item: ItemValue) =>
      rowSpot(element, String(item.value), String(item.value), itemText(item)),
    );
  }
  if (type === 'boolean' && question.renderAs === 'radio') {
    const yesNo = question as QuestionBooleanModel;
    return [
      ...rowSpot(
        element,
        'true',
        String(yesNo.getValueTrue()),
        plain(yesNo.locLabelTrue.renderedHtml),
      ),
      ...rowSpot(
        element,
        'false',
        String(yesNo.getValueFalse()),
        plain(yesNo.locLabelFalse.renderedHtml),
      ),
    ];
  }
  return [];
}

/** The answer whose input has `inputValue`, its button appended to the answer's row. */
function rowSpot(element: HTMLElement, value: string, inputValue: string, text: string) {
  const input = element.querySelector(`input[value="${CSS.escape(inputValue)}"]`);
  const row = input?.closest<HTMLElement>('.sd-item');
  if (!row || !text) return [];
  return [{ value, text, put: (node: HTMLElement) => row.append(node) }];
}

function scaleSpots(question: QuestionRatingModel, element: HTMLElement): AnswerSpot[] {
  const scale = element.querySelector('.scale');
  if (!scale) return [];
  const spots: AnswerSpot[] = [];
  // Read from the model, not the page: after a change of language the page may not show it yet.
  const ends = [
    { value: '0', end: '.scale__end--min', text: question.locMinRateDescription.renderedHtml },
    { value: '10', end: '.scale__end--max', text: question.locMaxRateDescription.renderedHtml },
  ];
  for (const { value, end, text } of ends) {
    const label = scale.querySelector<HTMLElement>(end);
    if (label && plain(text))
      spots.push({ value, text: plain(text), put: (node) => label.append(node) });
  }
  for (const item of question.visibleRateValues) {
    const value = String(item.value);
    const point = scale.querySelector<HTMLElement>(
      `.scale__point--missing[data-value="${CSS.escape(value)}"]`,
    );
    if (point) spots.push({ value, text: itemText(item), put: (node) => point.after(node) });
  }
  return spots;
}

/**
 * What the device's voice reads of a question's answers after its title, in Vietnamese where
 * no recording is: the scale's ends with their numbers, then its other answers; each choice.
 * Read with the question rather than by a button of their own: a device voice would put a
 * button beside every answer of every question, where one press on the question gives the
 * whole of it.
 */
export function answersToRead(question: Question): string[] {
  const type = question.getType();
  if (type === 'rating') {
    const rating = question as QuestionRatingModel;
    const ends = [
      ['0', plain(rating.locMinRateDescription.renderedHtml)],
      ['10', plain(rating.locMaxRateDescription.renderedHtml)],
    ]
      .filter(([, text]) => text)
      .map(([number, text]) => `${number}: ${text}`);
    // Only the answers with words of their own (98 "don't know"); a number's text is itself.
    const worded = rating.visibleRateValues
      .filter((item: ItemValue) => itemText(item) !== String(item.value))
      .map(itemText);
    return [...ends, ...worded].filter(Boolean);
  }
  if (type === 'radiogroup' || type === 'checkbox') {
    return (question as QuestionSelectBase).visibleChoices.map(itemText).filter(Boolean);
  }
  if (type === 'boolean') {
    const yesNo = question as QuestionBooleanModel;
    return [plain(yesNo.locLabelTrue.renderedHtml), plain(yesNo.locLabelFalse.renderedHtml)];
  }
  return [];
}
