import { catalogue, type KeyUnder } from '../shared/i18n.ts';

// The texts are in surveys/languages/<code>/messages.json under `resident.`. The resident is
// addressed as "Ông/Bà": older rural residents hear "bạn" as talking down.
export const residentMessages = catalogue('resident');
export type ResidentKey = KeyUnder<'resident'>;

/** The dimensions' names on the resident's own profile, in the chosen language. */
export const dimensionMessages = catalogue('dimension');
