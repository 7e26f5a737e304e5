import { type Messages, translate } from '../shared/i18n.ts';

/**
 * The printed reports' words, Vietnamese first, English complete. Kept apart from the
 * dashboard's catalogue: a report is a document of its own, read on paper by people who
 * never saw the screen, so its sentences are whole and name no internal code.
 */
export const printMessages: Messages = {
  'print.link': { vi: 'In báo cáo', en: 'Print report' },
  'print.linkCommune': {
    vi: 'In báo cáo của xã (khổ A4)',
    en: "Print the commune's report (A4)",
  },
  'print.linkProvince': {
    vi: 'In báo cáo toàn tỉnh (khổ A4)',
    en: 'Print the province report (A4)',
  },
  'print.print': { vi: 'In trang này', en: 'Print this page' },
  'print.hint': {
    vi: 'Trang này được dàn cho khổ giấy A4. Bấm “In trang này” hoặc Ctrl+P.',
    en: 'This page is laid out for A4 paper. Press “Print this page” or Ctrl+P.',
  },
  'print.backCommune': { vi: '← Về trang của xã', en: '← Back to the commune' },
  'print.backRanking': { vi: '← Về bảng xếp hạng', en: '← Back to the ranking' },
  'print.kicker': {
    vi: 'Chỉ số Hạnh phúc của người dân tỉnh Cao Bằng (CB-HPI) · Đợt {wave}',
    en: "Cao Bằng People's Happiness Index (CB-HPI) · Wave {wave}",
  },
  'print.communeTitle': { vi: 'Báo cáo: {name}', en: 'Report: {name}' },
  'print.provinceTitle': {
    vi: 'Báo cáo toàn tỉnh: {total} xã, phường',
    en: 'Province report: {total} communes',
  },

  'print.score': { vi: 'Điểm CB-HPI', en: 'CB-HPI score' },
  'print.interval': { vi: 'Khoảng tin cậy 95%', en: '95% interval' },
  'print.intervalSentence': {
    vi: 'Điểm thật của xã có 95% khả năng nằm trong khoảng {low} đến {high}.',
    en: "The commune's true score lies between {low} and {high} with 95% confidence.",
  },
  'print.status': { vi: 'Tình trạng', en: 'Status' },
  'print.responses': { vi: 'Số phiếu', en: 'Responses' },
  'print.pMeets': { vi: 'Xác suất đạt từ {threshold} điểm', en: 'Chance of {threshold} or more' },
  'print.rank': { vi: 'Hạng trong tỉnh', en: 'Rank in the province' },
  'print.status.meets': { vi: 'Đạt', en: 'Meets' },
  'print.status.meetsSure': { vi: 'Đạt, chắc chắn', en: 'Meets, confidently' },
  'print.status.below': { vi: 'Chưa đạt', en: 'Below' },
  'print.status.insufficient': { vi: 'Chưa đủ số phiếu', en: 'Too few responses' },
  'print.needMore': {
    vi: 'Xã có {n} phiếu, cần ít nhất {minN}: còn thiếu {more} phiếu. Chưa thể kết luận xã đạt hay chưa đạt.',
    en: 'The commune has {n} responses and needs at least {minN}: {more} more. No verdict yet.',
  },

  'print.dimensions': {
    vi: 'Bốn khía cạnh so với ngưỡng {threshold} điểm',
    en: 'The four dimensions against the {threshold} line',
  },
  'print.dimensionsCaption': {
    vi: 'Điểm từng khía cạnh; vạch đứng là ngưỡng {threshold}, đoạn mảnh là khoảng tin cậy 95%',
    en: 'Each dimension; the upright line is {threshold}, the thin bar the 95% interval',
  },
  'print.col.dimension': { vi: 'Khía cạnh', en: 'Dimension' },
  'print.col.score': { vi: 'Điểm', en: 'Score' },
  'print.col.interval': { vi: 'KTC 95%', en: '95% interval' },
  'print.col.against': { vi: 'So với {threshold}', en: 'Against {threshold}' },
  'print.col.chart': { vi: 'Biểu đồ (0–100)', en: 'Chart (0–100)' },
  'print.reached': { vi: 'Đã đạt', en: 'Reached' },
  'print.short': { vi: 'Còn thiếu {gap} điểm', en: '{gap} points short' },
  'print.weakestDimension': {
    vi: 'Khía cạnh kéo điểm xuống nhiều nhất: {name}.',
    en: 'The dimension pulling the score down most: {name}.',
  },
  'print.noneBelow': {
    vi: 'Không khía cạnh nào dưới {threshold} điểm.',
    en: 'No dimension is below {threshold}.',
  },

  'print.items': { vi: 'Các câu hỏi có điểm thấp nhất', en: 'The lowest-scoring questions' },
  'print.itemsCaption': {
    vi: '{count} câu hỏi có điểm trung bình thấp nhất của xã',
    en: "The commune's {count} questions with the lowest mean",
  },
  'print.col.question': { vi: 'Câu hỏi', en: 'Question' },
  'print.col.answers': { vi: 'Số câu trả lời', en: 'Answers' },
  'print.noItems': { vi: 'Chưa có câu trả lời.', en: 'No answers yet.' },

  'print.trend': { vi: 'Điểm CB-HPI qua các đợt', en: 'CB-HPI wave by wave' },
  'print.trendCaption': {
    vi: 'Điểm CB-HPI của xã theo từng đợt khảo sát',
    en: "The commune's CB-HPI by wave",
  },
  'print.col.wave': { vi: 'Đợt', en: 'Wave' },
  'print.noTrend': { vi: 'Chưa có đợt nào.', en: 'No wave yet.' },

  'print.headline': {
    vi: '{meeting} / {total} xã, phường đạt từ {threshold} điểm ({share}). Mục tiêu năm {year}: trên {target}, tức cần {needed} / {total}.',
    en: '{meeting} / {total} communes score {threshold} or more ({share}). Target for {year}: over {target}, that is {needed} / {total}.',
  },
  'print.targetMet': { vi: 'Đã đạt mục tiêu.', en: 'The target is met.' },
  'print.targetNotMet': {
    vi: 'Chưa đạt mục tiêu: còn thiếu {missing} xã, phường.',
    en: 'Target not met yet: {missing} more communes needed.',
  },
  'print.table': {
    vi: 'Xếp hạng và điểm từng khía cạnh',
    en: 'Ranking and the score of each dimension',
  },
  'print.tableCaption': {
    vi: 'Các xã, phường theo thứ hạng; màu ô cho biết điểm cách ngưỡng {threshold} bao xa',
    en: 'Communes by rank; the colour of a cell says how far its score is from {threshold}',
  },
  'print.col.rank': { vi: 'Hạng', en: 'Rank' },
  'print.col.commune': { vi: 'Xã, phường', en: 'Commune' },
  'print.col.n': { vi: 'Số phiếu', en: 'n' },
  'print.legend': { vi: 'Chú giải màu:', en: 'Colour key:' },
  'print.band.reached': { vi: 'từ {threshold} trở lên', en: '{threshold} or more' },
  'print.band.near': { vi: 'thiếu dưới 5 điểm', en: 'under 5 short' },
  'print.band.short': { vi: 'thiếu 5–10 điểm', en: '5–10 short' },
  'print.band.far': { vi: 'thiếu 10–20 điểm', en: '10–20 short' },
  'print.band.veryFar': { vi: 'thiếu hơn 20 điểm', en: 'over 20 short' },
  'print.band.none': {
    vi: 'chưa đủ số phiếu (không kết luận)',
    en: 'too few responses (no verdict)',
  },
  'print.insufficientRow': { vi: 'Chưa đủ số phiếu', en: 'Too few responses' },

  'print.method': {
    vi: 'Phương pháp: {method} · Bảng hỏi {questionnaire} · Ngưỡng {threshold} điểm · Tối thiểu {minN} phiếu mỗi xã · Số liệu lấy ngày {date}',
    en: 'Method: {method} · Questionnaire {questionnaire} · Threshold {threshold} · At least {minN} responses per commune · Figures as of {date}',
  },
};

/** Looks a report message up in the current language. */
export const pt = (key: string, values?: Record<string, string | number>) =>
  translate(printMessages, key, values);
