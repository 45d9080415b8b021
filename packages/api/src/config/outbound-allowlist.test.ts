import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load-config.js';

describe('DOSSIER_OUTBOUND_ALLOWLIST', () => {
  it('is read as a list of hosts and CIDRs, empty by default', () => {
    expect(loadConfig({}).outboundAllowList).toEqual([]);
    const config = loadConfig({
      DOSSIER_OUTBOUND_ALLOWLIST: ' 127.0.0.1/32, intranet.example ,*.corp.example,fd00::/8,',
    });
    expect(config.outboundAllowList).toEqual([
      '127.0.0.1/32',
      'intranet.example',
      '*.corp.example',
      'fd00::/8',
    ]);
  });

  it('fails at start-up naming the variable and the bad entry', () => {
    expect(() => loadConfig({ DOSSIER_OUTBOUND_ALLOWLIST: '10.0.0.0/33' })).toThrow(ConfigError);
    expect(() => loadConfig({ DOSSIER_OUTBOUND_ALLOWLIST: 'ok.example,not a host' })).toThrow(
      /DOSSIER_OUTBOUND_ALLOWLIST: "not a host"/,
    );
  });
});
