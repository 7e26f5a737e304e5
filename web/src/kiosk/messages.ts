import type { Messages } from '../shared/i18n.ts';

export const kioskMessages: Messages = {
  place: { vi: '{commune} · {label}', en: '{commune} · {label}' },
  pairTitle: { vi: 'Ghép nối máy ki-ốt', en: 'Pair this kiosk' },
  pairIntro: {
    vi: 'Nhập mã ghép nối do quản trị viên cấp: 8 ký tự, ví dụ ABCD-2345.',
    en: 'Enter the pairing code an administrator gave you: 8 characters, e.g. ABCD-2345.',
  },
  pairLabel: { vi: 'Mã ghép nối', en: 'Pairing code' },
  pairKeypad: { vi: 'Bàn phím nhập mã', en: 'Keypad for the code' },
  pairButton: { vi: 'Ghép nối', en: 'Pair' },
  pairing: { vi: 'Đang ghép nối…', en: 'Pairing…' },
  deleteKey: { vi: 'Xoá ký tự cuối', en: 'Delete the last character' },
  clearKey: { vi: 'Xoá hết', en: 'Clear all' },
  'pair.malformed': {
    vi: 'Mã ghép nối gồm 8 chữ và số, ví dụ ABCD-2345. Hãy kiểm tra lại.',
    en: 'A pairing code has 8 letters and digits, e.g. ABCD-2345. Check what you typed.',
  },
  'pair.unknown': {
    vi: 'Không có máy ki-ốt nào có mã này. Hãy kiểm tra lại.',
    en: 'No kiosk has this code. Check what you typed.',
  },
  'pair.used': {
    vi: 'Mã này đã được dùng. Hãy xin quản trị viên mã mới.',
    en: 'This code was already used. Ask an administrator for a new one.',
  },
  'pair.expired': {
    vi: 'Mã này đã hết hạn. Hãy xin quản trị viên mã mới.',
    en: 'This code has expired. Ask an administrator for a new one.',
  },
  'pair.revoked': {
    vi: 'Máy ki-ốt này đã bị thu hồi. Hãy xin quản trị viên tạo máy mới.',
    en: 'This kiosk was revoked. Ask an administrator for a new kiosk.',
  },
  'pair.tooMany': {
    vi: 'Thử sai quá nhiều lần. Hãy chờ một phút rồi thử lại.',
    en: 'Too many tries. Wait a minute, then try again.',
  },
  'pair.offline': {
    vi: 'Cần có mạng để ghép nối. Hãy kiểm tra kết nối rồi thử lại.',
    en: 'Pairing needs a connection. Check it, then try again.',
  },
  'pair.failed': {
    vi: 'Chưa ghép nối được ({message}). Hãy thử lại.',
    en: 'Pairing failed ({message}). Try again.',
  },
  loading: { vi: 'Đang tải…', en: 'Loading…' },
  loadFailed: {
    vi: 'Chưa tải được bảng hỏi. Máy sẽ tự thử lại.',
    en: 'The questionnaire could not be loaded. The kiosk will try again.',
  },
  retry: { vi: 'Thử lại ngay', en: 'Try again now' },
  saveFailed: {
    vi: 'Chưa lưu được câu trả lời trên máy. Hãy bấm thử lại.',
    en: 'Your answers could not be saved on this kiosk. Press try again.',
  },
  thanks: { vi: 'Cảm ơn Ông/Bà!', en: 'Thank you!' },
  thanksSaved: {
    vi: 'Câu trả lời của Ông/Bà đã được lưu. Máy sẽ tự gửi đi.',
    en: 'Your answers are saved. The kiosk sends them by itself.',
  },
  thanksNext: { vi: 'Bảng hỏi mới sau {seconds} giây.', en: 'A new form in {seconds} seconds.' },
  nextPerson: { vi: 'Mời người tiếp theo', en: 'Next person' },
  stillTitle: { vi: 'Ông/Bà còn ở đó không?', en: 'Are you still there?' },
  stillText: {
    vi: 'Để giữ kín câu trả lời của Ông/Bà, bảng hỏi sẽ được xoá sau {seconds} giây.',
    en: 'To keep your answers private, the form will be cleared in {seconds} seconds.',
  },
  stillHere: { vi: 'Tôi vẫn đang trả lời', en: "I'm still here" },
  waiting: { vi: 'Đang chờ gửi: {count}', en: 'Waiting to be sent: {count}' },
  rejected: { vi: 'Bị từ chối: {count}', en: 'Refused: {count}' },
  tokenRefused: {
    vi: 'Máy chủ không còn nhận máy ki-ốt này. Hãy nhờ cán bộ ghép nối lại máy.',
    en: 'The server no longer accepts this kiosk. Ask staff to pair it again.',
  },
  pageTitle: { vi: 'CB-HPI – ki-ốt', en: 'CB-HPI – kiosk' },
  exit: { vi: 'Thoát', en: 'Exit' },
  staffCorner: {
    vi: 'Cán bộ: giữ 2 giây để thoát chế độ ki-ốt',
    en: 'Staff: hold for 2 seconds to leave kiosk mode',
  },
  exitLabel: { vi: 'Thoát chế độ ki-ốt (cán bộ)', en: 'Leave kiosk mode (staff)' },
  pinTitle: { vi: 'Mã PIN của cán bộ', en: 'Staff PIN' },
  pinText: {
    vi: 'Nhập mã PIN 6 số để thoát chế độ ki-ốt.',
    en: 'Enter the 6-digit PIN to leave kiosk mode.',
  },
  pinEntered: { vi: 'Đã nhập {count} trên 6 số', en: '{count} of 6 digits entered' },
  pinKeypad: { vi: 'Bàn phím số', en: 'Number keypad' },
  pinWrong: { vi: 'Sai mã PIN.', en: 'Wrong PIN.' },
  pinLocked: {
    vi: 'Sai quá nhiều lần. Thử lại sau {seconds} giây.',
    en: 'Too many wrong PINs. Try again in {seconds} seconds.',
  },
  ok: { vi: 'Xác nhận', en: 'OK' },
  cancel: { vi: 'Huỷ', en: 'Cancel' },
  endedTitle: { vi: 'Đã thoát chế độ ki-ốt', en: 'Kiosk mode ended' },
  endedText: {
    vi: 'Trang này vẫn gửi các câu trả lời đang chờ khi còn mở và có mạng.',
    en: 'While it stays open and online, this page keeps sending the waiting responses.',
  },
  resume: { vi: 'Quay lại chế độ ki-ốt', en: 'Back to kiosk mode' },
  unpair: { vi: 'Ghép nối lại máy này', en: 'Pair this device again' },
  discardRejected: {
    vi: 'Xoá {count} câu trả lời máy chủ không nhận',
    en: 'Discard {count} responses the server refused',
  },
};
