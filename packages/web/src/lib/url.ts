/** True for absolute http(s) URLs, the only kind evidence links may have. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** An href safe to render for user-supplied URLs (never `javascript:` and friends). */
export function safeHref(value: string | null | undefined): string | undefined {
  return value && isHttpUrl(value) ? value : undefined;
}

/** `github.com/acme/api` — a short display form of a URL. */
export function displayUrl(value: string): string {
  try {
    const url = new URL(value);
    const path = url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '');
    return `${url.host.replace(/^www\./, '')}${path}${url.search}`;
  } catch {
    return value;
  }
}
