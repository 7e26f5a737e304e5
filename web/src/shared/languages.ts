import type { LanguagePack, LanguageSummary } from '../../../server/languages/schema.ts';
import enLanguage from '../../../surveys/languages/en/language.json' with { type: 'json' };
import viLanguage from '../../../surveys/languages/vi/language.json' with { type: 'json' };
import {
  addCatalogue,
  hasCatalogue,
  type MessageCatalogue,
  setLanguage,
  storedLanguageCode,
} from './i18n.ts';

/** A language a resident can choose: its code and its own name. */
export type OfferedLanguage = Pick<LanguageSummary, 'code' | 'name' | 'version'>;

/** The languages that come with the pages: what is offered when the server cannot be asked. */
const builtIn: OfferedLanguage[] = [
  { code: viLanguage.code, name: viLanguage.name, version: '' },
  { code: enLanguage.code, name: enLanguage.name, version: '' },
];

/** Each fetched language's questionnaire strings, for the questionnaire they were made for. */
const questionnaireStrings = new Map<
  string,
  { questionnaireId: string; strings: Record<string, string> }
>();

/**
 * The languages to offer, Vietnamese first, as the server lists them (the service worker keeps
 * the last list for offline use). Unreachable and never cached: the built-in two.
 */
export async function fetchOfferedLanguages(): Promise<OfferedLanguage[]> {
  try {
    const res = await fetch('/api/languages');
    if (!res.ok) return builtIn;
    const all = (await res.json()) as LanguageSummary[];
    const offered = all.filter((language) => language.offered);
    if (!offered.some((language) => language.code === 'vi')) return builtIn;
    return offered.sort((a, b) => (a.code === 'vi' ? -1 : b.code === 'vi' ? 1 : 0));
  } catch {
    return builtIn;
  }
}

let offeredOnce: Promise<OfferedLanguage[]> | null = null;

/** The offered languages, asked for once per page load (the start screen is drawn again often). */
export function offeredLanguages() {
  offeredOnce ??= fetchOfferedLanguages();
  return offeredOnce;
}

/**
 * Fetches a language's messages and questionnaire strings, unless they are here already.
 * The address carries the version, so the browser may keep it for long and a service worker
 * serves it offline. False when it cannot be had (offline and never fetched).
 */
export async function loadLanguage(language: Pick<OfferedLanguage, 'code' | 'version'>) {
  if (language.code === 'vi' || language.code === 'en') return true;
  if (hasCatalogue(language.code) && questionnaireStrings.has(language.code)) return true;
  try {
    const query = language.version ? `?v=${encodeURIComponent(language.version)}` : '';
    const res = await fetch(`/api/languages/${language.code}${query}`);
    if (!res.ok) return false;
    const pack = (await res.json()) as LanguagePack;
    addCatalogue(pack.code, pack.messages as MessageCatalogue);
    questionnaireStrings.set(pack.code, {
      questionnaireId: pack.questionnaireId,
      strings: pack.strings,
    });
    return true;
  } catch {
    return false;
  }
}

/** Loads a language, then chooses it; nothing changes when it cannot be had. */
export async function chooseLanguage(language: Pick<OfferedLanguage, 'code' | 'version'>) {
  if (await loadLanguage(language)) setLanguage(language.code);
}

/**
 * After a reload the chosen language's messages are not in the page yet: fetched again (from
 * the service worker's cache offline) and chosen once here, if it is still offered.
 */
export async function restoreLanguage(offered: readonly OfferedLanguage[]) {
  const stored = storedLanguageCode();
  const language = offered.find((entry) => entry.code === stored);
  if (language && !hasCatalogue(language.code)) await chooseLanguage(language);
}

/** A fetched language's strings for this questionnaire, or null (the form then shows Vietnamese). */
export function stringsFor(code: string, questionnaireId: string) {
  const held = questionnaireStrings.get(code);
  return held && held.questionnaireId === questionnaireId ? held.strings : null;
}
