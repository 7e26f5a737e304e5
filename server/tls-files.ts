import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Config } from './config.ts';

export type TlsFiles = { cert: Buffer; key: Buffer };

function readNamed(variable: string, path: string, problems: string[]): Buffer | null {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    problems.push(`  ${variable}: cannot read ${path} (${code})`);
    return null;
  }
}

/**
 * Reads and checks TLS_CERT and TLS_KEY before any database work, so a wrong path or a
 * mismatched pair stops the start with every problem named instead of an OpenSSL code at
 * listen time. Null when TLS is off (the config already refused half a pair).
 */
export function readTlsFiles(config: Pick<Config, 'TLS_CERT' | 'TLS_KEY'>): TlsFiles | null {
  if (config.TLS_CERT === undefined || config.TLS_KEY === undefined) return null;
  const problems: string[] = [];
  const cert = readNamed('TLS_CERT', config.TLS_CERT, problems);
  const key = readNamed('TLS_KEY', config.TLS_KEY, problems);
  let certificate: X509Certificate | null = null;
  if (cert) {
    try {
      certificate = new X509Certificate(cert);
    } catch {
      problems.push(`  TLS_CERT: ${config.TLS_CERT} is not a PEM certificate`);
    }
  }
  if (key) {
    try {
      const privateKey = createPrivateKey(key);
      if (certificate && !certificate.checkPrivateKey(privateKey)) {
        problems.push(`  TLS_KEY: ${config.TLS_KEY} is not the key of the certificate in TLS_CERT`);
      }
    } catch {
      problems.push(
        `  TLS_KEY: ${config.TLS_KEY} is not a PEM private key (or it has a passphrase)`,
      );
    }
  }
  if (problems.length > 0 || !cert || !key) {
    throw new Error(`invalid TLS files:\n${problems.join('\n')}`);
  }
  return { cert, key };
}
