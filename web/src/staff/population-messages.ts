import type { Messages } from '../shared/i18n.ts';

/** The population screen's messages (part of the staff catalogue): Vietnamese first. */
export const populationMessages: Messages = {
  'nav.population': { vi: 'Dân số', en: 'Population' },
  'audit.action.population.replace': {
    vi: 'Thay số liệu dân số',
    en: 'Replace population margins',
  },

  'population.title': {
    vi: 'Số liệu dân số để gia quyền',
    en: 'Population margins for weighting',
  },
  'population.intro': {
    vi:
      'Kết quả của mỗi xã, phường được gia quyền theo dân số từ 18 tuổi của xã chia theo giới ' +
      'tính và nhóm tuổi, để người đến trả lời không làm lệch kết quả. Tệp mới thay toàn bộ ' +
      'số liệu đang dùng.',
    en:
      "Each commune's results are weighted to its adult population by sex and by age band, so " +
      'that who happens to answer does not skew them. A new file replaces all the figures in force.',
  },
  'population.inForce': { vi: 'Số liệu đang dùng', en: 'Figures in force' },
  'population.none': {
    vi: 'Chưa có số liệu dân số: kết quả chưa được gia quyền.',
    en: 'No population figures yet: results are not weighted.',
  },
  'population.source': { vi: 'Nguồn', en: 'Source' },
  'population.updatedAt': { vi: 'Cập nhật lúc', en: 'Updated' },
  'population.updatedBy': { vi: 'Người cập nhật', en: 'By' },
  'population.communes': { vi: 'Số xã, phường có số liệu', en: 'Communes with figures' },
  'population.demo': {
    vi: 'Số liệu mẫu (demo), không phải số liệu thật.',
    en: 'Demo figures, not real ones.',
  },
  'population.showTable': { vi: 'Xem số liệu từng xã', en: "See each commune's figures" },
  'population.tableCaption': {
    vi: 'Dân số từ 18 tuổi theo giới tính và nhóm tuổi',
    en: 'Adults by sex and age band',
  },
  'population.col.female': { vi: 'Nữ', en: 'Women' },
  'population.col.male': { vi: 'Nam', en: 'Men' },
  'population.col.18-29': { vi: '18–29 tuổi', en: 'Aged 18–29' },
  'population.col.30-44': { vi: '30–44 tuổi', en: 'Aged 30–44' },
  'population.col.45-59': { vi: '45–59 tuổi', en: 'Aged 45–59' },
  'population.col.60+': { vi: 'Từ 60 tuổi', en: 'Aged 60+' },

  'population.upload': { vi: 'Tải lên tệp mới', en: 'Upload a new file' },
  'population.format': {
    vi:
      'Tệp CSV (UTF-8, phân cách bằng dấu phẩy) có dòng tiêu đề communeCode,variable,category,' +
      'population. Mỗi xã có 6 dòng: giới tính (sex: female, male) và nhóm tuổi (age_band: ' +
      '18-29, 30-44, 45-59, 60+). Mã xã giữ số 0 ở đầu; số dân viết liền, không dấu chấm.',
    en:
      'A CSV file (UTF-8, commas) with the header communeCode,variable,category,population. ' +
      'Each commune has 6 rows: sex (female, male) and age_band (18-29, 30-44, 45-59, 60+). ' +
      'Commune codes keep their leading zeros; counts are plain whole numbers.',
  },
  'population.template': { vi: 'Tải tệp mẫu', en: 'Download the template' },
  'population.file': { vi: 'Tệp CSV', en: 'CSV file' },
  'population.sourceLabel': { vi: 'Nguồn số liệu', en: 'Source of the figures' },
  'population.sourceHint': {
    vi: 'Ví dụ: Cục Thống kê tỉnh Cao Bằng, 2025',
    en: 'For example: Cao Bằng Statistics Office, 2025',
  },
  'population.summary': {
    vi: 'Tệp {file}: {rows} dòng số liệu, {communes} xã, phường.',
    en: 'File {file}: {rows} rows of figures, {communes} communes.',
  },
  'population.problems': {
    vi: 'Tệp có {count} lỗi. Chưa lưu gì: hãy sửa tệp rồi chọn lại.',
    en: 'The file has {count} problems. Nothing was stored: correct the file and choose it again.',
  },
  'population.ready': {
    vi: 'Tệp hợp lệ. Bấm Lưu để thay toàn bộ số liệu đang dùng.',
    en: 'The file checks out. Save replaces all the figures in force.',
  },
  'population.saving': { vi: 'Đang lưu…', en: 'Saving…' },
  'population.saved': {
    vi: 'Đã lưu số liệu dân số của {communes} xã, phường.',
    en: 'Stored the population figures of {communes} communes.',
  },
  'population.needSource': {
    vi: 'Hãy ghi nguồn số liệu.',
    en: 'Say where the figures come from.',
  },
  'population.readFailed': { vi: 'Không đọc được tệp.', en: 'The file could not be read.' },

  'population.line': { vi: 'Dòng {line}', en: 'Line {line}' },
  'population.lines': { vi: 'Dòng {first}–{last}', en: 'Lines {first}–{last}' },
  'population.empty': { vi: '(trống)', en: '(empty)' },
  'population.variable.sex': { vi: 'giới tính (sex)', en: 'sex' },
  'population.variable.age_band': { vi: 'nhóm tuổi (age_band)', en: 'age band (age_band)' },

  'population.csv.empty_file': { vi: 'Tệp trống.', en: 'The file is empty.' },
  'population.csv.missing_columns': {
    vi: 'Dòng tiêu đề thiếu cột: {columns}.',
    en: 'The header row lacks the columns: {columns}.',
  },
  'population.csv.no_rows': {
    vi: 'Tệp chỉ có dòng tiêu đề, không có số liệu.',
    en: 'The file has a header row and no figures.',
  },

  'population.problem.unknown_commune': {
    vi: 'mã xã {value} không có trong danh sách 56 xã, phường.',
    en: 'commune code {value} is not one of the 56 communes.',
  },
  'population.problem.shortCode': {
    vi: 'Mã xã có 5 chữ số: có thể bảng tính đã bỏ số 0 ở đầu.',
    en: 'Commune codes have 5 digits: a spreadsheet may have dropped the leading zero.',
  },
  'population.problem.unknown_variable': {
    vi: 'biến {value} không hợp lệ: chỉ dùng sex hoặc age_band.',
    en: 'variable {value} is not valid: use sex or age_band.',
  },
  'population.problem.unknown_category': {
    vi: 'nhóm {value} không thuộc {variable}: dùng {allowed}.',
    en: 'category {value} is not one of {variable}: use {allowed}.',
  },
  'population.problem.not_whole_number': {
    vi: 'số dân {value} không phải số nguyên (viết liền, ví dụ 5120).',
    en: 'population {value} is not a whole number (write it plainly, e.g. 5120).',
  },
  'population.problem.negative': {
    vi: 'số dân {value} là số âm.',
    en: 'population {value} is negative.',
  },
  'population.problem.too_large': {
    vi: 'số dân {value} quá lớn.',
    en: 'population {value} is too large.',
  },
  'population.problem.duplicate': {
    vi: 'trùng với dòng {first}: cùng xã, biến và nhóm.',
    en: 'repeats line {first}: the same commune, variable and category.',
  },
  'population.problem.missing_margin': {
    vi: 'xã {commune} thiếu số liệu theo {missing}: cần cả giới tính và nhóm tuổi.',
    en: 'commune {commune} has no {missing} figures: both sex and age band are needed.',
  },
  'population.problem.missing_category': {
    vi: 'xã {commune} thiếu dòng {variable} "{missing}" (ghi 0 nếu không có ai).',
    en: 'commune {commune} has no row for {variable} "{missing}" (write 0 if nobody).',
  },
  'population.problem.zero_total': {
    vi: 'xã {commune} có dân số 0 ở mọi nhóm.',
    en: 'commune {commune} has a population of 0 in every category.',
  },
  'population.problem.totals_differ': {
    vi:
      'xã {commune}: tổng theo giới tính ({sexTotal}) và tổng theo nhóm tuổi ({ageTotal}) ' +
      'lệch nhau {difference}, quá mức cho phép {allowed}.',
    en:
      'commune {commune}: the sex total ({sexTotal}) and the age-band total ({ageTotal}) ' +
      'differ by {difference}, more than the {allowed} allowed.',
  },
};
