import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookie } from '../../server/auth/cookie.ts';
import { loadConfig } from '../../server/config.ts';
import { certutilMissing, chromiumMissing, launchBrowser, screenshot } from '../helpers/browser.ts';
import {
  type ServerProcess,
  startServerProcess,
  stopServerProcess,
} from '../helpers/server-process.ts';

/** A LAN name with no DNS: Chromium maps it to a non-localhost address of this machine. */
const host = 'cbhpi-kiosk.test';
const address = '127.0.0.2';
const certutil = '/usr/bin/certutil';
const admin = { email: 'tls-admin@example.vn', password: 'tls-test-password-1' };

const suites =
  chromiumMissing() || certutilMissing() ? [] : [{ name: 'Chromium trusting a local authority' }];

/** `npm run tls:local`, exactly as README.md "Serving over HTTPS" tells an operator. */
function makeCertificates(out: string) {
  execFileSync(
    process.execPath,
    ['--import', 'tsx', 'server/cli/tls-local.ts', '--host', host, '--ip', address, '--out', out],
    { stdio: 'pipe' },
  );
}

/** A HOME whose NSS database (what Chromium on Linux trusts) holds the authority, as on a kiosk. */
function homeTrusting(caPem: string, home: string) {
  const nssdb = join(home, '.pki', 'nssdb');
  mkdirSync(nssdb, { recursive: true });
  execFileSync(certutil, ['-d', `sql:${nssdb}`, '-N', '--empty-password']);
  execFileSync(certutil, ['-d', `sql:${nssdb}`, '-A', '-t', 'C,,', '-n', 'cbhpi-ca', '-i', caPem]);
}

describe.each(suites)('the resident page over built-in HTTPS on a LAN name, in $name', () => {
  let dir: string;
  let server: ServerProcess;
  let url: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cbhpi-https-'));
    makeCertificates(join(dir, 'tls'));
    homeTrusting(join(dir, 'tls', 'ca.pem'), join(dir, 'home'));
    mkdirSync(join(dir, 'empty-home'));
    server = await startServerProcess({
      HOST: address,
      DATA_DIR: join(dir, 'data'),
      TLS_CERT: join(dir, 'tls', 'server.pem'),
      TLS_KEY: join(dir, 'tls', 'server.key'),
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
    });
    const port = new URL(server.url).port;
    expect(server.url).toBe(`https://${address}:${port}`);
    url = `https://${host}:${port}`;
  }, 120_000);
  afterAll(async () => {
    if (server) expect(await stopServerProcess(server)).toBe(0);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const resolverRules = `--host-resolver-rules=MAP ${host} ${address}`;

  it('is refused by a Chromium that does not trust the authority (the trust is real)', async () => {
    const browser = await launchBrowser({
      args: [resolverRules],
      env: { HOME: join(dir, 'empty-home') },
    });
    try {
      const page = await browser.context.newPage();
      await expect(page.goto(`${url}/`)).rejects.toThrow(/ERR_CERT_AUTHORITY_INVALID/);
    } finally {
      await browser.close();
    }
  });

  it('loads with no certificate error, registers the service worker, and reopens offline', async () => {
    const browser = await launchBrowser({
      viewport: { width: 390, height: 844 },
      args: [resolverRules],
      env: { HOME: join(dir, 'home') },
    });
    try {
      const page = await browser.context.newPage();
      const response = await page.goto(`${url}/`);
      expect(response?.status()).toBe(200);
      const details = await response?.securityDetails();
      expect(details?.subjectName).toBe(host);
      expect(details?.issuer).toMatch(/^CB-HPI local authority/);
      expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
      await page.locator('select').waitFor();

      // `ready` resolves once a worker is active, which may still be activating (filling the cache).
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      await expect
        .poll(() => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state))
        .toBe('activated');
      await page.reload();
      await page.locator('select').waitFor();
      expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

      await browser.context.setOffline(true);
      expect(await page.evaluate(() => navigator.onLine)).toBe(false);
      const reopened = await page.reload();
      expect(reopened?.fromServiceWorker()).toBe(true);
      await page.locator('select').waitFor();
      // The commune chooser, with the communes, opened from the cache with no network.
      expect(await page.locator('select option').count()).toBeGreaterThan(1);
      expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
      await screenshot(page, 'resident-https-offline-reopened');
      expect(browser.errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('marks the session cookie Secure when the server speaks HTTPS (SECURE_COOKIES unset)', async () => {
    const browser = await launchBrowser({
      args: [resolverRules],
      env: { HOME: join(dir, 'home') },
    });
    try {
      const page = await browser.context.newPage();
      await page.goto(`${url}/`);
      const status = await page.evaluate(async (credentials) => {
        const res = await fetch('/api/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(credentials),
        });
        return res.status;
      }, admin);
      expect(status).toBe(200);
      const cookies = await browser.context.cookies(url);
      const session = cookies.find((cookie) => cookie.name === sessionCookie.name);
      expect(session).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict' });
    } finally {
      await browser.close();
    }
  });
});

describe('TLS configuration', () => {
  it('refuses to start with TLS_CERT but no TLS_KEY, or the reverse, listing other problems too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cbhpi-https-'));
    try {
      const onlyCert = startServerProcess({
        DATA_DIR: join(dir, 'data'),
        TLS_CERT: join(dir, 'server.pem'),
        RATE_LIMIT_PER_MINUTE: 'many',
      });
      await expect(onlyCert).rejects.toThrow(
        /CB-HPI could not start: invalid configuration:\n.*RATE_LIMIT_PER_MINUTE: [^\n]+\n {2}TLS_KEY: required when TLS_CERT is set/s,
      );
      const onlyKey = startServerProcess({
        DATA_DIR: join(dir, 'data'),
        TLS_KEY: join(dir, 'server.key'),
      });
      await expect(onlyKey).rejects.toThrow(/TLS_CERT: required when TLS_KEY is set/);
      // It stopped before any database work.
      expect(existsSync(join(dir, 'data'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('refuses to start when a file is missing, is not PEM, or the key is not the certificate’s', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cbhpi-https-'));
    try {
      makeCertificates(join(dir, 'a'));
      makeCertificates(join(dir, 'b'));
      const missing = startServerProcess({
        DATA_DIR: join(dir, 'data'),
        TLS_CERT: join(dir, 'nowhere.pem'),
        TLS_KEY: join(dir, 'a', 'ca.pem'),
      });
      await expect(missing).rejects.toThrow(
        new RegExp(
          `invalid TLS files:\\n {2}TLS_CERT: cannot read ${join(dir, 'nowhere.pem')} \\(ENOENT\\)\\n {2}TLS_KEY: ${join(dir, 'a', 'ca.pem')} is not a PEM private key`,
        ),
      );
      const mismatched = startServerProcess({
        DATA_DIR: join(dir, 'data'),
        TLS_CERT: join(dir, 'a', 'server.pem'),
        TLS_KEY: join(dir, 'b', 'server.key'),
      });
      await expect(mismatched).rejects.toThrow(
        /TLS_KEY: .*b\/server\.key is not the key of the certificate in TLS_CERT/,
      );
      expect(existsSync(join(dir, 'data'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('the local authority is limited to the names it was made for', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cbhpi-https-'));
    try {
      makeCertificates(dir);
      const ca = new X509Certificate(readFileSync(join(dir, 'ca.pem')));
      const leaf = new X509Certificate(readFileSync(join(dir, 'server.pem')));
      expect(leaf.verify(ca.publicKey)).toBe(true);
      expect(leaf.subjectAltName).toBe(`DNS:${host}, IP Address:${address}`);
      expect(leaf.ca).toBe(false);
      expect(ca.ca).toBe(true);
      const text = execFileSync('openssl', [
        'x509',
        '-in',
        join(dir, 'ca.pem'),
        '-noout',
        '-ext',
        'nameConstraints',
      ]).toString();
      expect(text).toMatch(
        new RegExp(`Permitted:\\s+DNS:${host}\\s+IP:${address}/255.255.255.255`),
      );
      // A second run keeps the authority (devices need no reinstall) and signs a new leaf.
      const caBefore = readFileSync(join(dir, 'ca.pem'), 'utf8');
      const leafBefore = createHash('sha256').update(leaf.raw).digest('hex');
      makeCertificates(dir);
      expect(readFileSync(join(dir, 'ca.pem'), 'utf8')).toBe(caBefore);
      const leafAfter = new X509Certificate(readFileSync(join(dir, 'server.pem')));
      expect(createHash('sha256').update(leafAfter.raw).digest('hex')).not.toBe(leafBefore);
      expect(leafAfter.verify(ca.publicKey)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('makes the session cookie Secure by default with TLS, and lets SECURE_COOKIES decide', () => {
    const tls = { TLS_CERT: 'server.pem', TLS_KEY: 'server.key' };
    expect(loadConfig({}).SECURE_COOKIES).toBe(false);
    expect(loadConfig(tls).SECURE_COOKIES).toBe(true);
    expect(loadConfig({ ...tls, SECURE_COOKIES: 'false' }).SECURE_COOKIES).toBe(false);
    expect(loadConfig({ SECURE_COOKIES: 'true' }).SECURE_COOKIES).toBe(true);
    expect(loadConfig({ TLS_CERT: '', TLS_KEY: '' }).SECURE_COOKIES).toBe(false);
  });
});
