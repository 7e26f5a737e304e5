import type { Messages } from '../shared/i18n.ts';

export const residentMessages: Messages = {
  title: { vi: 'Khảo sát Chỉ số Hạnh phúc người dân', en: "People's Happiness survey" },
  intro: {
    vi: 'Cảm ơn bạn tham gia. Bạn không cần ghi tên. Hãy chọn xã, phường nơi bạn sống.',
    en: 'Thank you for taking part. You do not give your name. Choose the commune or ward where you live.',
  },
  communeLabel: { vi: 'Xã, phường nơi bạn sống', en: 'Your commune or ward' },
  communeSearch: { vi: 'Tìm xã, phường', en: 'Search communes and wards' },
  communeNone: { vi: 'Không tìm thấy xã, phường nào', en: 'No commune or ward found' },
  start: { vi: 'Bắt đầu', en: 'Start' },
  loading: { vi: 'Đang tải…', en: 'Loading…' },
  loadFailed: {
    vi: 'Chưa tải được bảng hỏi. Hãy kiểm tra kết nối mạng rồi thử lại.',
    en: 'The questionnaire could not be loaded. Check the connection and try again.',
  },
  retry: { vi: 'Thử lại', en: 'Try again' },
  thanks: { vi: 'Cảm ơn bạn!', en: 'Thank you!' },
  sending: { vi: 'Đang gửi câu trả lời của bạn…', en: 'Sending your answers…' },
  sent: { vi: 'Câu trả lời của bạn đã được gửi.', en: 'Your answers have been sent.' },
  queued: {
    vi: 'Câu trả lời của bạn đã được lưu trên máy này và sẽ tự gửi đi khi kết nối được với máy chủ. Bạn không cần làm gì thêm.',
    en: 'Your answers are saved on this device and will be sent by themselves once the server can be reached. There is nothing more to do.',
  },
  waiting: { vi: 'Đang chờ gửi: {count}', en: 'Waiting to be sent: {count}' },
  rejected: {
    vi: 'Máy chủ không nhận một câu trả lời, nên máy sẽ không gửi lại. Lý do máy chủ đưa ra: {message}',
    en: 'The server did not accept a response, so it will not be sent again. The server said: {message}',
  },
  rejectedThanks: {
    vi: 'Máy chủ không nhận câu trả lời này. Xem lý do ở đầu trang.',
    en: 'The server did not accept this response. The reason is shown at the top of the page.',
  },
  profileTitle: { vi: 'Kết quả của bạn', en: 'Your profile' },
  profileNote: {
    vi: 'Điểm từ 0 đến 100 theo bốn khía cạnh; mục tiêu của tỉnh là từ 90 điểm.',
    en: "Scores from 0 to 100 on four dimensions; the province's target is 90 or more.",
  },
  again: { vi: 'Trả lời lại từ đầu', en: 'Start a new response' },
  noScore: { vi: 'chưa đủ câu trả lời để tính điểm', en: 'not enough answers to score' },
  'band.high': { vi: '{name}: rất tốt ({score} điểm).', en: '{name}: very good ({score} points).' },
  'band.good': {
    vi: '{name}: khá tốt ({score} điểm).',
    en: '{name}: fairly good ({score} points).',
  },
  'band.mid': {
    vi: '{name}: ở mức trung bình ({score} điểm).',
    en: '{name}: average ({score} points).',
  },
  'band.low': {
    vi: '{name}: còn nhiều khó khăn ({score} điểm).',
    en: '{name}: many difficulties ({score} points).',
  },
  'band.none': {
    vi: '{name}: chưa đủ câu trả lời để tính điểm.',
    en: '{name}: not enough answers to score.',
  },
};
