import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, expectAccessible, launchBrowser, type Page } from '../helpers/browser.ts';
import {
  adminCookie,
  createKiosk,
  currentQuestionnaireId,
  uploadRecording,
} from '../helpers/web-admin.ts';
import { startWebServer, type WebServer } from '../helpers/web-server.ts';

const suites = chromiumMissing() ? [] : [{ name: 'chromium' }];

/**
 * The device's voices as the test wants them (headless Chromium's own list is not to be
 * relied on): none, or a Vietnamese one arriving late with `voiceschanged`, as browsers do.
 * What `speak` is given is kept in `window.spoken`.
 */
function fakeVoices(page: Page, vietnamese: boolean) {
  return page.addInitScript((withVoice: boolean) => {
    const voices: unknown[] = [];
    const spoken: string[] = [];
    Object.assign(window, { spoken });
    const synth = window.speechSynthesis;
    synth.getVoices = () => voices as SpeechSynthesisVoice[];
    synth.cancel = () => {};
    synth.speak = (utterance: SpeechSynthesisUtterance) => {
      spoken.push(utterance.text);
      setTimeout(() => utterance.onend?.(new Event('end') as SpeechSynthesisEvent), 200);
    };
    if (withVoice) {
      setTimeout(() => {
        voices.push({ lang: 'vi-VN', name: 'Giọng Việt', voiceURI: 'vi', default: true });
        synth.dispatchEvent(new Event('voiceschanged'));
      }, 300);
    }
  }, vietnamese);
}

async function pair(page: Page, code: string) {
  await page.locator('#pairing-code').waitFor();
  for (const symbol of code.replace('-', '')) {
    await page.locator(`.keypad [data-key="${symbol}"]`).click();
  }
  await page.getByRole('button', { name: 'Ghép nối', exact: true }).click();
  await page.locator('.sd-root-modern').waitFor();
}

async function startForm(page: Page) {
  await page.locator('.sd-navigation__next-btn:visible').first().click();
  await page.locator('[data-name="sec_income"]').waitFor();
}

const listenButton = (page: Page, key: string) =>
  page.locator(`[data-name="${key}"] .listen-button`);

/** The page's audio element really plays (not merely asked to). */
const audioPlaying = (page: Page) =>
  page.evaluate(() => {
    const audio = document.querySelector<HTMLAudioElement>('audio.listen-audio');
    return !!audio && !audio.paused && audio.currentTime > 0;
  });

const cachedAudio = (page: Page) =>
  page.evaluate(async () =>
    (await (await caches.open('cbhpi-audio')).keys()).map((r) => new URL(r.url).pathname),
  );

describe.each(suites)('recorded audio in $name', () => {
  let server: WebServer;
  let cookie: string;
  let questionnaireId: string;
  beforeAll(async () => {
    server = await startWebServer();
    cookie = await adminCookie(server);
    questionnaireId = await currentQuestionnaireId(server);
    await uploadRecording(server, cookie, questionnaireId, 'sec_income');
    await uploadRecording(server, cookie, questionnaireId, 'sec_health');
  });
  afterAll(async () => {
    await server?.close();
  });

  it('shows listen only where a recording is, plays one at a time, and plays offline on a paired kiosk', async () => {
    const kiosk = await createKiosk(server, { cookie });
    const browser = await launchBrowser({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await browser.context.newPage();
      await fakeVoices(page, false);
      await page.goto(`${server.url}/kiosk`);
      await pair(page, kiosk.pairingCode);
      await startForm(page);

      await listenButton(page, 'sec_income').waitFor();
      await listenButton(page, 'sec_health').waitFor();
      expect(await listenButton(page, 'sec_housing').count()).toBe(0);
      expect(await page.locator('.listen-button').count()).toBe(2);
      // Drawn without the player: its code comes with the first press only.
      const loadedPlayer = () =>
        page.evaluate(() =>
          performance
            .getEntriesByType('resource')
            .some((entry) => /\/audio-player-[^/]*\.js$/.test(entry.name)),
        );
      expect(await loadedPlayer()).toBe(false);
      const button = listenButton(page, 'sec_income');
      expect(await button.getAttribute('aria-pressed')).toBe('false');
      expect(await button.textContent()).toContain('Nghe');
      await expectAccessible(page, 'kiosk form with listen buttons');

      // By keyboard: focus and Enter.
      await button.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
      await expect.poll(() => audioPlaying(page), { timeout: 10_000 }).toBe(true);
      expect(await button.getAttribute('data-playing')).toBe('');
      expect(await loadedPlayer()).toBe(true);

      // Starting the second stops the first.
      const second = listenButton(page, 'sec_health');
      await second.click();
      await expect.poll(() => second.getAttribute('aria-pressed')).toBe('true');
      expect(await button.getAttribute('aria-pressed')).toBe('false');
      await expect.poll(() => audioPlaying(page), { timeout: 10_000 }).toBe(true);
      expect(
        await page.evaluate(() =>
          document.querySelector('audio.listen-audio')?.getAttribute('src'),
        ),
      ).toContain('/sec_health?v=');
      expect(await page.locator('audio').count()).toBe(1);
      // Pressed again, it stops.
      await second.click();
      await expect.poll(() => second.getAttribute('aria-pressed')).toBe('false');
      expect(await audioPlaying(page)).toBe(false);

      // The kiosk has kept both recordings and the Vietnamese list.
      await expect
        .poll(() => cachedAudio(page), { timeout: 15_000 })
        .toEqual(
          expect.arrayContaining([
            `/api/audio/${questionnaireId}`,
            `/api/audio/${questionnaireId}/vi/sec_income`,
            `/api/audio/${questionnaireId}/vi/sec_health`,
          ]),
        );

      // Offline, a fresh page still has its buttons and plays from the cache.
      await browser.context.setOffline(true);
      await page.reload();
      await page.locator('.sd-root-modern').waitFor();
      await startForm(page);
      await listenButton(page, 'sec_income').click();
      await expect.poll(() => audioPlaying(page), { timeout: 10_000 }).toBe(true);
      expect(await listenButton(page, 'sec_housing').count()).toBe(0);
      await browser.context.setOffline(false);
      expect(browser.errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('reads a question aloud with a Vietnamese voice that arrives late, and offers nothing without one', async () => {
    const kiosk = await createKiosk(server, { cookie });
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await fakeVoices(page, true);
      await page.goto(`${server.url}/kiosk`);
      await pair(page, kiosk.pairingCode);
      await startForm(page);

      // The recorded questions keep their recording; the others are read by the voice.
      const spoken = listenButton(page, 'sec_housing');
      await spoken.waitFor();
      expect(await spoken.getAttribute('data-source')).toBe('speech');
      expect(await listenButton(page, 'sec_income').getAttribute('data-source')).toBe('recording');
      const title =
        (await page.locator('[data-name="sec_housing"] .sd-title').first().textContent()) ?? '';
      await spoken.click();
      await expect.poll(() => spoken.getAttribute('aria-pressed')).toBe('true');
      const said = await page.evaluate(() => (window as unknown as { spoken: string[] }).spoken);
      expect(said).toHaveLength(1);
      expect(title.replace(/\s+/g, ' ').trim()).toContain(said[0]?.split('. ')[0] ?? '?');
      // Its end releases the button.
      await expect.poll(() => spoken.getAttribute('aria-pressed')).toBe('false');
      await expectAccessible(page, 'kiosk form with read-aloud');

      // In English there is no voice to read it: only the recorded questions... of which
      // English has none, so no button at all.
      await page.getByRole('button', { name: 'English' }).click();
      await expect.poll(() => page.locator('.listen-button').count()).toBe(0);
      expect(browser.errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('starts a page with its first recording as it opens when the kiosk is set to', async () => {
    const kiosk = await createKiosk(server, { cookie });
    const browser = await launchBrowser({ args: ['--autoplay-policy=no-user-gesture-required'] });
    try {
      const page = await browser.context.newPage();
      await fakeVoices(page, false);
      await page.goto(`${server.url}/kiosk?listen=auto`);
      await pair(page, kiosk.pairingCode);
      await startForm(page);
      const first = listenButton(page, 'sec_income');
      await expect.poll(() => first.getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('true');
      await expect.poll(() => audioPlaying(page), { timeout: 10_000 }).toBe(true);
      expect(await listenButton(page, 'sec_health').getAttribute('aria-pressed')).toBe('false');
    } finally {
      await browser.close();
    }
  });
  it("plays a language's recorded greeting when its button is pressed, and nothing for one without", async () => {
    await uploadRecording(server, cookie, questionnaireId, '_greeting', 'en');
    const browser = await launchBrowser({ args: ['--autoplay-policy=no-user-gesture-required'] });
    try {
      const page = await browser.context.newPage();
      await fakeVoices(page, false);
      await page.goto(`${server.url}/`);
      // The greeting needs the questionnaire loaded: the start button says when it is.
      await page.getByRole('button', { name: 'Bắt đầu', exact: true }).waitFor();
      const source = () =>
        page.evaluate(
          () => document.querySelector<HTMLAudioElement>('audio.listen-audio')?.src ?? '',
        );
      await page.getByRole('button', { name: 'Tiếng Việt', exact: true }).click();
      await page.waitForTimeout(500);
      expect(await source()).toBe('');
      await page.getByRole('button', { name: 'English', exact: true }).click();
      await expect.poll(source, { timeout: 10_000 }).toContain('/en/_greeting');
      await expect.poll(() => audioPlaying(page), { timeout: 10_000 }).toBe(true);
    } finally {
      await browser.close();
    }
  });
});
