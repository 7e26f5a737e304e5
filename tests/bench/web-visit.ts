import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { chromiumFlags, chromiumPath } from '../helpers/browser.ts';
import type { ByteCounter, Line } from './web-byte-counter.ts';

/**
 * How the visit is slowed: by DevTools for the page (`devtools`, which leaves the service
 * worker's downloads at full speed), by the relay for everything (`relay`), or not at all.
 */
export type Network = { name: string; devtools?: Line; relay?: Line };

export type Visit = {
  /** Milliseconds from the navigation's start. */
  chooserMs: number;
  firstQuestionMs: number;
  /** Bytes the server sent for the whole first visit (page and service worker), headers included. */
  totalBytes: number;
  /** Of those, what the page itself received from the network (DevTools' encoded lengths). */
  pageBytes: number;
  pageRequests: number;
};

const timeout = 180_000;

/** In the page: when the commune list has communes in it (the chooser can be used). */
function chooserUsable() {
  const list = document.querySelector('select');
  return list && list.options.length > 0 && list.getBoundingClientRect().height > 0
    ? performance.now()
    : false;
}

/**
 * In the page: the time once a question with an answer control is on screen, "next" when an
 * intro page (no answer control, a "next" button) is shown instead, else false.
 */
function questionOrNext() {
  // No named inner functions: the bench runs under tsx, whose helpers the page does not have.
  const questions = Array.from(document.querySelectorAll('.sd-question[data-name]'));
  const shown = questions.find(
    (q) =>
      q.getBoundingClientRect().height > 0 &&
      q.querySelector('input:not([type="hidden"]), textarea, select, button, [role="radio"]'),
  );
  if (shown) return performance.now();
  const next = Array.from(document.querySelectorAll('.sd-navigation__next-btn')).find(
    (button) => button.getBoundingClientRect().height > 0,
  );
  return next ? 'next' : false;
}

/** Chooses the first commune and presses start, as a resident would as soon as they can. */
async function startSurvey(page: Page) {
  const list = page.locator('select').first();
  const first = await list.locator('option').first().getAttribute('value');
  await list.selectOption(first ?? '');
  await page.getByRole('button', { name: /Bắt đầu|Start/ }).tap({ timeout });
  // Past an intro page (no answer control on it) with "next" until a question shows.
  for (let step = 0; step < 3; step += 1) {
    const found = await (
      await page.waitForFunction(questionOrNext, null, { timeout, polling: 50 })
    ).jsonValue();
    if (typeof found === 'number') return found;
    await page.locator('.sd-navigation__next-btn:visible').first().tap({ timeout });
  }
  throw new Error('no question became usable');
}

/**
 * One first visit of the resident page by a phone (360×740, touch) with a cold profile: a
 * fresh Chromium profile, so no HTTP cache, no storage and no service worker from before.
 */
export async function measureFirstVisit(counter: ByteCounter, network: Network): Promise<Visit> {
  const profile = mkdtempSync(join(tmpdir(), 'cbhpi-web-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumFlags,
    viewport: { width: 360, height: 740 },
    hasTouch: true,
    isMobile: true,
    locale: 'vi-VN',
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    if (network.devtools) {
      // DevTools' own units: 400 kbps is 400,000 bits a second, 50,000 bytes.
      const bytesPerSecond = (network.devtools.kbps * 1000) / 8;
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: network.devtools.latencyMs,
        downloadThroughput: bytesPerSecond,
        uploadThroughput: bytesPerSecond,
      });
    }
    const fromWorker = new Set<string>();
    let pageBytes = 0;
    let pageRequests = 0;
    cdp.on('Network.responseReceived', (event) => {
      if (event.response.fromServiceWorker) fromWorker.add(event.requestId);
    });
    cdp.on('Network.loadingFinished', (event) => {
      if (fromWorker.has(event.requestId)) return;
      pageBytes += event.encodedDataLength;
      pageRequests += 1;
    });

    counter.throttle(network.relay ?? null);
    counter.reset();
    await page.goto(`${counter.url}/`, { waitUntil: 'commit', timeout });
    const chooserMs = (await (
      await page.waitForFunction(chooserUsable, null, { timeout, polling: 50 })
    ).jsonValue()) as number;
    const firstQuestionMs = await startSurvey(page);
    // The visit is over once the service worker is installed (its precache fetched) and the
    // wire has been quiet for a while.
    await page.evaluate(async () => {
      await navigator.serviceWorker?.ready;
    });
    await counter.quiet(2_000);
    return {
      chooserMs,
      firstQuestionMs,
      totalBytes: counter.counts().down,
      pageBytes,
      pageRequests,
    };
  } finally {
    counter.throttle(null);
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
