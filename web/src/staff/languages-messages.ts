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
  'languages.recordingsDownload': { vi: 'Tải bản ghi âm (.zip)', en: 'Download recordings (.zip)' },
  'languages.recordingsTitle': { vi: 'Bản ghi âm', en: 'Recordings' },
  'languages.recordingsIntro': {
    vi:
      'Bản ghi âm của bộ câu hỏi đang dùng ({questionnaire}), mỗi ngôn ngữ một tệp .zip có ' +
      'manifest.json. Thêm hoặc thay bản ghi trong tệp rồi tải lên: xem trước, rồi nhập.',
    en:
      'The recordings of the questionnaire in use ({questionnaire}), one .zip with its ' +
      'manifest.json per language. Add or replace recordings in it and upload it: preview it, ' +
      'then import it.',
  },
  'languages.recordingsCheck': { vi: 'Xem trước khi nhập', en: 'Preview the import' },
  'languages.recordingsFile': {
    vi: 'Tệp bản ghi âm (.zip, như khi tải về)',
    en: 'Recordings file (.zip, as downloaded)',
  },
  'languages.recordingsStore': { vi: 'Nhập bản ghi âm', en: 'Import the recordings' },
  'languages.recordingsBusy': {
    vi: 'Đang gửi và kiểm tra bản ghi âm…',
    en: 'Sending and checking the recordings…',
  },
  'languages.recordingsChecked': {
    vi:
      '{language} · {questionnaire}: không có lỗi; sẽ thêm {added} bản ghi mới, thay {replaced}, ' +
      'giữ nguyên {unchanged}.',
    en:
      '{language} · {questionnaire}: no problems; {added} new recordings would be added, ' +
      '{replaced} replaced, {unchanged} unchanged.',
  },
  'languages.recordingsStored': {
    vi:
      'Đã nhập bản ghi âm {language} · {questionnaire}: thêm {added} bản ghi mới, thay ' +
      '{replaced}, giữ nguyên {unchanged}.',
    en:
      'Imported the {language} recordings of {questionnaire}: {added} added, {replaced} ' +
      'replaced, {unchanged} unchanged.',
  },
  'languages.recordingsFileNamed': { vi: 'Tệp {file}', en: 'File {file}' },
  'languages.recordingsKey': { vi: 'câu {key}', en: 'key {key}' },
  'languages.archive': { vi: 'Tệp .zip', en: 'The .zip' },
  'languages.stored': {
    vi: 'Đã lưu bản dịch {language}: {translated} trên {needed} câu chữ ({coverage}).',
    en: 'Stored the {language} translation: {translated} of {needed} strings ({coverage}).',
  },
};
