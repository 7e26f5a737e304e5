import type { Messages } from '../shared/i18n.ts';

/** The languages screen's messages (part of the staff catalogue): Vietnamese first. */
export const languagesMessages: Messages = {
  'nav.languages': { vi: 'Ngôn ngữ', en: 'Languages' },
  'audit.action.translations.import': { vi: 'Nhập bản dịch', en: 'Imported translations' },
  'languages.title': { vi: 'Ngôn ngữ của phiếu hỏi', en: 'Languages of the questionnaire' },
  'languages.intro': {
    vi:
      'Người dân chỉ được chọn một ngôn ngữ khi mọi câu chữ của trang và của bộ câu hỏi đang ' +
      'dùng đã được dịch. Tải bộ dịch (XLSX hoặc CSV), điền cột cuối, rồi tải lên đây.',
    en:
      'Residents are offered a language only once every string of the pages and of the ' +
      'questionnaire in use is translated. Download the kit (XLSX or CSV), fill in its last ' +
      'column, then upload it here.',
  },
  'languages.language': { vi: 'Ngôn ngữ', en: 'Language' },
  'languages.coverage': { vi: 'Đã dịch', en: 'Translated' },
  'languages.offered': { vi: 'Người dân được chọn', en: 'Offered to residents' },
  'languages.yes': { vi: 'Có', en: 'Yes' },
  'languages.no': { vi: 'Chưa', en: 'Not yet' },
  'languages.kit': { vi: 'Bộ dịch', en: 'Kit' },
  'languages.source': { vi: 'ngôn ngữ gốc', en: 'source language' },
  'languages.uploadTitle': { vi: 'Tải lên bản dịch', en: 'Upload a translation' },
  'languages.file': { vi: 'Tệp bộ dịch đã điền (XLSX hoặc CSV)', en: 'Filled kit (XLSX or CSV)' },
  'languages.check': { vi: 'Kiểm tra', en: 'Check' },
  'languages.store': { vi: 'Lưu bản dịch', en: 'Store the translation' },
  'languages.checking': { vi: 'Đang kiểm tra…', en: 'Checking…' },
  'languages.problems': {
    vi: '{count} lỗi: chưa lưu gì. Sửa trong tệp rồi tải lên lại.',
    en: '{count} problems: nothing stored. Fix them in the file and upload it again.',
  },
  'languages.warnings': { vi: 'Cần xem lại ({count})', en: 'To look at ({count})' },
  'languages.row': { vi: 'Dòng {row}', en: 'Row {row}' },
  'languages.missingRow': { vi: 'Thiếu dòng', en: 'Missing row' },
  'languages.checked': {
    vi: '{language}: không có lỗi; sẽ dịch {translated} trên {needed} câu chữ ({coverage}).',
    en: '{language}: no problems; {translated} of {needed} strings would be translated ({coverage}).',
  },
  'languages.stored': {
    vi: 'Đã lưu bản dịch {language}: {translated} trên {needed} câu chữ ({coverage}).',
    en: 'Stored the {language} translation: {translated} of {needed} strings ({coverage}).',
  },
};
