import type { Commune } from '../communes/schema.ts';
import { type DimensionKey, dimensionKeys } from '../questionnaires/schema.ts';
import type { CommuneResult, MeasureSummary, WaveResults } from '../results/schema.ts';
import { methodVersion } from './method-version.ts';

/** A cell of either file format; numbers stay numbers (CSV writes them unrounded). */
export type TableValue = string | number | boolean | null;

export { methodVersion } from './method-version.ts';

const dimensionNames: Record<DimensionKey, string> = {
  security: 'An sinh',
  opportunity: 'Cơ hội',
  culture: 'Văn hoá',
  trust: 'Niềm tin',
};

type Column = { header: string; value: (c: CommuneResult, kind: string | null) => TableValue };

const measureColumns = (
  label: string,
  key: string,
  pick: (c: CommuneResult) => MeasureSummary,
): Column[] => [
  { header: `${label}: số phiếu (${key}_n)`, value: (c) => pick(c).n },
  { header: `${label}: điểm (${key}_mean)`, value: (c) => pick(c).mean },
  { header: `${label}: cận dưới KTC 95% (${key}_ci_low)`, value: (c) => pick(c).ciLow },
  { header: `${label}: cận trên KTC 95% (${key}_ci_high)`, value: (c) => pick(c).ciHigh },
];

/**
 * The columns of the results file: what `GET /api/results` gives per commune, flattened.
 * Headers are Vietnamese for the reader, with the English key in parentheses for scripts.
 */
function resultColumns(threshold: number): Column[] {
  return [
    { header: 'Mã (code)', value: (c) => c.code },
    { header: 'Tên (name)', value: (c) => c.name },
    { header: 'Loại (kind)', value: (_c, kind) => kind },
    { header: 'Hạng (rank)', value: (c) => c.rank },
    { header: 'Số phiếu (n)', value: (c) => c.n },
    { header: 'Trạng thái (status)', value: (c) => c.status },
    { header: 'Điểm CB-HPI (overall_mean)', value: (c) => c.overall.mean },
    { header: 'Cận dưới KTC 95% (overall_ci_low)', value: (c) => c.overall.ciLow },
    { header: 'Cận trên KTC 95% (overall_ci_high)', value: (c) => c.overall.ciHigh },
    { header: `Xác suất đạt P(≥${threshold}) (p_meets)`, value: (c) => c.pMeets },
    { header: 'Chắc chắn đạt (confident)', value: (c) => c.confident },
    ...dimensionKeys.flatMap((key) =>
      measureColumns(dimensionNames[key], key, (c) => c.dimensions[key]),
    ),
    // METHOD.md section 8: `raked` where the figures above are weighted to the population.
    { header: 'Trọng số (weighting)', value: (c) => c.weighting },
    { header: 'Sai số chuẩn có trọng số (overall_se)', value: (c) => c.overall.se ?? null },
    {
      header: 'Cỡ mẫu hiệu dụng (overall_effective_n)',
      value: (c) => c.overall.effectiveN ?? null,
    },
    { header: 'Phiếu không xếp nhóm (overall_unplaced)', value: (c) => c.overall.unplaced ?? null },
  ];
}

/** The header row and one row per commune, in the results' order (rank, then insufficient). */
export function resultsTable(results: WaveResults, communes: readonly Commune[]) {
  const kindOf = new Map(communes.map((c) => [c.code, c.kind]));
  const columns = resultColumns(results.threshold);
  return {
    header: columns.map((column) => column.header),
    rows: results.communes.map((commune) =>
      columns.map((column) => column.value(commune, kindOf.get(commune.code) ?? null)),
    ),
  };
}

/** What a reader needs to know to trust or recompute the figures: method, wave and headline. */
export function methodRows(results: WaveResults): Array<[string, TableValue]> {
  const { headline } = results;
  return [
    ['Phương pháp (method)', methodVersion],
    ['Đợt khảo sát (wave)', results.wave],
    ['Bảng hỏi (questionnaire_id)', results.questionnaireId],
    ['Ngưỡng điểm (threshold)', results.threshold],
    ['Số phiếu tối thiểu (min_n)', results.minN],
    ['Tổng số xã/phường (headline_total)', headline.total],
    ['Số xã/phường đạt (headline_meeting)', headline.meeting],
    ['Tỷ lệ đạt (headline_share)', headline.share],
    ['Tỷ lệ mục tiêu (headline_target_share)', headline.targetShare],
    ['Đạt mục tiêu (headline_target_met)', headline.targetMet],
    ['Số xã/phường cần đạt (headline_needed)', headline.needed],
  ];
}
