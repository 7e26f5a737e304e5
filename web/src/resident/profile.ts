import type { ResponseScores } from '../../../server/scoring/score-response.ts';
import { el } from '../shared/el.ts';
import { formatNumber, translate } from '../shared/i18n.ts';
import { dimensionMessages, residentMessages } from './messages.ts';
import { targetLinePlugin } from './target-line-plugin.ts';

/** The province's target (METHOD.md), drawn as a line on the profile. */
const target = 90;

const dimensions = ['security', 'opportunity', 'culture', 'trust'] as const;

/** One plain sentence per dimension, by score band, for a resident who is not a statistician. */
export function profileSentences(scores: ResponseScores) {
  return dimensions.map((key) => {
    const score = scores[key];
    const band =
      score === null
        ? 'none'
        : score >= 90
          ? 'high'
          : score >= 70
            ? 'good'
            : score >= 50
              ? 'mid'
              : 'low';
    return translate(residentMessages, `band.${band}`, {
      name: translate(dimensionMessages, key),
      score: formatNumber(score, 0),
    });
  });
}

/**
 * The resident's own scores over the four dimensions. Chart.js is loaded only here, when the
 * profile is shown, so the form itself stays light on a slow connection.
 */
export async function mountProfile(element: HTMLElement, scores: ResponseScores) {
  const sentences = profileSentences(scores);
  const canvas = el('canvas', {
    attrs: {
      role: 'img',
      'aria-label': [...sentences, translate(residentMessages, 'targetSentence')].join(' '),
    },
  });
  element.append(
    el('h2', { textContent: translate(residentMessages, 'profileTitle') }),
    el('p', { textContent: translate(residentMessages, 'profileNote') }),
    el('figure', {}, [canvas]),
    el(
      'ul',
      { className: 'profile-sentences' },
      sentences.map((text) => el('li', { textContent: text })),
    ),
  );

  const { Chart, BarController, BarElement, CategoryScale, LinearScale, Colors } = await import(
    'chart.js'
  );
  Chart.register(BarController, BarElement, CategoryScale, LinearScale, Colors);
  const chart = new Chart(canvas, {
    type: 'bar',
    data: {
      labels: dimensions.map((key) => translate(dimensionMessages, key)),
      datasets: [
        {
          label: 'CB-HPI',
          data: dimensions.map((key) => scores[key] ?? 0),
          backgroundColor: '#0b6e4f',
        },
      ],
    },
    plugins: [targetLinePlugin(target, () => translate(residentMessages, 'target'))],
    options: {
      animation: false,
      // Room above the bars for the target's label.
      layout: { padding: { top: 22 } },
      indexAxis: 'y',
      scales: { x: { min: 0, max: 100 } },
      plugins: { legend: { display: false } },
    },
  });
  return {
    destroy() {
      chart.destroy();
      element.replaceChildren();
    },
  };
}
