import { apiFetch, type RequestOptions } from './client';

function filenameFrom(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain parameter
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain?.[1]?.trim() || undefined;
}

/**
 * Downloads an authenticated resource: a plain link cannot carry the bearer header, so the file is fetched,
 * turned into an object URL and handed to a temporary `a[download]`.
 */
export function downloadFile(path: string, fallbackName: string, query?: Record<string, string>) {
  return downloadResponse(path, fallbackName, query ? { query } : {});
}

/** Like {@link downloadFile}, for any request: `POST /export/:id {format}` answers with the file itself. */
export async function downloadResponse(path: string, fallbackName: string, options: RequestOptions) {
  const response = await apiFetch(path, options);
  const blob = await response.blob();
  const name = filenameFrom(response.headers.get('Content-Disposition')) ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  anchor.rel = 'noopener';
  anchor.style.display = 'none';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Some browsers read the URL asynchronously after click(); revoke once they have.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
