/**
 * The web's message catalogue. Vietnamese first; English complete. Every string a person sees
 * outside the questionnaire lives here, so another language is one more block of data.
 */
export type Language = 'vi' | 'en';
export const languages: Language[] = ['vi', 'en'];

const storageKey = 'cbhpi.language';

export function currentLanguage(): Language {
  const stored = localStorage.getItem(storageKey);
  return stored === 'en' || stored === 'vi' ? stored : 'vi';
}

const listeners = new Set<(language: Language) => void>();

export function setLanguage(language: Language) {
  localStorage.setItem(storageKey, language);
  document.documentElement.lang = language;
  for (const listener of listeners) listener(language);
}

/** Calls `listener` on every change of language; returns the unsubscribe. */
export function onLanguageChange(listener: (language: Language) => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export type Messages = Record<string, { vi: string; en: string }>;

/** Looks a message up in a page's catalogue, filling `{name}` placeholders. */
export function translate(
  messages: Messages,
  key: string,
  values: Record<string, string | number> = {},
) {
  const entry = messages[key];
  const text = entry ? entry[currentLanguage()] : key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

/** Formats a number the local way (Vietnamese uses a decimal comma). */
export function formatNumber(value: number | null, digits = 1) {
  if (value === null || Number.isNaN(value)) return '–';
  return new Intl.NumberFormat(currentLanguage() === 'vi' ? 'vi-VN' : 'en-GB', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

export const dimensionNames: Messages = {
  security: { vi: 'An sinh', en: 'Social security' },
  opportunity: { vi: 'Cơ hội', en: 'Opportunity' },
  culture: { vi: 'Văn hoá', en: 'Culture' },
  trust: { vi: 'Niềm tin', en: 'Trust' },
  overall: { vi: 'CB-HPI', en: 'CB-HPI' },
};
