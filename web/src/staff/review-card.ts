import { currentLanguage } from '../shared/i18n.ts';
import type { AnswerTexts } from './answer-texts.ts';
import { el } from './dom.ts';
import { explainFlag, type FlagContext, flagName, secondsTaken } from './flag-words.ts';
import { t } from './messages.ts';
import type { QuestionTitles } from './question-titles.ts';
import type { ReviewDecision, ReviewResponse } from './types.ts';

/** What every card of the queue reads besides its response. */
export type ReviewContext = FlagContext & {
  communeName: (code: string) => string | null;
  titles: QuestionTitles;
  answerTexts: AnswerTexts;
  canDecide: boolean;
};

/** A response's short name: the first block of its uuid, enough to tell the cards apart. */
export const shortId = (id: string) => id.slice(0, 8);

/** A moment to the second, in the province's time zone: bursts are seconds apart. */
export function formatMoment(iso: string | null) {
  if (!iso) return '–';
  return new Intl.DateTimeFormat(currentLanguage() === 'vi' ? 'vi-VN' : 'en-GB', {
    dateStyle: 'short',
    timeStyle: 'medium',
    timeZone: 'Asia/Ho_Chi_Minh',
  }).format(new Date(iso));
}

/** The decisions a state allows: a decided response can still be turned round. */
export function decisionsFor(state: ReviewResponse['state']): ReviewDecision[] {
  if (state === 'unreviewed') return ['exclude', 'keep'];
  if (state === 'kept') return ['exclude'];
  return ['include'];
}

function answerText(name: string, value: unknown, context: ReviewContext): string {
  const language = currentLanguage();
  if (Array.isArray(value)) return value.map((v) => answerText(name, v, context)).join(', ');
  if (typeof value === 'string' || typeof value === 'number') {
    const words = context.answerTexts.get(name)?.get(String(value))?.[language];
    if (words) return typeof value === 'number' ? `${words} (${value})` : words;
    return String(value);
  }
  return JSON.stringify(value);
}

/** Every answer under its question's wording, in the questionnaire's order. */
function answersTable(response: ReviewResponse, context: ReviewContext) {
  const names = [
    ...[...context.titles.keys()].filter((name) => name in response.answers),
    ...Object.keys(response.answers).filter((name) => !context.titles.has(name)),
  ];
  const language = currentLanguage();
  return el('table', { className: 'data answers' }, [
    el('caption', { textContent: t('review.answersCaption', { id: shortId(response.id) }) }),
    el('thead', {}, [
      el('tr', {}, [
        el('th', { attrs: { scope: 'col' }, textContent: t('col.question') }),
        el('th', { attrs: { scope: 'col' }, textContent: t('review.answer') }),
      ]),
    ]),
    el(
      'tbody',
      {},
      names.map((name) =>
        el('tr', {}, [
          el('th', { attrs: { scope: 'row' } }, [
            context.titles.get(name)?.[language] ?? name,
            el('span', { className: 'code', textContent: ` ${name}` }),
          ]),
          el('td', { textContent: answerText(name, response.answers[name], context) }),
        ]),
      ),
    ),
  ]);
}

function stateLine(response: ReviewResponse) {
  const band = el('span', {
    className: `status-band review-${response.state}`,
    textContent: t(`review.state.${response.state}`),
  });
  if (response.state === 'unreviewed' || !response.decidedBy) return el('p', {}, [band]);
  return el('p', {}, [
    band,
    ' ',
    t('review.decided', {
      who: response.decidedBy,
      at: formatMoment(response.decidedAt),
      reason: response.reason ?? '',
    }),
  ]);
}

/**
 * One response in the queue: its flags in plain words, where and when it came from, how it
 * was decided, its answers (folded away, they are long) and the decisions its state allows.
 */
export function reviewCard(
  response: ReviewResponse,
  context: ReviewContext,
  onDecide: (response: ReviewResponse, decision: ReviewDecision, opener: HTMLElement) => void,
) {
  const id = shortId(response.id);
  const titleId = `review-${response.id}`;
  const commune = context.communeName(response.communeCode);
  const seconds = secondsTaken(response);
  const meta = (label: string, value: string, name: string) =>
    el('div', {}, [
      el('dt', { textContent: label }),
      el('dd', { textContent: value, attrs: { 'data-meta': name } }),
    ]);
  const kiosk = response.kioskId
    ? `${response.kioskLabel ?? t('review.kioskUnnamed')} (${shortId(response.kioskId)})`
    : '–';
  const actions = el(
    'div',
    { className: 'actions' },
    context.canDecide
      ? decisionsFor(response.state).map((decision) => {
          const button = el('button', {
            type: 'button',
            className: decision === 'exclude' ? 'danger' : '',
            textContent: t(`review.action.${decision}`),
            attrs: { 'aria-label': t(`review.actionOf.${decision}`, { id }) },
          });
          button.addEventListener('click', () => onDecide(response, decision, button));
          return button;
        })
      : [],
  );
  return el(
    'article',
    {
      className: `card review-item review-${response.state}`,
      attrs: { 'aria-labelledby': titleId, 'data-response': response.id },
    },
    [
      el('h2', {
        id: titleId,
        textContent: t('review.itemTitle', {
          id,
          commune: commune ? `${commune} (${response.communeCode})` : response.communeCode,
        }),
      }),
      stateLine(response),
      el(
        'ul',
        { className: 'flag-list', attrs: { 'aria-label': t('review.flags') } },
        response.flags.length > 0
          ? response.flags.map((flag) =>
              el('li', { attrs: { 'data-flag': flag } }, [
                el('strong', { className: 'flag-name', textContent: `${flagName(flag)}: ` }),
                explainFlag(flag, response, context),
              ]),
            )
          : [el('li', { textContent: t('review.noFlags') })],
      ),
      el('dl', { className: 'summary meta' }, [
        meta(t('col.wave'), response.wave, 'wave'),
        meta(t('review.channel'), t(`channel.${response.channel}`), 'channel'),
        meta(t('review.kiosk'), kiosk, 'kiosk'),
        meta(t('review.started'), formatMoment(response.startedAt), 'started'),
        meta(t('review.completed'), formatMoment(response.completedAt), 'completed'),
        meta(t('review.received'), formatMoment(response.receivedAt), 'received'),
        meta(
          t('review.duration'),
          seconds === null ? '–' : t('review.seconds', { seconds: Math.round(seconds) }),
          'duration',
        ),
      ]),
      el('details', { className: 'answers' }, [
        el('summary', {
          textContent: t('review.showAnswers', { count: Object.keys(response.answers).length }),
        }),
        answersTable(response, context),
      ]),
      actions,
    ],
  );
}
