import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import axe from 'axe-core';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { requireAllParts } from './test-env.ts';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why the browser suites cannot run here, or null when Chromium is installed. */
export function chromiumMissing(): string | null {
  if (existsSync(chromiumPath)) return null;
  const reason = `no Chromium at ${chromiumPath} (apt-get install chromium)`;
  if (requireAllParts) throw new Error(`Chromium is required here: ${reason}`);
  return reason;
}

const certutilPath = '/usr/bin/certutil';

/** Why the HTTPS browser test cannot trust a local authority here, or null (Debian's libnss3-tools). */
export function certutilMissing(): string | null {
  if (existsSync(certutilPath)) return null;
  const reason = `no certutil at ${certutilPath} (apt-get install libnss3-tools)`;
  if (requireAllParts) throw new Error(`certutil is required here: ${reason}`);
  return reason;
}

/** Headless Debian Chromium with nothing in the background (the bench's visits use them too). */
export const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A real Chromium with a fresh profile (no cache, no storage, no service worker from before). */
export async function launchBrowser(
  options: {
    viewport?: { width: number; height: number };
    /** More command-line flags, e.g. `--host-resolver-rules`. */
    args?: string[];
    /** More environment, e.g. a HOME whose NSS database trusts a test authority. */
    env?: Record<string, string>;
  } = {},
) {
  const profile = mkdtempSync(join(tmpdir(), 'cbhpi-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: [...chromiumFlags, ...(options.args ?? [])],
    ...(options.env ? { env: { ...process.env, ...options.env } } : {}),
    viewport: options.viewport ?? { width: 1280, height: 900 },
    locale: 'vi-VN',
  });
  const errors: string[] = [];
  context.on('weberror', (error) => errors.push(error.error().message));
  return {
    context,
    /** Uncaught errors of the pages: a test should end with none. */
    errors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

const screenshotDir = fileURLToPath(new URL('../../test-results/screenshots', import.meta.url));

/** Saves a full-page screenshot under test-results/ (ignored by git) for a person to look at. */
export async function screenshot(page: Page, name: string) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

/**
 * Runs axe-core in the page (WCAG 2.0–2.2 A and AA rules) and fails on any serious or
 * critical violation, naming the rule and the elements.
 */
export async function expectAccessible(page: Page, label: string) {
  // Evaluated through the DevTools protocol, which the page's CSP (no inline scripts) allows.
  await page.evaluate(axe.source);
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: typeof axe }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    }),
  )) as axe.AxeResults;
  const serious = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .slice(0, 5)
          .map((n) => `${n.target.join(' ')} [${n.failureSummary?.split('\n')[1]?.trim() ?? ''}]`)
          .join(', ')}`,
    );
  expect(serious, `axe on ${label}`).toEqual([]);
  return result;
}

export type { BrowserContext, Page };
