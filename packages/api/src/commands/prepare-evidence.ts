import { detectEvidenceKind, parseHttpUrl } from '@dossier/core';
import type { UrlCipher } from '../crypto/url-cipher.js';
import { AppError } from '../errors/app-error.js';

export interface PreparedEvidence {
  url: string;
  urlEncrypted: string;
  urlHash: string;
  kind: ReturnType<typeof detectEvidenceKind>;
  title: string | null;
}

/**
 * Checks that an evidence URL is an absolute http(s) URL (anything else is 422 INVALID_URL naming the field)
 * and computes what is stored: ciphertext, keyed hash and detected kind.
 */
export function prepareEvidence(
  cipher: UrlCipher,
  input: { url: string; title?: string | null; kind?: PreparedEvidence['kind'] },
  field: string,
): PreparedEvidence {
  const parsed = parseHttpUrl(input.url);
  if (!parsed) {
    throw new AppError('INVALID_URL', 'Evidence URL must be an absolute http(s) URL', {
      details: {
        issues: [
          { path: field, message: 'Must be an absolute http:// or https:// URL', code: 'invalid_url' },
        ],
      },
    });
  }
  const url = parsed.toString();
  return {
    url,
    urlEncrypted: cipher.encrypt(url),
    urlHash: cipher.hash(url),
    kind: input.kind ?? detectEvidenceKind(url),
    title: input.title?.trim() || null,
  };
}
