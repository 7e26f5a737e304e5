import enMessages from '../../../surveys/languages/en/messages.json' with { type: 'json' };
import viMessages from '../../../surveys/languages/vi/messages.json' with { type: 'json' };

/**
 * The words of the resident page and the kiosk are data: `surveys/languages/<code>/
 * messages.json`, one flat key → text file per language. Vietnamese and English come with the
 * pages (the first screen must not wait for them); any other language arrives from
 * `GET /api/languages/:code` (languages.ts) and is offered only when complete, so a resident
 * never sees a key or a gap. The keys are typed from the Vietnamese file: a misspelt key fails
 * `tsc`.
 *
 * The staff pages keep their own catalogues of `{ vi, en }` entries (`Messages`).
 */
export type MessageKey = keyof typeof viMessages;
export type MessageCatalogue = Record<MessageKey, string>;

// Typed as complete: an English file that lacks a Vietnamese key fails `tsc` here.
const english: MessageCatalogue = enMessages;
const vietnamese: MessageCatalogue = viMessages;

/** The staff pages' languages. */
export type Language = 'vi' | 'en';
export const languages: Language[] = ['vi', 'en'];

const storageKey = 'cbhpi.language';
const catalogues = new Map<string, MessageCatalogue>([
  ['vi', vietnamese],
  ['en', english],
]);

/** Holds a language's messages (from its pack), so it can be chosen. */
export function addCatalogue(code: string, messages: MessageCatalogue) {
  catalogues.set(code, messages);
}
export const hasCatalogue = (code: string) => catalogues.has(code);

/** The language chosen on this device, if its messages are here; else Vietnamese. */
export function currentLanguageCode(): string {
  const stored = localStorage.getItem(storageKey);
  return stored && catalogues.has(stored) ? stored : 'vi';
}

/** The chosen code, even one whose messages have not arrived yet (restoring it after a reload). */
export const storedLanguageCode = () => localStorage.getItem(storageKey);

/**
 * The staff pages' language, and the one numbers and dates are written in: English when
 * chosen, Vietnamese for every other (Cao Bằng's languages write numbers as Vietnamese does).
 */
export function currentLanguage(): Language {
  return currentLanguageCode() === 'en' ? 'en' : 'vi';
}

const listeners = new Set<(language: string) => void>();

/** Chooses a language whose messages are held (see `addCatalogue`); others are ignored. */
export function setLanguage(language: string) {
  if (!catalogues.has(language)) return;
  localStorage.setItem(storageKey, language);
  document.documentElement.lang = language;
  for (const listener of listeners) listener(language);
}

/** Calls `listener` on every change of language; returns the unsubscribe. */
export function onLanguageChange(listener: (language: string) => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A staff page's catalogue: Vietnamese and English per key. */
export type Messages = Record<string, { vi: string; en: string }>;

/** A part of the resident and kiosk messages, by the keys' first segment (`resident`, `kiosk`). */
export type Catalogue<P extends string> = { readonly prefix: P };
/** The keys under a prefix, without it: `KeyUnder<'kiosk'>` holds `'pairTitle'`, `'pair.used'`. */
export type KeyUnder<P extends string> = MessageKey extends infer K
  ? K extends `${P}.${infer Rest}`
    ? Rest
    : never
  : never;
export const catalogue = <P extends string>(prefix: P): Catalogue<P> => ({ prefix });

const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));

/** A resident or kiosk message in the chosen language, `{name}` placeholders filled. */
export function message(key: MessageKey, values: Record<string, string | number> = {}) {
  const chosen = catalogues.get(currentLanguageCode());
  // An offered language has every key; Vietnamese stands in only for a damaged pack.
  return fill(chosen?.[key] || vietnamese[key], values);
}

/** Looks a message up in a page's catalogue, filling `{name}` placeholders. */
export function translate<P extends string>(
  messages: Catalogue<P>,
  key: KeyUnder<P>,
  values?: Record<string, string | number>,
): string;
export function translate(
  messages: Messages,
  key: string,
  values?: Record<string, string | number>,
): string;
export function translate(
  messages: Messages | Catalogue<string>,
  key: string,
  values: Record<string, string | number> = {},
) {
  if ('prefix' in messages && typeof messages.prefix === 'string') {
    return message(`${messages.prefix}.${key}` as MessageKey, values);
  }
  const entry = (messages as Messages)[key];
  return fill(entry ? entry[currentLanguage()] : key, values);
}

/** Formats a number the local way (Vietnamese uses a decimal comma). */
export function formatNumber(value: number | null, digits = 1) {
  if (value === null || Number.isNaN(value)) return '–';
  return new Intl.NumberFormat(currentLanguage() === 'vi' ? 'vi-VN' : 'en-GB', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

const dimensionKeys = ['security', 'opportunity', 'culture', 'trust', 'overall'] as const;

/** The dimensions' names for the staff pages, from the same files as the residents'. */
export const dimensionNames: Messages = Object.fromEntries(
  dimensionKeys.map((key) => [
    key,
    { vi: vietnamese[`dimension.${key}`], en: english[`dimension.${key}`] },
  ]),
);
