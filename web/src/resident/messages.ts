import type { Messages } from '../shared/i18n.ts';

// The resident is addressed as "Ông/Bà": older rural residents hear "bạn" as talking down.
export const residentMessages: Messages = {
  title: { vi: 'Khảo sát Chỉ số Hạnh phúc người dân', en: "People's Happiness survey" },
  intro: {
    vi: 'Xin cảm ơn Ông/Bà đã tham gia. Ông/Bà không cần ghi tên. Xin Ông/Bà chọn xã, phường nơi mình đang sống.',
    en: 'Thank you for taking part. You do not give your name. Choose the commune or ward where you live.',
  },
  specialTitle: {
    vi: 'Hai lựa chọn đặc biệt trong các câu chấm điểm',
    en: 'Two special answers on the scored questions',
  },
  dontKnowTerm: { vi: 'Không biết', en: "Don't know" },
  dontKnowText: {
    vi: 'khi Ông/Bà không rõ để chấm điểm. Ví dụ: Ông/Bà chưa từng làm giấy tờ ở xã, nên không biết việc đó có xong đúng hẹn không.',
    en: 'when you cannot tell. For example: you have never had papers done at the commune office, so you do not know whether they are done on time.',
  },
  notApplicableTerm: { vi: 'Không áp dụng', en: 'Not applicable' },
  notApplicableText: {
    vi: 'khi câu hỏi không đúng với hoàn cảnh của Ông/Bà. Ví dụ: nơi Ông/Bà sống chưa bao giờ có lũ lụt hay sạt lở đất, nên câu hỏi về giúp đỡ khi có lũ lụt không áp dụng.',
    en: 'when the question does not fit your situation. For example: where you live there has never been a flood or a landslide, so the question about help in a flood does not apply.',
  },
  specialNote: {
    vi: 'Hai lựa chọn này không tính vào điểm.',
    en: 'These two answers do not count towards any score.',
  },
  communeLabel: { vi: 'Xã, phường nơi Ông/Bà sống', en: 'Your commune or ward' },
  communeSearch: { vi: 'Tìm xã, phường', en: 'Search communes and wards' },
  communeNone: { vi: 'Không tìm thấy xã, phường nào', en: 'No commune or ward found' },
  chooseFirst: {
    vi: 'Xin Ông/Bà chọn một xã, phường trong danh sách.',
    en: 'Choose a commune or ward from the list.',
  },
  start: { vi: 'Bắt đầu', en: 'Start' },
  formLoading: { vi: 'Đang tải bộ câu hỏi…', en: 'Loading the questions…' },
  loading: { vi: 'Đang tải…', en: 'Loading…' },
  loadFailed: {
    vi: 'Chưa tải được bảng hỏi. Xin Ông/Bà kiểm tra kết nối mạng rồi thử lại.',
    en: 'The questionnaire could not be loaded. Check the connection and try again.',
  },
  communesFailed: {
    vi: 'Chưa tải được danh sách xã, phường. Xin Ông/Bà kiểm tra kết nối mạng rồi thử lại.',
    en: 'The list of communes could not be loaded. Check the connection and try again.',
  },
  retry: { vi: 'Thử lại', en: 'Try again' },
  chosenCommune: { vi: 'Xã, phường: {name}', en: 'Commune or ward: {name}' },
  changeCommune: { vi: 'Đổi xã, phường', en: 'Change commune' },
  changeDone: { vi: 'Xong', en: 'Done' },
  changeCancel: { vi: 'Giữ như cũ', en: 'Keep as it was' },
  changeNote: {
    vi: 'Các câu Ông/Bà đã trả lời vẫn được giữ nguyên.',
    en: 'The answers you have given are kept.',
  },
  thanks: { vi: 'Cảm ơn Ông/Bà!', en: 'Thank you!' },
  sending: { vi: 'Đang gửi câu trả lời của Ông/Bà…', en: 'Sending your answers…' },
  sent: {
    vi: 'Đã gửi. Câu trả lời của Ông/Bà đã đến máy chủ.',
    en: 'Sent. Your answers have reached the server.',
  },
  queued: {
    vi: 'Câu trả lời của Ông/Bà đã được lưu trên máy này và sẽ tự gửi đi khi kết nối được với máy chủ. Ông/Bà không cần làm gì thêm.',
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
  profileTitle: { vi: 'Kết quả của Ông/Bà', en: 'Your profile' },
  profileNote: {
    vi: 'Điểm từ 0 đến 100 theo bốn khía cạnh; mục tiêu của tỉnh là từ 90 điểm (đường kẻ dọc màu nâu).',
    en: "Scores from 0 to 100 on four dimensions; the province's target is 90 or more (the brown vertical line).",
  },
  target: { vi: 'Mục tiêu 90', en: 'Target 90' },
  targetSentence: { vi: 'Mục tiêu của tỉnh: 90 điểm.', en: "The province's target: 90 points." },
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
