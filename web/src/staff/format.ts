import type { CommuneResult } from '../../../server/results/schema.ts';
import { currentLanguage, formatNumber } from '../shared/i18n.ts';
import { t } from './messages.ts';

const locale = () => (currentLanguage() === 'vi' ? 'vi-VN' : 'en-GB');

/** A mean on the 0–100 scale, one decimal, the local way ("92,4" in Vietnamese). */
export const formatMean = (mean: number | null) => formatNumber(mean, 1);

/** A 95% interval, "88,1–93,0"; a dash when there is none (n < 2). */
export function formatInterval(low: number | null, high: number | null) {
  if (low === null || high === null) return '–';
  return `${formatNumber(low, 1)}–${formatNumber(high, 1)}`;
}

/** A share or probability as a percentage; near-certainties are not rounded to 0 or 100. */
export function formatPercent(value: number | null, digits = 0) {
  if (value === null || Number.isNaN(value)) return '–';
  const format = (v: number) =>
    new Intl.NumberFormat(locale(), {
      style: 'percent',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(v);
  const step = 10 ** -(digits + 2);
  if (value > 0 && value < step) return `< ${format(step)}`;
  if (value < 1 && value > 1 - step) return `> ${format(1 - step)}`;
  return format(value);
}

/** A moment in the province's own time zone, wherever the browser is. */
export function formatDateTime(iso: string | null) {
  if (iso === null) return t('never');
  return new Intl.DateTimeFormat(locale(), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Ho_Chi_Minh',
  }).format(new Date(iso));
}

/** The status in words, with why a commune is insufficient: colour is never the only signal. */
export function statusText(commune: CommuneResult, minN: number) {
  if (commune.status === 'insufficient') {
    return t('status.insufficient', { n: commune.n, minN });
  }
  if (commune.status === 'meets') return t(commune.confident ? 'status.meetsSure' : 'status.meets');
  return t('status.below');
}
