import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  hkdfSync,
  randomBytes,
} from 'node:crypto';

/**
 * Evidence URLs are personal data (they name private repos, employers, drafts). They are stored encrypted
 * with AES-256-GCM; a keyed HMAC of the normalised URL allows look-up and de-duplication without decrypting.
 * Separate sub-keys for encryption and hashing are derived from the one configured key with HKDF.
 */
export interface UrlCipher {
  encrypt(plain: string): string;
  decrypt(token: string): string;
  hash(url: string): string;
}

export function normalizeUrlForHash(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    u.hostname = u.hostname.toLowerCase();
    let out = u.toString();
    if (u.pathname !== '/' && out.endsWith('/') && !u.search) out = out.slice(0, -1);
    return out;
  } catch {
    return url.trim();
  }
}

export function createUrlCipher(masterKey: Buffer): UrlCipher {
  if (masterKey.length !== 32) throw new Error('encryption key must be 32 bytes');
  // A KeyObject is validated once; a raw Buffer key is re-imported on every cipher call (≈4× slower per URL,
  // which adds up on list pages that decrypt dozens of links).
  const encKey = createSecretKey(
    Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'dossier/url-enc/v1', 32)),
  );
  const macKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'dossier/url-mac/v1', 32));
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return `v1:${iv.toString('base64')}:${tag.toString('base64')}:${data.toString('base64')}`;
    },
    decrypt(token) {
      const [version, iv, tag, data] = token.split(':');
      if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('unrecognised ciphertext');
      const decipher = createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
    },
    hash(url) {
      return createHmac('sha256', macKey).update(normalizeUrlForHash(url)).digest('hex');
    },
  };
}
