import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load-config.js';

describe('loadConfig', () => {
  it('has working defaults for the embedded setup', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 8080,
      dataDir: './.dossier',
      rateLimitPerHour: 100,
      bodyLimitBytes: 10 * 1024 * 1024,
    });
    expect(c.databaseUrl).toBeUndefined();
    expect(Object.values(c.features).every(Boolean)).toBe(true);
  });

  it('names the offending variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DOSSIER_ENCRYPTION_KEY: 'too-short' })).toThrow(
      /DOSSIER_ENCRYPTION_KEY must be 32 bytes/,
    );
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
  });

  it('requires real secrets in production with an external database', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x' })).toThrow(
      ConfigError,
    );
    const ok = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db/x',
      DOSSIER_ENCRYPTION_KEY: 'ab'.repeat(32),
      DOSSIER_JWT_SECRET: 'x'.repeat(32),
    });
    expect(ok.encryptionKey?.length).toBe(32);
  });
});
