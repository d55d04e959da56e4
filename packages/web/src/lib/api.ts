/**
 * The API client. The access token lives only in this module's memory: never in localStorage or a cookie the page
 * can read, so a script injected into the page cannot lift it from storage. The refresh token is an HttpOnly cookie
 * scoped to /api/v1/auth that this code never sees; POST /api/v1/auth/refresh trades it for a new access token.
 *
 * - Every request sends `Authorization: Bearer <token>` and `credentials: 'same-origin'`.
 * - A 401 triggers one refresh (concurrent 401s share it), then the request is retried once.
 * - If the refresh fails, the session is cleared and `onSessionExpired` (set by the auth provider) sends the user
 *   to /login.
 * - A timer refreshes ~60 s before the token expires, so an idle tab does not meet a 401 at all.
 * - Errors are problem+json and surface as ApiError with the stable `code` and per-field `errors`.
 */
import type { ErrorCode } from '@bizdash/contracts/errors';
import type { LoginResult, SessionResult } from '@bizdash/contracts/auth';

export const API_BASE = '/api/v1';

/** Refresh this many seconds before the access token runs out. */
const REFRESH_LEAD_SECONDS = 60;

export interface FieldError {
  field: string;
  message: string;
}

/** A failed API call: the problem+json body, or a stand-in when the server could not be reached. */
export class ApiError extends Error {
  readonly status: number;
  /** Stable BizDash code ("EMAIL_TAKEN"); NETWORK_ERROR when the request never got an answer. */
  readonly code: ErrorCode | 'NETWORK_ERROR' | 'UNKNOWN';
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldError[];
  readonly details: Record<string, unknown>;
  readonly requestId: string | undefined;
  /** Seconds from the Retry-After header, when the server sent one (429). */
  readonly retryAfter: number | undefined;

  constructor(init: {
    status: number;
    code: ApiError['code'];
    title: string;
    detail: string;
    errors?: FieldError[];
    details?: Record<string, unknown>;
    requestId?: string | undefined;
    retryAfter?: number | undefined;
  }) {
    super(init.detail || init.title);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.details = init.details ?? {};
    this.requestId = init.requestId;
    this.retryAfter = init.retryAfter;
  }

  /** Messages keyed by field path ("owner.email", "email"), the first one for each field. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const { field, message } of this.errors) out[field] ??= message;
    return out;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

// --- session state (module memory only) -------------------------------------------------------------------

let accessToken: string | null = null;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let refreshInFlight: Promise<RefreshOutcome> | null = null;
let sessionExpiredHandler: (() => void) | undefined;
let sessionRefreshedHandler: ((result: LoginResult) => void) | undefined;

/** Called once when a refresh fails after having been logged in: the auth provider routes to /login. */
export function onSessionExpired(handler: (() => void) | undefined): void {
  sessionExpiredHandler = handler;
}

/** Called after every successful refresh (e.g. to keep the cached user summary fresh). */
export function onSessionRefreshed(handler: ((result: LoginResult) => void) | undefined): void {
  sessionRefreshedHandler = handler;
}

export function hasSession(): boolean {
  return accessToken !== null;
}

/** Store a fresh access token (from login or refresh) and schedule the next silent refresh. */
export function setSession(result: Pick<LoginResult, 'accessToken' | 'expiresIn'>): void {
  accessToken = result.accessToken;
  scheduleRefresh(Math.max(result.expiresIn - REFRESH_LEAD_SECONDS, Math.min(result.expiresIn / 2, 10), 5));
}

function scheduleRefresh(delaySeconds: number): void {
  if (refreshTimer !== undefined) clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => {
    refreshTimer = undefined;
    void refreshOutcome().then((outcome) => {
      if (outcome === 'rejected') expireSession();
      // Server unreachable (restart, flaky Wi-Fi): try again shortly; the current token may still be valid.
      else if (outcome === 'unreachable' && accessToken !== null) scheduleRefresh(15);
    });
  }, delaySeconds * 1000);
}

/** Forget the access token and stop the refresh timer. */
export function clearSession(): void {
  accessToken = null;
  if (refreshTimer !== undefined) clearTimeout(refreshTimer);
  refreshTimer = undefined;
}

function expireSession(): void {
  const wasLoggedIn = accessToken !== null;
  clearSession();
  if (wasLoggedIn) {
    if (sessionExpiredHandler) sessionExpiredHandler();
    else if (typeof window !== 'undefined' && window.location.pathname !== '/login') window.location.assign('/login');
  }
}

type RefreshOutcome = LoginResult | 'rejected' | 'unreachable';

/**
 * Trade the refresh cookie for a new access token. Resolves to null when there is no valid refresh cookie (or the
 * server cannot be reached).
 */
export async function refreshSession(): Promise<LoginResult | null> {
  const outcome = await refreshOutcome();
  return typeof outcome === 'string' ? null : outcome;
}

/**
 * Concurrent callers share one request; across tabs the Web Locks API (where the page is a secure context) keeps
 * two tabs from spending the same rotating refresh token at once.
 */
function refreshOutcome(): Promise<RefreshOutcome> {
  refreshInFlight ??= withRefreshLock(doRefresh).finally(() => {
    refreshInFlight = null;
  });
  return refreshInFlight;
}

async function withRefreshLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return fn();
  return locks.request('bizdash-auth-refresh', fn);
}

async function doRefresh(): Promise<RefreshOutcome> {
  let response: Response;
  try {
    // /auth/session rather than /auth/refresh: it answers 200 { authenticated: false } when there is no session, so a
    // signed-out visit does not log a failed request in the console.
    response = await fetch(`${API_BASE}/auth/session`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
    });
  } catch {
    return 'unreachable';
  }
  if (response.status >= 500 || response.status === 0) return 'unreachable';
  if (!response.ok) return 'rejected';
  let result: SessionResult;
  try {
    result = (await response.json()) as SessionResult;
  } catch {
    return 'unreachable';
  }
  if (!result.authenticated) return 'rejected';
  const { authenticated: _authenticated, ...session } = result;
  setSession(session);
  sessionRefreshedHandler?.(session);
  return session;
}

// --- requests -------------------------------------------------------------------------------------------------

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** JSON body. */
  body?: unknown;
  /** Query parameters; null, undefined and '' are left out. */
  query?: Record<string, QueryValue>;
  signal?: AbortSignal | undefined;
  /** Don't refresh-and-retry on 401 (login, setup: a 401 there is an answer, not an expired token). */
  skipRefresh?: boolean;
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const url = `${API_BASE}${path}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${url}?${qs}` : url;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
  const init: RequestInit = {
    method: options.method ?? 'GET',
    headers,
    credentials: 'same-origin',
    signal: options.signal ?? null,
  };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  try {
    return await fetch(buildUrl(path, options.query), init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw networkError();
  }
}

/**
 * A 401 means "your access token is missing or expired" only when its code says so (or it has no code). Other
 * 401 answers (a wrong current password, a wrong TOTP code) are results to show, not reasons to refresh.
 */
async function isExpiredTokenAnswer(response: Response): Promise<boolean> {
  if (response.status !== 401) return false;
  try {
    const body: unknown = await response.clone().json();
    return !isProblem(body) || body.code === 'UNAUTHENTICATED';
  } catch {
    return true;
  }
}

/** Sends with the session's token, refreshing once on an expired token; resolves to the 2xx Response. */
async function authorizedFetch(path: string, options: RequestOptions): Promise<Response> {
  const tokenAtSend = accessToken;
  let response = await send(path, options);
  if (!options.skipRefresh && tokenAtSend !== null && (await isExpiredTokenAnswer(response))) {
    // Another request may already have refreshed while this one was in flight; then just retry.
    const alreadyRefreshed = accessToken !== null && accessToken !== tokenAtSend;
    if (!alreadyRefreshed) {
      if (accessToken === null) throw await toApiError(response); // logged out meanwhile
      const outcome = await refreshOutcome();
      if (outcome === 'unreachable') throw networkError();
      if (outcome === 'rejected') {
        expireSession();
        throw await toApiError(response);
      }
    }
    response = await send(path, options);
    if (await isExpiredTokenAnswer(response)) expireSession();
  }
  if (!response.ok) throw await toApiError(response);
  return response;
}

/** Call the API; resolves to the parsed JSON body (undefined for 204) or throws ApiError. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await authorizedFetch(path, options);
  // `as T`: the caller names the response type from the contract; the server validates what it sends.
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  // A 2xx without a body is as good as a 204.
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * A binary answer (PDF, XLSX, CSV, a picture). Links cannot carry the in-memory token, so files are fetched here
 * and handed to the page as a Blob (for an object URL or a download).
 */
export async function apiBlob(
  path: string,
  query?: Record<string, QueryValue>,
  signal?: AbortSignal,
): Promise<{ blob: Blob; fileName: string | null }> {
  const response = await authorizedFetch(path, { query, signal });
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  return { blob: await response.blob(), fileName: match?.[1] ? decodeURIComponent(match[1]) : null };
}

/** Saves a Blob through the browser's download. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** POSTs a JSON body and saves the binary answer (a zip of selected PDFs) through the browser's download. */
export async function downloadPosted(path: string, body: unknown, fallbackName = 'download'): Promise<void> {
  const response = await authorizedFetch(path, { method: 'POST', body });
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  saveBlob(await response.blob(), match?.[1] ? decodeURIComponent(match[1]) : fallbackName);
}

/** Fetches a file and saves it through the browser's download. */
export async function downloadFile(
  path: string,
  query?: Record<string, QueryValue>,
  fallbackName = 'download',
): Promise<void> {
  const { blob, fileName } = await apiBlob(path, query);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName ?? fallbackName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export interface UploadOptions {
  query?: Record<string, QueryValue>;
  method?: 'POST' | 'PUT';
  /** For a raw body; FormData sets its own multipart type. */
  contentType?: string;
  /** Fraction sent, 0 to 1. */
  onProgress?: (fraction: number) => void;
}

/**
 * Uploads a file with progress. fetch() cannot report upload progress, so this one call uses XMLHttpRequest; a 401
 * refreshes the session once and retries, like every other call.
 */
export async function uploadWithProgress<T>(
  path: string,
  body: Blob | FormData,
  options: UploadOptions = {},
): Promise<T> {
  const attempt = () =>
    new Promise<{ status: number; text: string; headers: string }>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(options.method ?? 'POST', buildUrl(path, options.query));
      xhr.withCredentials = true;
      xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
      if (accessToken) xhr.setRequestHeader('Authorization', `Bearer ${accessToken}`);
      if (options.contentType) xhr.setRequestHeader('Content-Type', options.contentType);
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable) options.onProgress?.(event.loaded / event.total);
      };
      xhr.onload = () => resolve({ status: xhr.status, text: xhr.responseText, headers: xhr.getAllResponseHeaders() });
      xhr.onerror = () => reject(networkError());
      xhr.send(body);
    });
  let result = await attempt();
  if (result.status === 401 && accessToken !== null) {
    const outcome = await refreshOutcome();
    if (outcome !== 'rejected' && outcome !== 'unreachable') result = await attempt();
  }
  const response = new Response(result.text || null, {
    status: result.status,
    headers: { 'Content-Type': /content-type:\s*([^\r\n]+)/i.exec(result.headers)?.[1] ?? 'application/json' },
  });
  if (!response.ok) throw await toApiError(response);
  options.onProgress?.(1);
  return (result.text ? JSON.parse(result.text) : undefined) as T;
}

function networkError(): ApiError {
  return new ApiError({
    status: 0,
    code: 'NETWORK_ERROR',
    title: 'Cannot reach BizDash',
    detail: 'The server did not answer. Check your connection and try again.',
  });
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfterHeader = response.headers.get('Retry-After');
  const retryAfter = parseRetryAfter(retryAfterHeader);
  let body: unknown;
  try {
    body = await response.clone().json();
  } catch {
    body = undefined;
  }
  if (isProblem(body)) {
    return new ApiError({
      status: response.status,
      code: body.code as ApiError['code'],
      title: body.title ?? response.statusText,
      detail: body.detail ?? body.title ?? `Request failed (${response.status})`,
      errors: Array.isArray(body.errors) ? body.errors.filter(isFieldError) : [],
      details: isRecord(body.details) ? body.details : {},
      requestId: typeof body.requestId === 'string' ? body.requestId : undefined,
      retryAfter,
    });
  }
  return new ApiError({
    status: response.status,
    code: response.status === 401 ? 'UNAUTHENTICATED' : response.status >= 500 ? 'INTERNAL' : 'UNKNOWN',
    title: response.statusText || 'Request failed',
    detail:
      response.status >= 500
        ? 'The server had a problem. Try again in a moment.'
        : `The request failed (HTTP ${response.status}).`,
    retryAfter,
  });
}

interface ProblemLike {
  code: string;
  title?: string;
  detail?: string;
  errors?: unknown[];
  details?: unknown;
  requestId?: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isProblem(value: unknown): value is ProblemLike {
  return isRecord(value) && typeof value.code === 'string';
}

function isFieldError(value: unknown): value is FieldError {
  return isRecord(value) && typeof value.field === 'string' && typeof value.message === 'string';
}

/** Retry-After is either seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) =>
    apiRequest<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    apiRequest<T>(path, { ...options, method: 'POST', body }),
  patch: <T>(path: string, body: unknown) => apiRequest<T>(path, { method: 'PATCH', body }),
  put: <T>(path: string, body: unknown) => apiRequest<T>(path, { method: 'PUT', body }),
  delete: <T = void>(path: string) => apiRequest<T>(path, { method: 'DELETE' }),
};
