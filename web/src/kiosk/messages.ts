import { catalogue, type KeyUnder } from '../shared/i18n.ts';

/** The kiosk's words: surveys/languages/<code>/messages.json under `kiosk.`. */
export const kioskMessages = catalogue('kiosk');
export type KioskKey = KeyUnder<'kiosk'>;
