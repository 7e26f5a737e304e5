import type { Messages } from '../shared/i18n.ts';

/**
 * The words for weighted figures (METHOD.md section 8): the note beside a figure and the
 * comparison screen. Part of the staff catalogue; Vietnamese first, English complete.
 */
export const weightsMessages: Messages = {
  'nav.weights': { vi: 'Trọng số', en: 'Weighting' },

  // The note beside a figure (weighting-note.ts).
  'weighting.raked': { vi: 'Có trọng số theo dân số', en: 'Weighted to the population' },
  'weighting.none': { vi: 'Chưa có trọng số theo dân số', en: 'Not weighted to the population' },
  'weighting.noMargins': {
    vi: 'Chưa có trọng số: xã, phường chưa có số liệu dân số',
    en: 'Not weighted: the commune has no population figures yet',
  },
  'weighting.cannotRake': {
    vi: 'Chưa có trọng số: các phiếu chưa ghi đủ giới tính (nam, nữ) và nhóm tuổi để gia quyền',
    en: 'Not weighted: too few responses give sex (female, male) and age band to weight them',
  },
  'weighting.effective': {
    vi: '{placed} phiếu có trọng số chính xác tương đương {effective} người được chọn ngẫu nhiên.',
    en: 'The {placed} weighted responses are as precise as {effective} people chosen at random.',
  },
  'weighting.unplaced': {
    vi: '{count} phiếu không ghi nam hay nữ hoặc không ghi nhóm tuổi nên không được tính khi gia quyền.',
    en: '{count} responses without female or male, or without an age band, are left out of the weighting.',
  },
  'weighting.unplacedOne': {
    vi: '1 phiếu không ghi nam hay nữ hoặc không ghi nhóm tuổi nên không được tính khi gia quyền.',
    en: '1 response without female or male, or without an age band, is left out of the weighting.',
  },
  'weighting.allPlaced': {
    vi: 'Mọi phiếu đều ghi giới tính và nhóm tuổi.',
    en: 'Every response gives sex and age band.',
  },

  // The comparison screen (weights-compare.ts).
  'weights.title': {
    vi: 'Kết quả có và chưa có trọng số',
    en: 'Weighted and unweighted results',
  },
  'weights.intro': {
    vi:
      'Người đến trả lời không giống hệt dân số của xã (thường nhiều phụ nữ và người lớn tuổi ' +
      'hơn). Có trọng số là khi mỗi phiếu được tính theo tỷ lệ giới tính và nhóm tuổi trong dân ' +
      'số của xã. Bảng đặt hai cách tính cạnh nhau; xã, phường đổi tình trạng được đưa lên đầu.',
    en:
      "Those who answer are not exactly like the commune's population (often more women and " +
      'older people). Weighted figures count each response by the share of its sex and age band ' +
      "in the commune's population. The table sets both side by side; communes whose status " +
      'changes come first.',
  },
  'weights.summary': {
    vi: '{changed} xã, phường đổi tình trạng khi có trọng số. {weighted} / {total} xã, phường có trọng số; {noMargins} xã, phường chưa có số liệu dân số.',
    en: '{changed} communes change status when weighted. {weighted} of {total} communes are weighted; {noMargins} have no population figures yet.',
  },
  'weights.marginsUnknown': {
    vi: 'Không đọc được số liệu dân số: chưa biết xã, phường nào có số liệu.',
    en: 'The population figures could not be read: which communes have them is not known.',
  },
  'weights.filter': { vi: 'Hiện', en: 'Show' },
  'weights.filter.all': { vi: 'Tất cả xã, phường', en: 'All communes' },
  'weights.filter.changed': { vi: 'Chỉ xã, phường đổi tình trạng', en: 'Status changes only' },
  'weights.filter.weighted': { vi: 'Chỉ xã, phường có trọng số', en: 'Weighted communes only' },
  'weights.filter.noMargins': {
    vi: 'Chỉ xã, phường chưa có số liệu dân số',
    en: 'Communes without population figures',
  },
  'weights.count': {
    vi: 'Đang hiện {shown} / {total} xã, phường',
    en: 'Showing {shown} of {total} communes',
  },
  'weights.caption': {
    vi: 'Đợt {wave}: mỗi xã, phường với điểm trung bình, khoảng tin cậy 95% và tình trạng khi có trọng số và khi chưa có trọng số.',
    en: 'Wave {wave}: each commune with its mean, 95% interval and status, weighted and unweighted.',
  },
  'weights.none': { vi: 'Không có xã, phường nào như vậy.', en: 'No commune like that.' },
  'weights.weighted': { vi: 'Có trọng số', en: 'Weighted' },
  'weights.unweighted': { vi: 'Chưa có trọng số', en: 'Unweighted' },
  'weights.effectiveN': {
    vi: 'Tương đương số người chọn ngẫu nhiên',
    en: 'As precise as a random sample of',
  },
  'weights.change': { vi: 'Thay đổi khi có trọng số', en: 'Change when weighted' },
  'weights.changed': { vi: 'Đổi: {from} → {to}', en: 'Changes: {from} → {to}' },
  'weights.unplacedShort': {
    vi: '{count} phiếu không gia quyền được (không ghi nam hay nữ, hoặc không ghi nhóm tuổi).',
    en: '{count} responses could not be weighted (no female or male, or no age band).',
  },
  'weights.same': { vi: 'Không đổi', en: 'No change' },
  'weights.noMargins': { vi: 'Chưa có số liệu dân số', en: 'No population figures' },
  'weights.cannotRake': {
    vi: 'Có số liệu dân số nhưng chưa gia quyền được: quá ít phiếu ghi giới tính (nam, nữ) và nhóm tuổi',
    en: 'Population figures, but no weighting possible: too few responses give sex (female, male) and age band',
  },
  'weights.notWeighted': { vi: 'Chưa có trọng số', en: 'Not weighted' },
};
