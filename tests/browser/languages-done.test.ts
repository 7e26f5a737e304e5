import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipStream } from '../../server/exports/zip-stream.ts';
import { collect } from '../../server/languages/kit-files.ts';
import { readCsv } from '../../server/languages/read-csv.ts';
import { audioFixture } from '../fixtures/audio/audio-fixtures.ts';
import {
  chromiumMissing,
  expectAccessible,
  launchBrowser,
  type Page,
  screenshot,
} from '../helpers/browser.ts';
import { unzip } from '../helpers/unzip.ts';
import { createKiosk } from '../helpers/web-admin.ts';
import { startWebServer, type WebServer } from '../helpers/web-server.ts';

/**
 * Issue 13's "done", end to end in the browser: an admin exports the Tày kit, imports it
 * translated and a zip of recordings through the staff screen; a kiosk paired afterwards goes
 * offline, and a resident picks Tày by its greeting and hears every question's recording.
 */
const suites = chromiumMissing() ? [] : [{ name: 'Chromium' }];
const code = 'tyz';
const toCsv = (rows: string[][]) =>
  rows.map((row) => row.map((cell) => `"${cell.replaceAll('"', '""')}"`).join(',')).join('\r\n');

type Survey = { pages: { name: string; elements: { name: string; type: string }[] }[] };
type Manifest = {
  questionnaireId: string;
  language: string;
  recordings: { key: string; file: string; type?: string }[];
};

/** The questions of each page, in order: what the resident meets and must hear. */
const questionsByPage = (survey: Survey) =>
  survey.pages
    .map((page) => page.elements.filter((e) => e.type !== 'html').map((e) => e.name))
    .filter((names) => names.length > 0);

/** The zip a recordist sends back: the manifest, then each file, Ogg and MP3 in turn. */
function recordingsZip(manifest: Manifest, keys: string[]) {
  const entries = keys.map((key, index) => {
    const ogg = index % 2 === 0;
    return {
      key,
      file: `${key}.${ogg ? 'ogg' : 'mp3'}`,
      bytes: audioFixture(ogg ? 'question.ogg' : 'plain.mp3'),
    };
  });
  const full: Manifest = {
    ...manifest,
    recordings: entries.map(({ key, file }) => ({ key, file })),
  };
  return collect(
    zipStream([
      { name: 'manifest.json', content: [JSON.stringify(full)] },
      ...entries.map(({ file, bytes }) => ({ name: file, content: [bytes] })),
    ]),
  );
}

const zipFile = (name: string, buffer: Buffer) => ({ name, mimeType: 'application/zip', buffer });

/** The page's audio element really plays (not merely asked to), and what it plays. */
const playing = (page: Page) =>
  page.evaluate(() => {
    const audio = document.querySelector<HTMLAudioElement>('audio.listen-audio');
    if (!audio || audio.paused || audio.currentTime === 0) return null;
    return new URL(audio.currentSrc || audio.src).pathname;
  });

describe.each(suites)("issue 13's done in $name", () => {
  let server: WebServer;
  let questionnaireId: string;
  let pages: string[][];
  beforeAll(async () => {
    server = await startWebServer();
    const current = await fetch(`${server.url}/api/questionnaires/current`);
    const body = (await current.json()) as { id: string; survey: Survey };
    questionnaireId = body.id;
    pages = questionsByPage(body.survey);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('an admin imports the Tày kit and recordings; an offline kiosk greets in Tày and plays every question', async () => {
    const browser = await launchBrowser({
      viewport: { width: 1280, height: 900 },
      args: ['--autoplay-policy=no-user-gesture-required'],
    });
    try {
      const staff = await browser.context.newPage();
      await staff.goto(`${server.url}/staff#/languages`);
      await staff.getByLabel('Email').fill(server.admin.email);
      await staff.getByLabel('Mật khẩu').fill(server.admin.password);
      await staff.getByRole('button', { name: 'Đăng nhập' }).click();
      await staff.getByRole('heading', { name: 'Ngôn ngữ của phiếu hỏi' }).waitFor();
      const row = staff.locator(`tr[data-code="${code}"]`);
      await row.waitFor();
      expect(await row.locator('td').nth(1).textContent()).toBe('Chưa');

      // The kit, translated as a translator would: every target cell filled.
      const [kitDownload] = await Promise.all([
        staff.waitForEvent('download'),
        row.getByRole('link', { name: 'CSV' }).click(),
      ]);
      const kit = readCsv(readFileSync(String(await kitDownload.path()), 'utf8')).filter(
        (r) => r.length > 1,
      );
      expect(kit[0]).toEqual(['key', 'where', 'vi', 'en', code]);
      const translated = kit.map((r, i) => (i === 0 ? r : [...r.slice(0, 4), `⟪${r[2]}⟫`]));
      await staff.getByLabel('Tệp bộ dịch đã điền (XLSX hoặc CSV)').setInputFiles({
        name: `strings-${code}.csv`,
        mimeType: 'text/csv',
        buffer: Buffer.from(toCsv(translated), 'utf8'),
      });
      await staff.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
      await staff.getByText(`${code}: không có lỗi`).waitFor();
      await staff.getByRole('button', { name: 'Lưu bản dịch' }).click();
      await staff.getByText(`Đã lưu bản dịch ${code}`).waitFor();
      await expect.poll(() => row.locator('td').nth(1).textContent()).toBe('Có');

      // The recordings zip as exported (none yet), filled in and sent back.
      const downloads = staff.locator(`.recordings-downloads li[data-code="${code}"]`);
      const [zipDownload] = await Promise.all([
        staff.waitForEvent('download'),
        downloads.getByRole('link', { name: /^Tải bản ghi âm \(\.zip\)/ }).click(),
      ]);
      expect(zipDownload.suggestedFilename()).toBe(`recordings-${code}-${questionnaireId}.zip`);
      const exported = await zipDownload.path();
      const manifest = JSON.parse(
        String(unzip(readFileSync(String(exported))).get('manifest.json')),
      ) as Manifest;
      expect(manifest).toEqual({ questionnaireId, language: code, recordings: [] });

      const questions = pages.flat();
      const keys = ['_greeting', ...questions];
      const recordingsFile = staff.getByLabel('Tệp bản ghi âm (.zip, như khi tải về)');
      const preview = staff.getByRole('button', { name: 'Xem trước khi nhập' });
      const importButton = staff.getByRole('button', { name: 'Nhập bản ghi âm' });

      // A broken one first: a text file named .mp3 is listed by file and question, nothing stored.
      const brokenManifest = JSON.stringify({
        ...manifest,
        recordings: [{ key: 'sec_health', file: 'sec_health.mp3' }],
      });
      const brokenZip = await collect(
        zipStream([
          { name: 'manifest.json', content: [brokenManifest] },
          { name: 'sec_health.mp3', content: ['không phải âm thanh'] },
          { name: 'notes.txt', content: ['ghi chú'] },
        ]),
      );
      await recordingsFile.setInputFiles(zipFile('recordings.zip', brokenZip));
      await preview.click();
      await staff.locator('.recordings-problems li').first().waitFor();
      expect(await staff.locator('.recordings-problems li').allTextContents()).toEqual([
        expect.stringMatching(/^Tệp sec_health\.mp3 · câu sec_health: ./),
      ]);
      expect(await staff.locator('.recordings-warnings li').allTextContents()).toEqual([
        expect.stringMatching(/^Tệp notes\.txt: /),
      ]);
      expect(await importButton.isHidden()).toBe(true);

      const full = await recordingsZip(manifest, keys);
      await recordingsFile.setInputFiles(zipFile(`recordings-${code}.zip`, full));
      await preview.click();
      await staff
        .getByText(
          `${code} · ${questionnaireId}: không có lỗi; sẽ thêm ${keys.length} bản ghi mới, thay 0, giữ nguyên 0.`,
        )
        .waitFor();
      await expectAccessible(staff, 'languages screen with the recordings checked');
      // While the import runs, nothing can be pressed twice, and the screen says it is busy.
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      await staff.route('**/api/audio/archive', async (route) => {
        await held;
        await route.continue();
      });
      await importButton.click();
      await staff.getByText('Đang gửi và kiểm tra bản ghi âm…').waitFor();
      expect(await recordingsFile.isDisabled()).toBe(true);
      expect(await preview.isDisabled()).toBe(true);
      expect(await importButton.isDisabled()).toBe(true);
      release();
      await staff
        .getByText(`Đã nhập bản ghi âm ${code} · ${questionnaireId}: thêm ${keys.length}`)
        .waitFor();
      expect(await importButton.isHidden()).toBe(true);
      expect(await preview.isDisabled()).toBe(false);
      await screenshot(staff, 'languages-done-staff');
      await staff.close();

      // A kiosk paired now keeps Tày and its recordings.
      const kiosk = await createKiosk(server);
      const page = await browser.context.newPage();
      await page.goto(`${server.url}/kiosk`);
      await page.locator('#pairing-code').waitFor();
      for (const symbol of kiosk.pairingCode.replace('-', '')) {
        await page.locator(`.keypad [data-key="${symbol}"]`).click();
      }
      await page.getByRole('button', { name: 'Ghép nối', exact: true }).click();
      await page.locator('.sd-root-modern').waitFor();
      const recordingUrls = keys.map((key) => `/api/audio/${questionnaireId}/${code}/${key}`);
      await expect
        .poll(
          () =>
            page.evaluate(async () => {
              if (!navigator.serviceWorker.controller) return [];
              const paths: string[] = [];
              for (const name of await caches.keys()) {
                const cache = await caches.open(name);
                for (const request of await cache.keys()) paths.push(new URL(request.url).pathname);
              }
              return paths;
            }),
          { timeout: 30_000 },
        )
        .toEqual(expect.arrayContaining([...recordingUrls, `/api/languages/${code}`]));

      await browser.context.setOffline(true);
      await page.reload();
      await page.locator('.sd-root-modern').waitFor();
      // The resident cannot read: the Tày button's greeting says which language it is.
      await page.locator('.top-bar').getByRole('button', { name: 'Tày', exact: true }).click();
      await expect
        .poll(() => playing(page), { timeout: 10_000 })
        .toBe(`/api/audio/${questionnaireId}/${code}/_greeting`);
      const next = page.locator('.sd-navigation__next-btn:visible').first();
      await expect
        .poll(async () => (await next.getAttribute('value')) ?? (await next.textContent()))
        .toMatch(/^⟪/);

      let heard = 0;
      for (const names of pages) {
        await next.click();
        await page.locator(`[data-name="${names[0]}"]`).waitFor();
        for (const name of names) {
          const button = page.locator(`[data-name="${name}"] .listen-button`).first();
          await button.scrollIntoViewIfNeeded();
          await button.click();
          await expect
            .poll(() => playing(page), { timeout: 10_000, message: name })
            .toBe(`/api/audio/${questionnaireId}/${code}/${name}`);
          heard += 1;
        }
      }
      expect(heard).toBe(questions.length);
      await browser.context.setOffline(false);
      expect(browser.errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
