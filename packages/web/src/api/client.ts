import { ApiError } from './api-error';
import { clearSession, getSession, setSession } from './session-store';
import type { AuthResponse } from './types';

export { ApiError, errorMessage, isAbortError } from './api-error';

export const API_BASE = '/api/v1';

type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
  /** Send the bearer token and refresh on 401 (default true). Off for login, sign-up and refresh. */
  auth?: boolean;
  headers?: Record<string, string>;
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const url = path.startsWith('/api/') || path.startsWith('/health') ? path : `${API_BASE}${path}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${url}${url.includes('?') ? '&' : '?'}${qs}` : url;
}

// Refresh tokens rotate and a reused one revokes the whole family, so concurrent 401s must share one refresh.
let refreshInFlight: Promise<boolean> | null = null;

async function refreshSession(staleRefreshToken: string): Promise<boolean> {
  const current = getSession();
  if (!current) return false;
  // Another request (or tab) already rotated the tokens after ours was sent: just retry with the new ones.
  if (current.refreshToken !== staleRefreshToken) return true;
  if (!refreshInFlight) {
    refreshInFlight = (async () => {
      try {
        const response = await fetch(buildUrl('/auth/refresh'), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ refreshToken: current.refreshToken }),
        });
        if (!response.ok) return false;
        const auth = (await response.json()) as AuthResponse;
        setSession({ ...auth, user: auth.user ?? current.user });
        return true;
      } catch {
        return false;
      } finally {
        refreshInFlight = null;
      }
    })();
  }
  return refreshInFlight;
}

async function send(
  url: string,
  options: RequestOptions,
  accessToken: string | undefined,
): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    // The browser writes the multipart Content-Type itself, with the boundary; setting it here would drop it.
    body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
  try {
    return await fetch(url, {
      method: options.method ?? 'GET',
      headers,
      ...(body !== undefined ? { body } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw ApiError.network(error);
  }
}

/**
 * Sends a request with the stored bearer token. On a 401 it refreshes the session once and retries; if the
 * refresh fails the session is cleared (which logs the user out) and the 401 is thrown. Non-2xx answers
 * become an {@link ApiError}; the raw successful Response is returned (for downloads).
 */
export async function apiFetch(path: string, options: RequestOptions = {}): Promise<Response> {
  const url = buildUrl(path, options.query);
  const useAuth = options.auth !== false;
  const session = useAuth ? getSession() : null;
  let response = await send(url, options, session?.accessToken);

  if (response.status === 401 && useAuth && session) {
    const refreshed = await refreshSession(session.refreshToken);
    if (!refreshed) {
      const error = await ApiError.fromResponse(response);
      clearSession('expired');
      throw error;
    }
    // A 401 with a freshly refreshed token is about the request itself (say, a wrong password when deleting
    // the account), not the session: it is thrown below without logging the user out.
    response = await send(url, options, getSession()?.accessToken);
  }

  if (!response.ok) throw await ApiError.fromResponse(response);
  return response;
}

/** Sends a request and parses the JSON answer; 204 and empty bodies resolve to `undefined`. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await apiFetch(path, options);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch (cause) {
    const error = new ApiError({
      status: response.status,
      code: 'INVALID_RESPONSE',
      message: 'Dossier sent an answer the app could not read.',
    });
    (error as Error).cause = cause;
    throw error;
  }
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    apiRequest<T>(path, { ...options, method: 'GET' }),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    apiRequest<T>(path, { ...options, method: 'POST', body }),
  patch: <T>(path: string, body: unknown, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    apiRequest<T>(path, { ...options, method: 'PATCH', body }),
  put: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    apiRequest<T>(path, { ...options, method: 'PUT', body }),
  delete: <T = void>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    apiRequest<T>(path, { ...options, method: 'DELETE', body }),
};
