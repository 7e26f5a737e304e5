import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { chooseEncoding } from '../../server/web/choose-encoding.ts';
import { compressAbove } from '../../server/web/compress-json.ts';
import { databaseBackends, type TestDatabase } from '../helpers/databases.ts';
import { catalog, testConfig } from '../helpers/test-app.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
// A build of its own: the shared dist/web may be rebuilt by a server start meanwhile.
const webRoot = mkdtempSync(join(tmpdir(), 'cbhpi-web-build-'));

beforeAll(async () => {
  const { build } = await import('vite');
  await build({
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'silent',
    build: { outDir: webRoot, emptyOutDir: true },
  });
}, 240_000);
afterAll(() => rmSync(webRoot, { recursive: true, force: true }));

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

/** Every file a browser may ask for: the build less the compressed copies. */
const servedFiles = () =>
  listFiles(webRoot)
    .filter((path) => !/\.(br|gz)$/.test(path))
    .map((path) => `/${relative(webRoot, path)}`);

const largest = (files: string[]) =>
  files.reduce((a, b) =>
    statSync(join(webRoot, b)).size > statSync(join(webRoot, a)).size ? b : a,
  );

const urlOf = (file: string) =>
  ({ '/index.html': '/', '/kiosk/index.html': '/kiosk', '/staff/index.html': '/staff' })[file] ??
  file;

function decode(encoding: string | undefined, body: Buffer) {
  if (encoding === 'br') return brotliDecompressSync(body);
  if (encoding === 'gzip') return gunzipSync(body);
  return body;
}

describe('choosing an encoding from Accept-Encoding', () => {
  it.each([
    ['gzip, deflate, br', 'br'],
    ['br', 'br'],
    ['gzip', 'gzip'],
    ['GZIP;Q=1', 'gzip'],
    ['br;q=0.5, gzip', 'gzip'],
    ['br;q=0, gzip;q=0.1', 'gzip'],
    ['br;q=0, *', 'gzip'],
    ['*', 'br'],
    ['deflate', null],
    ['identity', null],
    ['br;q=0, gzip;q=0', null],
    ['', null],
    [undefined, null],
  ])('%j → %s', (header, expected) => {
    expect(chooseEncoding(header)).toBe(expected);
  });
});

describe('the build', () => {
  it('writes brotli and gzip copies of every text file, each the same bytes once decoded', () => {
    // No copy only where it would not be smaller (a tiny file); then the file itself goes out.
    const text = servedFiles().filter((file) => /\.(js|css|html)$/.test(file));
    expect(text.filter((file) => file.startsWith('/assets/')).length).toBeGreaterThan(5);
    expect(statSync(join(webRoot, `${largest(text)}.br`)).size).toBeGreaterThan(0);
    for (const file of text) {
      const original = readFileSync(join(webRoot, file));
      for (const [suffix, encoding] of [
        ['.br', 'br'],
        ['.gz', 'gzip'],
      ] as const) {
        const path = join(webRoot, `${file}${suffix}`);
        if (!statSync(path, { throwIfNoEntry: false })) {
          const smallest = encoding === 'br' ? brotliCompressSync(original) : gzipSync(original);
          expect(smallest.length, `${file}${suffix} left out`).toBeGreaterThanOrEqual(
            original.length,
          );
          continue;
        }
        const copy = readFileSync(path);
        expect(copy.length, `${file}${suffix}`).toBeLessThan(original.length);
        expect(decode(encoding, copy).equals(original), `${file}${suffix}`).toBe(true);
      }
    }
  });
});

describe.each(databaseBackends())('compression served on $kind', ({ create }) => {
  let database: TestDatabase;
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    database = await create();
    app = await buildApp({ config: testConfig, database, catalog, webRoot });
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });
  const get = (url: string, acceptEncoding?: string) =>
    app.inject({
      method: 'GET',
      url,
      headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding },
    });

  it('sends each page and asset as brotli, gzip or itself, by the browser’s preference', async () => {
    const cases = [
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
      ['br;q=0, gzip', 'gzip'],
      ['identity', undefined],
      [undefined, undefined],
    ] as const;
    for (const file of servedFiles()) {
      const original = readFileSync(join(webRoot, file));
      for (const [accept, expected] of cases) {
        const res = await get(urlOf(file), accept);
        const label = `${file} with ${accept ?? 'no Accept-Encoding'}`;
        expect(res.statusCode, label).toBe(200);
        const hasCopy = statSync(join(webRoot, `${file}.br`), { throwIfNoEntry: false });
        const encoding = hasCopy ? expected : undefined;
        expect(res.headers['content-encoding'], label).toBe(encoding);
        expect(res.headers.vary, label).toMatch(/accept-encoding/i);
        expect(Number(res.headers['content-length']), label).toBe(res.rawPayload.length);
        expect(decode(encoding, res.rawPayload).equals(original), label).toBe(true);
      }
    }
  });

  it('names the file’s own type, not the copy’s', async () => {
    const script = servedFiles().find((file) => /^\/assets\/.*\.js$/.test(file)) ?? '';
    const style = servedFiles().find((file) => /^\/assets\/.*\.css$/.test(file)) ?? '';
    expect((await get(script, 'br')).headers['content-type']).toMatch(/javascript/);
    expect((await get(style, 'br')).headers['content-type']).toMatch(/^text\/css/);
    expect((await get('/', 'br')).headers['content-type']).toMatch(/^text\/html/);
    expect((await get('/sw.js', 'gzip')).headers['content-type']).toMatch(/javascript/);
  });

  it('caches hashed assets for good, and has pages and service workers checked each time', async () => {
    for (const file of servedFiles()) {
      const res = await get(urlOf(file), 'br');
      const expected = file.startsWith('/assets/')
        ? 'public, max-age=31536000, immutable'
        : 'no-cache';
      expect(res.headers['cache-control'], file).toBe(expected);
    }
    expect(servedFiles()).toEqual(expect.arrayContaining(['/sw.js', '/kiosk-sw.js']));
  });

  it('does not serve the compressed copies under their own names', async () => {
    const copy = servedFiles().find((file) => file.startsWith('/assets/')) ?? '';
    expect((await get(`${copy}.br`, 'br')).statusCode).toBe(404);
    expect((await get(`${copy}.gz`, 'gzip')).statusCode).toBe(404);
    expect((await get('/sw.js.br', 'br')).statusCode).toBe(404);
  });

  it('compresses JSON answers above 1 KB, with Vary and the compressed length', async () => {
    const plain = await get('/api/questionnaires/current', 'identity');
    expect(plain.statusCode).toBe(200);
    expect(plain.rawPayload.length).toBeGreaterThan(compressAbove);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    for (const encoding of ['br', 'gzip'] as const) {
      const res = await get('/api/questionnaires/current', `${encoding}, deflate`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
      expect(res.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
      expect(decode(encoding, res.rawPayload).equals(plain.rawPayload)).toBe(true);
    }
    const communes = await get('/api/communes', 'gzip, deflate, br');
    expect(communes.headers['content-encoding']).toBe('br');
    expect(JSON.parse(decode('br', communes.rawPayload).toString())).toHaveLength(56);
  });

  it('leaves small JSON answers and errors as they are', async () => {
    const health = await get('/api/health', 'gzip, deflate, br');
    expect(health.statusCode).toBe(200);
    expect(health.rawPayload.length).toBeLessThanOrEqual(compressAbove);
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(health.json()).toMatchObject({ status: 'ok' });
    const missing = await get('/api/no-such-route', 'br');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-encoding']).toBeUndefined();
    expect(missing.json()).toMatchObject({ error: { code: expect.any(String) } });
  });
});
