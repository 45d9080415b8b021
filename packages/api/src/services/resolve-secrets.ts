import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '../config/load-config.js';
import { ConfigError, decodeKey } from '../config/load-config.js';

export interface Secrets {
  encryptionKey: Buffer;
  jwtSecret: string;
}

/**
 * Keys come from the environment; on the embedded default a key file (mode 0600) in the data directory is
 * created once and reused, so `npm start` needs no configuration and restarts keep data readable.
 */
export function resolveSecrets(config: AppConfig): Secrets {
  if (config.encryptionKey && config.jwtSecret) {
    return { encryptionKey: config.encryptionKey, jwtSecret: config.jwtSecret };
  }
  if (config.env === 'production') {
    throw new ConfigError('DOSSIER_ENCRYPTION_KEY and DOSSIER_JWT_SECRET must be set in production');
  }
  const dir = path.resolve(config.dataDir);
  const file = path.join(dir, 'keys.json');
  let stored: { encryptionKey?: string; jwtSecret?: string } = {};
  if (existsSync(file)) {
    try {
      stored = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      throw new ConfigError(`${file} is not valid JSON; restore it or set DOSSIER_ENCRYPTION_KEY`);
    }
  }
  let changed = false;
  if (!stored.encryptionKey) {
    stored.encryptionKey = randomBytes(32).toString('hex');
    changed = true;
  }
  if (!stored.jwtSecret) {
    stored.jwtSecret = randomBytes(48).toString('base64url');
    changed = true;
  }
  if (changed) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return {
    encryptionKey: config.encryptionKey ?? decodeKey(stored.encryptionKey, `${file} encryptionKey`),
    jwtSecret: config.jwtSecret ?? stored.jwtSecret,
  };
}
