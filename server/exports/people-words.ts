/**
 * The words the Excel files for people use where the CSV files for machines keep codes: the
 * same words the staff pages show (web/src/staff/messages.ts), in Vietnamese. A code with no
 * word here is shown as it is, so a new code never goes missing from a file.
 */

export const statusWords: Record<string, string> = {
  meets: 'Đạt',
  below: 'Chưa đạt',
  insufficient: 'Chưa đủ mẫu',
};

export const kindWords: Record<string, string> = { ward: 'Phường', commune: 'Xã' };

export const channelWords: Record<string, string> = {
  web: 'Trên mạng',
  kiosk: 'Ki-ốt',
  paper: 'Phiếu giấy',
};

export const reviewStateWords: Record<string, string> = {
  unreviewed: 'Chưa xem xét',
  kept: 'Đã giữ lại',
  excluded: 'Đã loại khỏi kết quả',
};

/** METHOD.md section 7's flags. */
export const flagWords: Record<string, string> = {
  too_fast: 'Trả lời quá nhanh',
  straight_line: 'Chọn một mức cho mọi câu',
  duplicate: 'Trùng lặp',
  burst: 'Dồn dập từ một ki-ốt',
};

export const dimensionWords: Record<string, string> = {
  overall: 'CB-HPI',
  security: 'An sinh',
  opportunity: 'Cơ hội',
  culture: 'Văn hoá',
  trust: 'Niềm tin',
};

export const yesNo = (value: boolean) => (value ? 'Có' : 'Không');

/** The word for a code, or the code itself when there is none. */
export const wordFor = (words: Record<string, string>, code: string) => words[code] ?? code;

/** A mean or score on the 0–100 scale to one decimal, as the pages show it; null stays null. */
export const oneDecimal = (value: number | null) =>
  value === null ? null : Math.round(value * 10) / 10;

/**
 * A probability or share to a tenth of a percentage point (0.9532 → 0.953, shown as 95.3%);
 * the cell's percentage format does the ×100.
 */
export const percentTenths = (value: number | null) =>
  value === null ? null : Math.round(value * 1000) / 1000;
