/** The `next` query parameter, if it is a same-origin path (never `//evil.example` or a full URL). */
export function readNextPath(search: string): string {
  const next = new URLSearchParams(search).get('next');
  if (next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')) return next;
  return '/';
}
