import type { LoadedQuestionnaire } from '../questionnaires/normalise-questionnaire.ts';
import {
  channelWords,
  dimensionWords,
  flagWords,
  oneDecimal,
  reviewStateWords,
  wordFor,
  yesNo,
} from './people-words.ts';
import { answerInWords, type QuestionWords, questionWords } from './question-words.ts';
import type { ExportedResponse } from './responses-query.ts';
import { questionColumns, responsesHeader } from './responses-table.ts';
import { excelDateTime, type XlsxValue } from './xlsx.ts';
import type { NumberFormat } from './xlsx-parts.ts';

/**
 * One column of the responses files, described once for both: its CSV name (the code a script
 * reads), the Vietnamese heading of the Excel file, what it means in both languages, and the
 * values it takes. The dictionary (a CSV of its own and a sheet of the workbook) lists these.
 */
export type ResponseColumn = {
  csv: string;
  label: string;
  meaning: { vi: string; en: string };
  /** The values in the CSV, as codes, and what they mean. */
  values: string;
  width: number;
  format?: NumberFormat;
  /** The cell of the Excel file for people. */
  cell: (row: ExportedResponse) => XlsxValue;
};

const codeList = (words: Record<string, string>) =>
  Object.entries(words)
    .map(([code, word]) => `${code} = ${word}`)
    .join('; ');

const time = (label: string, column: 'started_at' | 'completed_at' | 'received_at') => ({
  label,
  width: 18,
  format: 'dateTime' as const,
  cell: (row: ExportedResponse) => excelDateTime(row[column]),
});

/** The columns before the answers, in responses.csv's order (responses-table.ts). */
const leading: ResponseColumn[] = [
  {
    csv: 'id',
    label: 'Mã phiếu (id)',
    meaning: { vi: 'Mã của phiếu trả lời', en: 'The response id' },
    values: 'UUID',
    width: 38,
    cell: (row) => row.id,
  },
  {
    csv: 'questionnaire_id',
    label: 'Bảng hỏi (questionnaire)',
    meaning: { vi: 'Phiên bản bảng hỏi đã trả lời', en: 'The questionnaire version answered' },
    values: 'cb-hpi-…',
    width: 16,
    cell: (row) => row.questionnaire_id,
  },
  {
    csv: 'commune_code',
    label: 'Mã xã, phường (commune code)',
    meaning: { vi: 'Mã xã, phường (5 chữ số)', en: 'Commune code (five digits)' },
    values: '5 chữ số, giữ số 0 đầu (five digits, keep the leading 0)',
    width: 10,
    cell: (row) => row.commune_code,
  },
  {
    csv: 'wave',
    label: 'Đợt (wave)',
    meaning: { vi: 'Đợt khảo sát (năm)', en: 'Survey wave (a year)' },
    values: 'YYYY',
    width: 7,
    cell: (row) => row.wave,
  },
  {
    csv: 'channel',
    label: 'Kênh (channel)',
    meaning: { vi: 'Cách phiếu được gửi', en: 'How the response was sent' },
    values: codeList(channelWords),
    width: 11,
    cell: (row) => wordFor(channelWords, row.channel),
  },
  {
    csv: 'started_at',
    meaning: { vi: 'Lúc bắt đầu trả lời', en: 'When answering began' },
    values: 'ISO 8601, UTC (Excel: giờ Việt Nam, UTC+7)',
    ...time('Bắt đầu, giờ Việt Nam (started)', 'started_at'),
  },
  {
    csv: 'completed_at',
    meaning: { vi: 'Lúc trả lời xong', en: 'When answering ended' },
    values: 'ISO 8601, UTC (Excel: giờ Việt Nam, UTC+7)',
    ...time('Hoàn thành, giờ Việt Nam (completed)', 'completed_at'),
  },
  {
    csv: 'received_at',
    meaning: { vi: 'Lúc máy chủ nhận phiếu', en: 'When the server received it' },
    values: 'ISO 8601, UTC (Excel: giờ Việt Nam, UTC+7)',
    ...time('Máy chủ nhận, giờ Việt Nam (received)', 'received_at'),
  },
  {
    csv: 'is_demo',
    label: 'Dữ liệu mẫu (demo)',
    meaning: { vi: 'Phiếu mẫu để trình diễn, không phải của người dân', en: 'Demo data' },
    values: 'true = Có; false = Không',
    width: 8,
    cell: (row) => yesNo(row.is_demo),
  },
  {
    csv: 'flags',
    label: 'Cảnh báo (flags)',
    meaning: {
      vi: 'Cảnh báo của máy chủ (METHOD.md mục 7), cách nhau bởi ";"',
      en: 'The server’s flags (METHOD.md section 7), joined with ";"',
    },
    values: codeList(flagWords),
    width: 20,
    cell: (row) =>
      row.flags
        .filter((flag): flag is string => flag !== null)
        .map((flag) => wordFor(flagWords, flag))
        .join('; ') || null,
  },
  {
    csv: 'review_state',
    label: 'Xem xét (review)',
    meaning: {
      vi: 'Kết quả xem xét; phiếu đã loại không được tính vào kết quả',
      en: 'Review state; excluded responses are in no figure',
    },
    values: codeList(reviewStateWords),
    width: 14,
    cell: (row) => wordFor(reviewStateWords, row.review_state),
  },
];

const scoreKeys = ['overall', 'security', 'opportunity', 'culture', 'trust'] as const;
const englishNames: Record<(typeof scoreKeys)[number], string> = {
  overall: 'CB-HPI',
  security: 'social security',
  opportunity: 'opportunity',
  culture: 'culture',
  trust: 'trust',
};

/** The five scores after the answers, to one decimal in the Excel file. */
const scores: ResponseColumn[] = scoreKeys.map((key) => {
  const column = `score_${key}` as const;
  const name = wordFor(dimensionWords, key);
  return {
    csv: column,
    label: key === 'overall' ? 'Điểm CB-HPI (score)' : `Điểm ${name} (${englishNames[key]} score)`,
    meaning: {
      vi: `Điểm ${name} của phiếu (0–100); trống khi trả lời quá ít (METHOD.md)`,
      en: `The response's ${key} score (0–100); empty when too few answers (METHOD.md)`,
    },
    values: '0–100 (CSV: đầy đủ, full precision; Excel: 1 chữ số thập phân)',
    width: 10,
    format: 'decimal',
    cell: (row) => oneDecimal(row[column]),
  };
});

/** What an answer column says about the question: wording, dimension, scale and choices. */
function answerColumn(
  name: string,
  words: QuestionWords | undefined,
  questionnaires: readonly LoadedQuestionnaire[],
): ResponseColumn {
  const item = questionnaires
    .flatMap((q) => q.scoring.items)
    .find((candidate) => candidate.name === name);
  const missing = questionnaires[0]?.scoring.missing ?? [];
  const scale = item
    ? `${item.min}–${item.max}${item.reverse ? ' (đảo chiều, reversed)' : ''}; ` +
      missing.map((code) => `${code} = ${words?.choices.get(String(code)) ?? code}`).join('; ')
    : [...(words?.choices ?? [])].map(([code, word]) => `${code} = ${word}`).join('; ');
  const dimension = item ? wordFor(dimensionWords, item.dimension) : null;
  return {
    csv: name,
    label: words?.title.vi || name,
    meaning: {
      vi: dimension
        ? `${words?.title.vi ?? name} (khía cạnh ${dimension})`
        : (words?.title.vi ?? name),
      en: dimension ? `${words?.title.en ?? name} (${item?.dimension})` : (words?.title.en ?? name),
    },
    values: scale || 'chữ (text)',
    width: item ? 12 : 24,
    cell: (row) => answerInWords(row.answers[name], words),
  };
}

/**
 * Every column of the responses files, in responses.csv's order: the CSV's header is exactly
 * the `csv` names (checked when built, so the two files cannot drift apart).
 */
export function responseColumns(questionnaires: readonly LoadedQuestionnaire[]): ResponseColumn[] {
  const questions = questionColumns(questionnaires);
  const words = questionWords(questionnaires);
  const columns = [
    ...leading,
    ...questions.map((name) => answerColumn(name, words.get(name), questionnaires)),
    ...scores,
  ];
  const header = responsesHeader(questions);
  if (columns.some((column, i) => column.csv !== header[i]) || columns.length !== header.length) {
    throw new Error('responses: the Excel columns no longer follow responses.csv');
  }
  return columns;
}

/** The column dictionary: one row per CSV column. */
export const dictionaryHeader = [
  'column',
  'excel_heading',
  'meaning_vi',
  'meaning_en',
  'values',
] as const;

export function dictionaryRows(columns: readonly ResponseColumn[]): string[][] {
  return columns.map((c) => [c.csv, c.label, c.meaning.vi, c.meaning.en, c.values]);
}
