import type { Messages } from '../shared/i18n.ts';

/** The questionnaire versions screen's messages (part of the staff catalogue): Vietnamese first. */
export const questionnaireMessages: Messages = {
  'nav.questionnaires': { vi: 'Bảng hỏi', en: 'Questionnaires' },
  'audit.action.questionnaire.publish': {
    vi: 'Công bố phiên bản bảng hỏi',
    en: 'Published a questionnaire version',
  },
  'questionnaires.title': { vi: 'Các phiên bản bảng hỏi', en: 'Questionnaire versions' },
  'questionnaires.intro': {
    vi:
      'Tải lên tệp JSON của một phiên bản mới, xem mọi lỗi và xem trước đúng như người dân sẽ ' +
      'thấy, rồi công bố. Phiên bản đã công bố không thể sửa: thay đổi được công bố với mã mới.',
    en:
      'Upload the JSON file of a new version, see every problem and preview it exactly as ' +
      'residents will see it, then publish it. A published version cannot change: a change is ' +
      'published under a new id.',
  },
  'questionnaires.published': { vi: 'Đã công bố', en: 'Published' },
  'questionnaires.id': { vi: 'Mã', en: 'Id' },
  'questionnaires.date': { vi: 'Ngày công bố', en: 'Publication date' },
  'questionnaires.storedAt': { vi: 'Lưu lúc', en: 'Stored' },
  'questionnaires.hash': { vi: 'Mã băm nội dung', en: 'Content hash' },
  'questionnaires.use': { vi: 'Sử dụng', en: 'In use' },
  'questionnaires.source': { vi: 'Nguồn', en: 'Source' },
  'questionnaires.fromDashboard': { vi: 'Từ trang cán bộ', en: 'From the dashboard' },
  'questionnaires.fromFile': { vi: 'Tệp của hệ thống', en: 'System file' },
  'questionnaires.current': { vi: 'Người dân đang trả lời', en: 'Residents answer it now' },
  'questionnaires.answered': { vi: 'Đã có phiếu trả lời', en: 'Has responses' },
  'questionnaires.unused': { vi: 'Chưa dùng', en: 'Not used yet' },
  'questionnaires.download': {
    vi: 'Tải về phiên bản hiện tại ({id}) để làm điểm bắt đầu',
    en: 'Download the current version ({id}) to start from',
  },
  'questionnaires.upload': { vi: 'Tải lên phiên bản mới', en: 'Upload a new version' },
  'questionnaires.file': { vi: 'Tệp bảng hỏi (JSON)', en: 'Questionnaire file (JSON)' },
  'questionnaires.format': {
    vi: 'Cùng định dạng với tệp tải về. Chưa có gì được lưu cho đến khi bấm Công bố.',
    en: 'The same format as the downloaded file. Nothing is stored until you press Publish.',
  },
  'questionnaires.checking': { vi: 'Đang kiểm tra…', en: 'Checking…' },
  'questionnaires.notJson': {
    vi: 'Tệp không phải JSON hợp lệ ({message}).',
    en: 'The file is not valid JSON ({message}).',
  },
  'questionnaires.problems': {
    vi: 'Có {count} lỗi; chưa thể công bố. Sửa tệp rồi tải lên lại.',
    en: '{count} problems; it cannot be published. Fix the file and upload it again.',
  },
  'questionnaires.where': { vi: 'Vị trí', en: 'Where' },
  'questionnaires.item': { vi: 'Câu hỏi, mục', en: 'Item' },
  'questionnaires.message': { vi: 'Lỗi (lời của bộ kiểm tra)', en: 'Problem' },
  'questionnaires.clean': {
    vi: 'Không có lỗi: phiên bản {id} có thể công bố.',
    en: 'No problems: version {id} can be published.',
  },
  'questionnaires.same': {
    vi: 'Phiên bản {id} đã được công bố với đúng nội dung này.',
    en: 'Version {id} is already published with exactly this content.',
  },
  'questionnaires.preview': { vi: 'Xem trước như người dân', en: 'Preview as a resident' },
  'questionnaires.previewNote': {
    vi: 'Bản xem trước: câu trả lời ở đây không được gửi.',
    en: 'A preview: nothing answered here is sent.',
  },
  'questionnaires.previewLanguage': { vi: 'Ngôn ngữ xem trước', en: 'Preview language' },
  'questionnaires.previewDone': {
    vi: 'Đã hết bảng hỏi (bản xem trước, không gửi gì).',
    en: 'End of the questionnaire (a preview: nothing was sent).',
  },
  'questionnaires.publish': { vi: 'Công bố {id}', en: 'Publish {id}' },
  'questionnaires.confirm': {
    vi: 'Công bố phiên bản {id}? Sau khi công bố không thể sửa hay xoá.',
    en: 'Publish version {id}? Once published it cannot be changed or removed.',
  },
  'questionnaires.confirmYes': { vi: 'Xác nhận công bố', en: 'Yes, publish' },
  'questionnaires.cancel': { vi: 'Huỷ', en: 'Cancel' },
  'questionnaires.publishing': { vi: 'Đang công bố…', en: 'Publishing…' },
  'questionnaires.done': { vi: 'Đã công bố phiên bản {id}.', en: 'Version {id} is published.' },
  'questionnaires.taken': {
    vi: 'Mã {id} đã được dùng cho nội dung khác: đặt mã mới cho phiên bản này.',
    en: 'The id {id} is used by other content: give this version a new id.',
  },
};
