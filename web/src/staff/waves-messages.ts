import type { Messages } from '../shared/i18n.ts';

/** The waves and field-progress screens' messages (part of the staff catalogue): Vietnamese first. */
export const wavesMessages: Messages = {
  'nav.waves': { vi: 'Đợt khảo sát', en: 'Survey waves' },
  'nav.progress': { vi: 'Tiến độ', en: 'Progress' },
  'audit.action.wave.create': { vi: 'Tạo đợt khảo sát', en: 'Created a survey wave' },
  'audit.action.wave.update': { vi: 'Sửa đợt khảo sát', en: 'Changed a survey wave' },
  'audit.action.wave.close': { vi: 'Đóng đợt khảo sát', en: 'Closed a survey wave' },
  'audit.action.wave.targets': { vi: 'Đặt chỉ tiêu từng xã', en: 'Set commune targets' },

  'waves.title': { vi: 'Các đợt khảo sát', en: 'Survey waves' },
  'waves.intro': {
    vi:
      'Mỗi đợt mở từ 0 giờ ngày bắt đầu đến hết ngày kết thúc (giờ Việt Nam). Hai đợt không được ' +
      'trùng ngày. Phiếu hoàn thành trong đợt vẫn được nhận đến hết 14 ngày sau khi đợt đóng.',
    en:
      'A wave is open from 00:00 on its first day to the end of its last day (Việt Nam time). ' +
      'Two waves may not share a day. Responses completed in a wave are taken for 14 days after it closes.',
  },
  'waves.none': { vi: 'Chưa có đợt khảo sát nào.', en: 'No survey wave yet.' },
  'waves.caption': { vi: '{count} đợt khảo sát', en: '{count} survey waves' },
  'waves.id': { vi: 'Mã đợt', en: 'Wave id' },
  'waves.idHint': {
    vi: 'Chữ thường, số và dấu gạch ngang, ví dụ 2027 hoặc 2027-dot2.',
    en: 'Lower-case letters, digits and hyphens, e.g. 2027 or 2027-dot2.',
  },
  'waves.name': { vi: 'Tên đợt', en: 'Name' },
  'waves.opensOn': { vi: 'Ngày bắt đầu', en: 'First day' },
  'waves.closesOn': { vi: 'Ngày kết thúc', en: 'Last day' },
  'waves.days': { vi: 'Thời gian', en: 'Days' },
  'waves.questionnaire': { vi: 'Bộ câu hỏi', en: 'Questionnaire' },
  'waves.questionnaireFixed': {
    vi: 'Đợt đã có phiếu trả lời: không đổi được bộ câu hỏi.',
    en: 'The wave has responses: its questionnaire can no longer change.',
  },
  'waves.target': { vi: 'Chỉ tiêu mỗi xã (số phiếu)', en: 'Target per commune (responses)' },
  'waves.state': { vi: 'Trạng thái', en: 'State' },
  'waves.state.planned': { vi: 'Sắp mở', en: 'Planned' },
  'waves.state.open': { vi: 'Đang mở', en: 'Open' },
  'waves.state.closed': { vi: 'Đã đóng', en: 'Closed' },
  'waves.create': { vi: 'Tạo đợt mới', en: 'Create a wave' },
  'waves.createButton': { vi: 'Tạo đợt', en: 'Create the wave' },
  'waves.edit': { vi: 'Sửa', en: 'Change' },
  'waves.editNamed': { vi: 'Sửa đợt {name}', en: 'Change the wave {name}' },
  'waves.editTitle': { vi: 'Sửa đợt {name}', en: 'Change the wave {name}' },
  'waves.saveButton': { vi: 'Lưu thay đổi', en: 'Save the changes' },
  'waves.close': { vi: 'Đóng đợt', en: 'Close the wave' },
  'waves.closeNamed': { vi: 'Đóng đợt {name}', en: 'Close the wave {name}' },
  'waves.confirmClose': {
    vi: 'Đóng hẳn đợt {name} ngay bây giờ',
    en: 'Close the wave {name} now, for good',
  },
  'waves.targets': { vi: 'Chỉ tiêu riêng của từng xã', en: "Communes' own targets" },
  'waves.targetsFor': { vi: 'Chỉ tiêu riêng trong đợt {name}', en: 'Own targets in {name}' },
  'waves.targetsNone': {
    vi: 'Mọi xã theo chỉ tiêu chung của đợt.',
    en: "Every commune has the wave's target.",
  },
  'waves.targetSet': { vi: 'Đặt chỉ tiêu', en: 'Set the target' },
  'waves.targetRemove': { vi: 'Bỏ chỉ tiêu riêng của {name}', en: "Remove {name}'s own target" },
  'waves.saved': { vi: 'Đã lưu.', en: 'Saved.' },

  'progress.title': { vi: 'Tiến độ thu thập phiếu', en: 'Field progress' },
  'progress.noWave': { vi: 'Chưa có đợt khảo sát nào.', en: 'No survey wave yet.' },
  'progress.waveDays': {
    vi: '{name}: từ {opensOn} đến {closesOn} · {state}',
    en: '{name}: {opensOn} to {closesOn} · {state}',
  },
  'progress.summary': { vi: 'Toàn tỉnh', en: 'Province' },
  'progress.atTarget': {
    vi: '{count} / {total} xã, phường đã đủ chỉ tiêu',
    en: '{count} of {total} communes at their target',
  },
  'progress.quiet': {
    vi: '{count} xã, phường không có phiếu nào trong 7 ngày qua',
    en: '{count} communes with no response in the last 7 days',
  },
  'progress.responses': {
    vi: '{responses} / {target} phiếu',
    en: '{responses} of {target} responses',
  },
  'progress.caption': {
    vi: 'Số phiếu được tính vào kết quả, theo xã, phường',
    en: 'Responses counted in the results, by commune',
  },
  'progress.commune': { vi: 'Xã, phường', en: 'Commune' },
  'progress.count': { vi: 'Số phiếu / chỉ tiêu', en: 'Responses / target' },
  'progress.lastSeven': { vi: '7 ngày qua', en: 'Last 7 days' },
  'progress.projected': { vi: 'Dự kiến đủ chỉ tiêu', en: 'Target reached by' },
  'progress.reached': { vi: 'Đã đủ', en: 'Reached' },
  'progress.noPace': {
    vi: 'Chưa dự kiến được (7 ngày qua không có phiếu)',
    en: 'No pace to project (nothing in 7 days)',
  },
  'progress.kiosks': { vi: 'Ki-ốt: lần liên lạc cuối', en: 'Kiosks: last contact' },
  'progress.noKiosk': { vi: 'Không có ki-ốt', en: 'No kiosk' },
};
