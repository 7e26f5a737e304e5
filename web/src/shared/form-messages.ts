import type { Messages } from './i18n.ts';

/** Words of the form itself (shared by the resident page and the kiosk), "Ông/Bà" in Vietnamese. */
export const formMessages: Messages = {
  fewAnswersTitle: { vi: 'Gửi phiếu?', en: 'Send the form?' },
  fewAnswers: {
    vi: 'Ông/Bà mới trả lời {answered} câu. Gửi luôn?',
    en: 'You have answered only {answered} questions. Send now?',
  },
  noAnswers: {
    vi: 'Ông/Bà chưa trả lời câu nào. Gửi luôn?',
    en: 'You have not answered any question. Send now?',
  },
  fewAnswersHint: {
    vi: 'Có {total} câu. Ông/Bà có thể quay lại trả lời thêm.',
    en: 'There are {total} questions. You can go back and answer more.',
  },
  sendNow: { vi: 'Gửi luôn', en: 'Send now' },
  keepAnswering: { vi: 'Trả lời tiếp', en: 'Keep answering' },
};
