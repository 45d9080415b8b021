/**
 * Renders a PostgreSQL array literal for a `?::text[]` / `?::uuid[]` parameter. The ORM's raw `execute`
 * expands a JS array parameter into a list of placeholders, so arrays travel as one literal string instead.
 */
export function pgArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}
