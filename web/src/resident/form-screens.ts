// The part of the resident page that waits for the form library: loaded in the background
// (form-loader.ts) while the first screen is already in use.
export { mountAnswerScreen } from './answer-screen.ts';
export { mountThanksScreen } from './thanks-screen.ts';
