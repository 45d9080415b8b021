import { LlmError } from '@dossier/core';

/**
 * `Retry-After` as milliseconds: delta-seconds (`1`, `1.5`) or an HTTP date; `retry-after-ms` (sent by
 * OpenAI and Anthropic) wins when present. Undefined when absent or unreadable.
 */
export function parseRetryAfter(
  headers: { get(name: string): string | null } | Record<string, string | undefined> | undefined,
  now: () => number = Date.now,
): number | undefined {
  if (!headers) return undefined;
  const get = (name: string): string | null | undefined =>
    typeof headers.get === 'function'
      ? (headers as { get(name: string): string | null }).get(name)
      : (headers as Record<string, string | undefined>)[name];
  const ms = get('retry-after-ms');
  if (ms && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.ceil(Number(ms));
  const value = get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now());
}

const REFUSED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function causeCodes(error: unknown): string[] {
  const codes: string[] = [];
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    e = (e as { cause?: unknown }).cause;
  }
  return codes;
}

const nameOf = (error: unknown) =>
  error && typeof error === 'object'
    ? ((error as { constructor?: { name?: string } }).constructor?.name ?? '')
    : '';

/**
 * Classifies an OpenAI or Anthropic SDK error (or a fetch/JSON failure) as an `LlmError`, so retries, the
 * circuit breaker and the runner's fallback reason all speak one vocabulary. Both SDKs share class names and
 * fields (`status`, `headers`), which is what this reads.
 */
export function mapLlmError(
  error: unknown,
  context: { provider: string; signal?: AbortSignal | undefined; now?: () => number },
): LlmError {
  if (error instanceof LlmError) return error;
  const who = context.provider;
  const message = error instanceof Error ? error.message : String(error);
  const options = { cause: error };
  if (context.signal?.aborted) return new LlmError('aborted', `${who}: call cancelled`, undefined, options);

  const name = nameOf(error);
  if (name === 'APIConnectionTimeoutError')
    return new LlmError('timeout', `${who}: timed out`, undefined, options);
  if (name === 'APIUserAbortError' || (error instanceof Error && error.name === 'AbortError')) {
    return new LlmError('aborted', `${who}: call cancelled`, undefined, options);
  }

  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === 'number') {
    const headers = (error as { headers?: Parameters<typeof parseRetryAfter>[0] }).headers;
    if (status === 429) {
      const retryAfterMs = parseRetryAfter(headers, context.now);
      return new LlmError('rate-limited', `${who}: rate limited (429)`, retryAfterMs, options);
    }
    if (status === 408) return new LlmError('timeout', `${who}: request timeout (408)`, undefined, options);
    if (status >= 500) {
      return new LlmError(
        'server-error',
        `${who}: server error (${status})`,
        parseRetryAfter(headers),
        options,
      );
    }
    // 400/401/403/404/422: the key, model or request is wrong, and asking again will not change that.
    return new LlmError('config', `${who}: request rejected (${status}): ${message}`, undefined, options);
  }

  if (name === 'APIConnectionError') {
    const refused = causeCodes(error).some((code) => REFUSED_CODES.has(code));
    return refused
      ? new LlmError('server-error', `${who}: cannot connect: ${message}`, undefined, options)
      : new LlmError('timeout', `${who}: connection lost: ${message}`, undefined, options);
  }
  if (
    causeCodes(error).some(
      (code) => code === 'ECONNRESET' || code === 'ETIMEDOUT' || code === 'UND_ERR_SOCKET',
    )
  ) {
    return new LlmError('timeout', `${who}: connection lost: ${message}`, undefined, options);
  }
  // What is left is a reply we could not read: a body that is not JSON, an envelope the SDK did not expect.
  return new LlmError('bad-response', `${who}: unreadable reply: ${message}`, undefined, options);
}
