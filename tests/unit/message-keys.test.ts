import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { KioskKey } from '../../web/src/kiosk/messages.ts';
import type { ResidentKey } from '../../web/src/resident/messages.ts';
import { residentMessages } from '../../web/src/resident/messages.ts';
import { type MessageKey, message, translate } from '../../web/src/shared/i18n.ts';

const read = (path: string) =>
  JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as Record<string, string>;

/**
 * The message keys are typed from surveys/languages/vi/messages.json: `npx tsc --noEmit -p .`
 * checks this file, so each `@ts-expect-error` below is a real check (an unused one fails tsc).
 */
describe('message keys', () => {
  it('a misspelt key does not type-check; a real one does', () => {
    const misspelt = () => {
      // @ts-expect-error: there is no message "resident.titel"
      message('resident.titel');
      // @ts-expect-error: a page's catalogue takes only its own keys
      translate(residentMessages, 'titel');
      // @ts-expect-error: a key of the kiosk is no key of the resident page
      const wrongPage: ResidentKey = 'pairTitle';
      return wrongPage;
    };
    expect(typeof misspelt).toBe('function');
    expectTypeOf<'resident.title'>().toExtend<MessageKey>();
    expectTypeOf<'pair.used'>().toExtend<KioskKey>();
    expectTypeOf<'titel'>().not.toExtend<ResidentKey>();
  });

  it('English has every Vietnamese key and no other; the test language too', () => {
    const vi = Object.keys(read('../../surveys/languages/vi/messages.json')).sort();
    expect(Object.keys(read('../../surveys/languages/en/messages.json')).sort()).toEqual(vi);
    expect(Object.keys(read('../fixtures/languages/qaa/messages.json')).sort()).toEqual(vi);
  });
});
