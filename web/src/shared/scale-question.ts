import './scale.css';
import {
  type ItemValue,
  type Question,
  type QuestionRatingModel,
  RendererFactory,
  type SurveyModel,
} from 'survey-core';
import { createElement, ReactQuestionFactory, SurveyQuestionElementBase } from 'survey-js-ui';

/** The `renderAs` of a 0–10 rating question drawn by `ScaleQuestion`. */
export const scaleRenderAs = 'cbhpi-scale';

const points = Array.from({ length: 11 }, (_, i) => i);

/**
 * Whether a question is one of the questionnaire's 0–10 scales: a rating whose values,
 * leaving out the missing-answer codes (98 "don't know", 99 "not applicable"), are exactly
 * 0, 1, …, 10. Other ratings keep SurveyJS's own drawing.
 *
 * @example isElevenPointScale(ratingOf([0, 1, …, 10, 98, 99]), new Set([98, 99])) // true
 * @example isElevenPointScale(ratingOf([1, 2, 3, 4, 5]), new Set([98, 99]))        // false
 */
export function isElevenPointScale(question: Question, missing: ReadonlySet<number>) {
  if (question.getType() !== 'rating') return false;
  const values = (question as QuestionRatingModel).visibleRateValues
    .map((item) => Number(item.value))
    .filter((value) => !missing.has(value));
  return values.length === points.length && values.every((value, i) => value === points[i]);
}

/**
 * The 0–10 scale, drawn the same way on every question whatever its labels: eleven points in
 * one line (one column where eleven 44 px points do not fit across, decided by a container
 * query in scale.css, so no script measures anything and nothing reflows after a tap), the
 * worst-end label at 0 and the best-end label at 10, and the missing answers apart after them.
 *
 * Native radio inputs inside the points keep the keyboard (arrows within the group) and the
 * screen reader's "radio, 3 of 13"; each point's name is its number, and 0 and 10 are also
 * described by their end labels' words (an inner span, so that a listen button set beside
 * them by listen-answers.ts is no part of the description). A tap goes through SurveyJS's
 * own `setValueFromClick`, as with its built-in rating.
 */
class ScaleQuestion extends SurveyQuestionElementBase {
  private get question() {
    return this.questionBase as QuestionRatingModel;
  }

  private readonly onClick = (event: { target: HTMLInputElement }) => {
    this.question.setValueFromClick(event.target.value);
  };

  private renderPoint(item: ItemValue, index: number, className: string, describedBy?: string) {
    const question = this.question;
    // The stored value may be the number or its text (after a round trip through data).
    const checked = !question.isEmpty() && String(question.value) === String(item.value);
    return createElement(
      'label',
      {
        key: `point-${item.value}`,
        className: `${className}${checked ? ' scale__point--checked' : ''}`,
        'data-value': String(item.value),
      },
      createElement('input', {
        type: 'radio',
        className: 'scale__input',
        name: question.questionName,
        id: question.getInputId(index),
        value: item.value,
        checked,
        disabled: question.isDisabledAttr,
        readOnly: question.isReadOnlyAttr,
        'aria-describedby': describedBy,
        onClick: this.onClick,
        onChange: () => {},
      }),
      createElement('span', { className: 'scale__text' }, this.renderLocString(item.locText)),
    );
  }

  protected override renderElement() {
    const question = this.question;
    const items: ItemValue[] = question.visibleRateValues;
    const scale = items.filter((item) => points.includes(Number(item.value)));
    const others = items.filter((item) => !points.includes(Number(item.value)));
    const minId = `${question.id}_scale_min`;
    const maxId = `${question.id}_scale_max`;
    const hasMin = !!question.minRateDescription;
    const hasMax = !!question.maxRateDescription;
    const indexOf = (item: ItemValue) => items.indexOf(item);
    return createElement(
      'div',
      { className: 'scale', ref: (div: HTMLElement | null) => this.setControl(div) },
      createElement(
        'fieldset',
        {
          className: 'scale__group',
          role: question.a11y_input_ariaRole,
          'aria-labelledby': question.a11y_input_ariaLabelledBy,
          'aria-describedby': question.a11y_input_ariaDescribedBy,
          'aria-required': question.a11y_input_ariaRequired,
          'aria-invalid': question.a11y_input_ariaInvalid,
          'aria-errormessage': question.a11y_input_ariaErrormessage,
        },
        createElement(
          'div',
          { className: 'scale__grid' },
          hasMin
            ? createElement(
                'span',
                { key: 'min', className: 'scale__end scale__end--min' },
                createElement(
                  'span',
                  { id: minId, className: 'scale__end-text' },
                  this.renderLocString(question.locMinRateDescription),
                ),
              )
            : null,
          ...scale.map((item) => {
            const value = Number(item.value);
            const describedBy =
              value === 0 && hasMin ? minId : value === 10 && hasMax ? maxId : undefined;
            return this.renderPoint(
              item,
              indexOf(item),
              `scale__point scale__point--${value}`,
              describedBy,
            );
          }),
          hasMax
            ? createElement(
                'span',
                { key: 'max', className: 'scale__end scale__end--max' },
                createElement(
                  'span',
                  { id: maxId, className: 'scale__end-text' },
                  this.renderLocString(question.locMaxRateDescription),
                ),
              )
            : null,
        ),
        others.length > 0
          ? createElement(
              'div',
              { className: 'scale__missing' },
              ...others.map((item) =>
                this.renderPoint(item, indexOf(item), 'scale__point scale__point--missing'),
              ),
            )
          : null,
      ),
    );
  }
}

let registered = false;

/** Registers the scale with SurveyJS (once) and draws every 0–10 question of `model` with it. */
export function applyScaleRenderer(model: SurveyModel, missing: ReadonlySet<number>) {
  if (!registered) {
    registered = true;
    RendererFactory.Instance.registerRenderer('rating', scaleRenderAs, scaleRenderAs);
    ReactQuestionFactory.Instance.registerQuestion(scaleRenderAs, (props: unknown) =>
      createElement(ScaleQuestion, props),
    );
  }
  for (const question of model.getAllQuestions()) {
    if (isElevenPointScale(question, missing)) question.renderAs = scaleRenderAs;
  }
}
