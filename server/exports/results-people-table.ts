import type { Commune } from '../communes/schema.ts';
import { dimensionKeys } from '../questionnaires/schema.ts';
import type { CommuneResult, MeasureSummary, WaveResults } from '../results/schema.ts';
import {
  dimensionWords,
  kindWords,
  oneDecimal,
  percentTenths,
  statusWords,
  wordFor,
  yesNo,
} from './people-words.ts';
import { methodVersion } from './results-table.ts';
import type { XlsxValue } from './xlsx.ts';
import type { NumberFormat } from './xlsx-parts.ts';

/** A cell of the people's workbook: codes and words as text, figures as rounded numbers. */
export type PeopleValue = string | number | null;

type Column = {
  header: string;
  width: number;
  format?: NumberFormat;
  value: (c: CommuneResult, kind: string | null) => PeopleValue;
};

const measureColumns = (label: string, pick: (c: CommuneResult) => MeasureSummary): Column[] => [
  { header: `${label}: số phiếu (n)`, width: 10, value: (c) => pick(c).n },
  {
    header: `${label}: điểm (score)`,
    width: 10,
    format: 'decimal',
    value: (c) => oneDecimal(pick(c).mean),
  },
  {
    header: `${label}: KTC 95% cận dưới (95% interval, low)`,
    width: 12,
    format: 'decimal',
    value: (c) => oneDecimal(pick(c).ciLow),
  },
  {
    header: `${label}: KTC 95% cận trên (95% interval, high)`,
    width: 12,
    format: 'decimal',
    value: (c) => oneDecimal(pick(c).ciHigh),
  },
];

/**
 * The results for a person opening the file in Excel: the figures of `GET /api/results`, with
 * words for the status and the kind of commune, means to one decimal, the chance of meeting
 * as a percentage, and the commune code as text (Excel would read 01318 as the number 1318).
 * A commune with too few responses gets no verdict, only its counts and figures.
 * The CSV keeps the codes and full precision for scripts: this is for reading.
 */
function peopleColumns(threshold: number): Column[] {
  const insufficient = (c: CommuneResult) => c.status === 'insufficient';
  return [
    { header: 'Mã xã, phường (code)', width: 10, value: (c) => c.code },
    { header: 'Tên xã, phường (name)', width: 22, value: (c) => c.name },
    {
      header: 'Loại (kind)',
      width: 9,
      value: (_c, kind) => (kind ? wordFor(kindWords, kind) : null),
    },
    { header: 'Hạng (rank)', width: 7, value: (c) => c.rank },
    { header: 'Số phiếu (responses)', width: 9, value: (c) => c.n },
    { header: 'Tình trạng (status)', width: 13, value: (c) => wordFor(statusWords, c.status) },
    {
      header: 'Điểm CB-HPI (score)',
      width: 10,
      format: 'decimal',
      value: (c) => oneDecimal(c.overall.mean),
    },
    {
      header: 'KTC 95% cận dưới (95% interval, low)',
      width: 12,
      format: 'decimal',
      value: (c) => oneDecimal(c.overall.ciLow),
    },
    {
      header: 'KTC 95% cận trên (95% interval, high)',
      width: 12,
      format: 'decimal',
      value: (c) => oneDecimal(c.overall.ciHigh),
    },
    {
      header: `Xác suất đạt ≥ ${threshold} (chance of ≥ ${threshold})`,
      width: 12,
      format: 'percent',
      value: (c) => (insufficient(c) ? null : percentTenths(c.pMeets)),
    },
    {
      header: 'Chắc chắn đạt (confidently meets)',
      width: 10,
      value: (c) => (insufficient(c) ? null : yesNo(c.confident)),
    },
    ...dimensionKeys.flatMap((key) =>
      measureColumns(wordFor(dimensionWords, key), (c) => c.dimensions[key]),
    ),
    { header: 'Phiếu đã loại (excluded)', width: 9, value: (c) => c.excluded },
    {
      header: 'Phiếu có cảnh báo chưa xem xét (flagged, not reviewed)',
      width: 12,
      value: (c) => c.flaggedUnreviewed,
    },
    // METHOD.md section 8: the figures above are weighted where the commune has margins.
    {
      header: 'Có trọng số theo dân số (weighted to the population)',
      width: 12,
      value: (c) => yesNo(c.weighting === 'raked'),
    },
    {
      header: 'Cỡ mẫu hiệu dụng (effective sample size)',
      width: 11,
      format: 'decimal',
      value: (c) => oneDecimal(c.overall.effectiveN ?? null),
    },
    {
      header: 'Phiếu thiếu giới tính hoặc nhóm tuổi (not placed for weighting)',
      width: 12,
      value: (c) => c.overall.unplaced ?? null,
    },
  ];
}

/** The header row, one row per commune in the results' order, and each column's width and format. */
export function resultsPeopleTable(results: WaveResults, communes: readonly Commune[]) {
  const kindOf = new Map(communes.map((c) => [c.code, c.kind]));
  const columns = peopleColumns(results.threshold);
  return {
    header: columns.map((column) => column.header),
    rows: results.communes.map((commune) =>
      columns.map((column) => column.value(commune, kindOf.get(commune.code) ?? null)),
    ),
    widths: columns.map((column) => column.width),
    formats: columns.map((column) => column.format),
  };
}

/**
 * The method sheet for people: what the figures follow, the wave and the headline, in words
 * and percentages, and when the file was made (in the province's time, as text).
 */
export function methodPeopleRows(results: WaveResults, madeAt: Date): Array<[string, XlsxValue]> {
  const { headline } = results;
  const made = new Intl.DateTimeFormat('vi-VN', {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'Asia/Ho_Chi_Minh',
  }).format(madeAt);
  return [
    ['Phương pháp (method)', methodVersion],
    ['Đợt khảo sát (wave)', results.wave],
    ['Bảng hỏi (questionnaire)', results.questionnaireId],
    ['Ngưỡng điểm (threshold)', results.threshold],
    ['Số phiếu tối thiểu của một xã (minimum responses)', results.minN],
    ['Tổng số xã, phường (communes)', headline.total],
    ['Số xã, phường đạt (communes meeting)', headline.meeting],
    [
      'Tỷ lệ xã, phường đạt (share meeting)',
      { number: percentTenths(headline.share), format: 'percent' },
    ],
    [
      'Tỷ lệ mục tiêu (target share)',
      { number: percentTenths(headline.targetShare), format: 'percent' },
    ],
    ['Đạt mục tiêu (target met)', yesNo(headline.targetMet)],
    ['Số xã, phường cần đạt (communes needed)', headline.needed],
    ['Ngày lập tệp (file made)', made],
    [
      'Ghi chú (note)',
      'Điểm làm tròn một chữ số thập phân. Số liệu đầy đủ, chưa làm tròn: tệp CSV. ' +
        '(Figures rounded to one decimal; the CSV file has them in full.)',
    ],
  ];
}
