import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createUrlCipher } from './url-cipher.js';

describe('url cipher', () => {
  const cipher = createUrlCipher(randomBytes(32));

  it('round-trips and never repeats a ciphertext', () => {
    const url = 'https://github.com/private/repo?token=abc';
    const a = cipher.encrypt(url);
    const b = cipher.encrypt(url);
    expect(a).not.toBe(b);
    expect(a).not.toContain('github');
    expect(cipher.decrypt(a)).toBe(url);
  });

  it('detects tampering', () => {
    const token = cipher.encrypt('https://example.test/');
    const parts = token.split(':');
    const data = Buffer.from(parts[3]!, 'base64');
    data[0] = data[0]! ^ 1;
    parts[3] = data.toString('base64');
    expect(() => cipher.decrypt(parts.join(':'))).toThrow();
  });

  it('hashes equivalent URLs alike and is keyed', () => {
    expect(cipher.hash('https://Example.test/a#frag')).toBe(cipher.hash('https://example.test/a'));
    expect(cipher.hash('https://example.test/a')).not.toBe(cipher.hash('https://example.test/b'));
    expect(createUrlCipher(randomBytes(32)).hash('https://example.test/a')).not.toBe(
      cipher.hash('https://example.test/a'),
    );
  });
});
