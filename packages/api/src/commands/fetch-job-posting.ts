import { isGuardError } from '@dossier/core';
import { AppError } from '../errors/app-error.js';
import type { Services } from '../services/create-services.js';

export type PostingMediaType = 'text/html' | 'text/plain' | 'text/markdown';

function postingMediaType(contentType: string | undefined, body: string): PostingMediaType | null {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'text/html';
  if (type === 'text/plain' || type === 'text/markdown') return type;
  // Servers that send no type: a page that opens like markup is HTML, anything else plain text.
  if (type === '' || type === 'application/octet-stream')
    return /^\s*</.test(body) ? 'text/html' : 'text/plain';
  return null;
}

/**
 * Fetches a job posting through the SSRF guard. A refusal (private address, scheme, port, redirects, size,
 * time) is 422 INVALID_URL with the guard's code as `details.reason`; a page that cannot be fetched or is not
 * text is 422 UNPROCESSABLE.
 */
export async function fetchJobPosting({
  services,
  url,
  signal,
}: {
  services: Services;
  url: string;
  signal?: AbortSignal;
}): Promise<{ mediaType: PostingMediaType; text: string; finalUrl: string }> {
  let res: Awaited<ReturnType<Services['http']>>;
  try {
    res = await services.http(url, {
      headers: { accept: 'text/html,application/xhtml+xml,text/plain;q=0.9,text/markdown;q=0.9,*/*;q=0.1' },
      ...(signal ? { signal } : {}),
    });
  } catch (err) {
    if (isGuardError(err)) {
      throw new AppError('INVALID_URL', `The URL cannot be fetched: ${err.message}`, {
        details: { reason: err.code, issues: [{ path: 'body.url', message: err.message, code: err.code }] },
      });
    }
    const e = err as { code?: string; cause?: { code?: string } };
    throw new AppError('UNPROCESSABLE', 'The URL could not be fetched', {
      details: { code: 'FETCH_FAILED', cause: e.cause?.code ?? e.code ?? 'network error' },
    });
  }
  if (res.status < 200 || res.status > 299) {
    throw new AppError('UNPROCESSABLE', `The URL answered HTTP ${res.status}`, {
      details: { code: 'FETCH_FAILED', status: res.status },
    });
  }
  const text = await res.text();
  const mediaType = postingMediaType(res.headers['content-type'], text);
  if (!mediaType) {
    throw new AppError('UNPROCESSABLE', 'The URL is not a web page or text', {
      details: { code: 'UNSUPPORTED_MEDIA_TYPE', mediaType: res.headers['content-type'] },
    });
  }
  return { mediaType, text, finalUrl: res.url };
}
