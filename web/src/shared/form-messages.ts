import { catalogue, type KeyUnder } from './i18n.ts';

/**
 * Words of the form itself (shared by the resident page and the kiosk), "Ông/Bà" in
 * Vietnamese: surveys/languages/<code>/messages.json under `form.`.
 */
export const formMessages = catalogue('form');
export type FormKey = KeyUnder<'form'>;
