import type { CurrentQuestionnaire } from '../../../server/waves/current-schema.ts';
import { onLanguageChange, translate } from './i18n.ts';

/** The screen's words: plain, for residents; Vietnamese first. */
const messages = {
  title: { vi: 'Hiện chưa có đợt khảo sát nào', en: 'No survey is open now' },
  next: {
    vi: 'Đợt khảo sát tiếp theo bắt đầu ngày {date}. Xin mời Ông/Bà quay lại khi đó.',
    en: 'The next survey starts on {date}. Please come back then.',
  },
  later: {
    vi: 'Xin mời Ông/Bà quay lại sau. Xin cảm ơn Ông/Bà đã quan tâm.',
    en: 'Please come back later. Thank you for your interest.',
  },
  sending: {
    vi: 'Những câu trả lời đã lưu trên máy này vẫn được gửi đi khi có mạng.',
    en: 'Answers already saved on this device are still sent when there is a connection.',
  },
};
const t = (key: keyof typeof messages, values?: Record<string, string>) =>
  translate(messages, key, values);

/** Whether the server said no wave is open (an older server says nothing: treat as open). */
export function noWaveOpen(questionnaire: object): boolean {
  return (questionnaire as Partial<CurrentQuestionnaire>).openWave === null;
}

/** 2026-03-01 → 01/03/2026, as dates are written in Việt Nam. */
const dayText = (date: string) => date.split('-').reverse().join('/');

/**
 * "No survey open now", for the resident page and the kiosk when the server has no wave open.
 * Only a screen: the page's outbox keeps sending what it holds behind it.
 */
export function mountNoOpenWaveScreen(
  element: HTMLElement,
  deps: { nextOpensOn: string | null; className?: string },
) {
  const heading = Object.assign(document.createElement('h1'), { tabIndex: -1 });
  const text = document.createElement('p');
  const sending = Object.assign(document.createElement('p'), { className: 'hint' });
  const section = Object.assign(document.createElement('section'), {
    className: `no-open-wave ${deps.className ?? ''}`.trim(),
  });
  section.append(heading, text, sending);
  element.append(section);
  const render = () => {
    heading.textContent = t('title');
    text.textContent = deps.nextOpensOn
      ? t('next', { date: dayText(deps.nextOpensOn) })
      : t('later');
    sending.textContent = t('sending');
  };
  render();
  heading.focus();
  const unsubscribe = onLanguageChange(render);
  return {
    destroy() {
      unsubscribe();
      section.remove();
    },
  };
}
