import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const usage = `A local certificate authority and a server certificate, for HTTPS on a LAN with no domain.

  npm run tls:local -- --host kiosk.lan --ip 192.168.1.10 [--host … --ip …] [--out ./data/tls]

Writes into --out (default ./data/tls): ca.pem (install it on every kiosk and phone), ca.key
(keep it secret, never copy it to a device), server.pem and server.key (TLS_CERT and TLS_KEY).
An existing authority is kept, so a new server certificate needs no reinstall on the devices;
it may sign only the names and addresses it was first made for (delete --out to start over).`;

class UsageError extends Error {}

function openssl(args: string[], cwd: string) {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** The same openssl commands README.md "Serving over HTTPS" gives to type by hand. */
function makeLocalCertificates(options: { hosts: string[]; ips: string[]; out: string }) {
  const { hosts, ips } = options;
  const out = resolve(options.out);
  mkdirSync(out, { recursive: true, mode: 0o700 });
  const names = [...hosts.map((h) => `DNS:${h}`), ...ips.map((ip) => `IP:${ip}`)];
  const madeAuthority = !existsSync(join(out, 'ca.pem'));
  if (madeAuthority) {
    // Name constraints: a device that trusts this authority trusts it for these names only,
    // so a stolen ca.key cannot impersonate a bank to the kiosks.
    const permitted = [
      ...hosts.map((h) => `permitted;DNS:${h}`),
      ...ips.map(
        (ip) =>
          `permitted;IP:${ip}/${isIP(ip) === 6 ? `${'FFFF:'.repeat(7)}FFFF` : '255.255.255.255'}`,
      ),
    ].join(',');
    openssl(
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-noenc',
        '-keyout',
        'ca.key',
        '-out',
        'ca.pem',
        '-days',
        '3650',
        '-subj',
        `/CN=CB-HPI local authority (${hosts[0] ?? ips[0]})`,
        '-addext',
        'basicConstraints=critical,CA:TRUE,pathlen:0',
        '-addext',
        'keyUsage=critical,keyCertSign,cRLSign',
        '-addext',
        `nameConstraints=critical,${permitted}`,
      ],
      out,
    );
    chmodSync(join(out, 'ca.key'), 0o600);
  }
  writeFileSync(
    join(out, 'server.ext'),
    [
      `subjectAltName=${names.join(',')}`,
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=serverAuth',
      '',
    ].join('\n'),
  );
  openssl(
    [
      'req',
      '-new',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-noenc',
      '-keyout',
      'server.key',
      '-out',
      'server.csr',
      '-subj',
      `/CN=${hosts[0] ?? ips[0]}`,
    ],
    out,
  );
  chmodSync(join(out, 'server.key'), 0o600);
  // 397 days: the longest validity Apple and Chromium accept for a server certificate.
  openssl(
    [
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-set_serial',
      `0x${randomBytes(16).toString('hex')}`,
      '-days',
      '397',
      '-extfile',
      'server.ext',
      '-out',
      'server.pem',
    ],
    out,
  );
  rmSync(join(out, 'server.csr'));
  rmSync(join(out, 'server.ext'));
  return { out, madeAuthority };
}

function main(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: 'string', multiple: true, default: [] },
      ip: { type: 'string', multiple: true, default: [] },
      out: { type: 'string', default: './data/tls' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return console.log(usage);
  const hosts = values.host;
  const ips = values.ip;
  if (hosts.length + ips.length === 0) throw new UsageError('give at least one --host or --ip');
  for (const ip of ips) if (!isIP(ip)) throw new UsageError(`--ip ${ip} is not an IP address`);
  for (const host of hosts) {
    if (!/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i.test(host) || isIP(host))
      throw new UsageError(`--host ${host} is not a host name (an address goes in --ip)`);
  }
  const { out, madeAuthority } = makeLocalCertificates({ hosts, ips, out: values.out });
  console.log(
    [
      madeAuthority
        ? `made a new authority: install ${join(out, 'ca.pem')} on every kiosk and phone`
        : `kept the authority in ${join(out, 'ca.pem')} (already installed devices need nothing)`,
      `certificate for ${[...hosts, ...ips].join(', ')}; start the server with:`,
      `  TLS_CERT=${join(out, 'server.pem')} TLS_KEY=${join(out, 'server.key')} HOST=0.0.0.0 npm start`,
    ].join('\n'),
  );
}

try {
  main(process.argv.slice(2));
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(error instanceof UsageError ? `${message}\n\n${usage}` : `tls:local: ${message}`);
  process.exit(1);
}
