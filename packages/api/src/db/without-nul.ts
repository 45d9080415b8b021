/**
 * PostgreSQL stores no NUL character (U+0000) in `text` or `jsonb`: a value carrying one fails the whole
 * statement. JSON bodies that carry one are refused at validation (`findNulCharacters`); text the user did not
 * type (a parsed file, a fetched page, a model's reply) has them removed with `withoutNul` before it is stored.
 */
const NUL = '\u0000';

/** A copy of a JSON-like value with every NUL removed from its strings and keys. */
export function withoutNul<T>(value: T): T {
  if (typeof value === 'string') return (value.includes(NUL) ? value.replaceAll(NUL, '') : value) as T;
  if (Array.isArray(value)) return value.map((v) => withoutNul(v)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [withoutNul(k), withoutNul(v)])) as T;
  }
  return value;
}

/** The dotted paths of every string (or key) in a JSON value that holds a NUL, at most `max` of them. */
export function findNulCharacters(value: unknown, prefix: string, max = 20): string[] {
  const found: string[] = [];
  // Iterative, so a deeply nested body cannot overflow the stack.
  const stack: Array<[unknown, string]> = [[value, prefix]];
  while (stack.length && found.length < max) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes(NUL)) found.push(path);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}.${i}`]);
    } else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v).reverse()) {
        // A key with a NUL is reported in its place (as if it were a string holding one).
        stack.push([k.includes(NUL) ? NUL : child, `${path}.${k}`]);
      }
    }
  }
  return found;
}
