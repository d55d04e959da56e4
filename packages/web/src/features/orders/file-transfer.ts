/**
 * Multipart uploads (with progress) and authenticated binary downloads for order files and comment attachments.
 *
 * Why this exists beside lib/api.ts: that client speaks JSON only and keeps the access token private to its module.
 * Files need the same bearer token, so this module obtains one through the public `refreshSession()` (which also
 * hands the fresh token to lib/api.ts) and keeps it until it expires or the server answers 401.
 * TODO(lead): replace with an `apiFetch`/`getAccessToken` export from lib/api.ts when it gains one.
 */
import { ApiError, API_BASE, refreshSession } from '../../lib/api';

let cached: { token: string; expiresAt: number } | null = null;

async function token(forceFresh = false): Promise<string> {
  if (!forceFresh && cached && cached.expiresAt - Date.now() > 30_000) return cached.token;
  const session = await refreshSession();
  if (!session) {
    throw new ApiError({
      status: 401,
      code: 'UNAUTHENTICATED',
      title: 'Signed out',
      detail: 'Your session has ended. Sign in again.',
    });
  }
  cached = { token: session.accessToken, expiresAt: Date.now() + session.expiresIn * 1000 };
  return session.accessToken;
}

/** API paths from the server ("/api/v1/orders/…") or relative ones ("/orders/…"). */
function absolute(path: string): string {
  return path.startsWith('/api/') ? path : `${API_BASE}${path}`;
}

function problemFrom(status: number, text: string): ApiError {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (typeof body === 'object' && body !== null && 'code' in body) {
    const p = body as {
      code: ApiError['code'];
      title?: string;
      detail?: string;
      details?: Record<string, unknown>;
      errors?: { field: string; message: string }[];
    }; // problem+json from our own server
    return new ApiError({
      status,
      code: p.code,
      title: p.title ?? 'Request failed',
      detail: p.detail ?? p.title ?? `Request failed (${status})`,
      errors: p.errors ?? [],
      details: p.details ?? {},
    });
  }
  return new ApiError({
    status,
    code: status >= 500 ? 'INTERNAL' : status === 0 ? 'NETWORK_ERROR' : 'UNKNOWN',
    title: 'Request failed',
    detail: status === 0 ? 'The server did not answer.' : `The request failed (HTTP ${status}).`,
  });
}

function sendMultipart<T>(
  path: string,
  form: FormData,
  authToken: string,
  onProgress?: (fraction: number) => void,
): Promise<{ status: number; body: T | undefined; text: string }> {
  return new Promise((resolve) => {
    // XMLHttpRequest, not fetch: fetch cannot report upload progress.
    const xhr = new XMLHttpRequest();
    xhr.open('POST', absolute(path));
    xhr.setRequestHeader('Authorization', `Bearer ${authToken}`);
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && onProgress) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      let body: T | undefined;
      try {
        body = xhr.responseText ? (JSON.parse(xhr.responseText) as T) : undefined; // typed by the contract
      } catch {
        body = undefined;
      }
      resolve({ status: xhr.status, body, text: xhr.responseText });
    };
    xhr.onerror = () => resolve({ status: 0, body: undefined, text: '' });
    xhr.send(form);
  });
}

/** POST files as multipart field "file"; resolves to the JSON answer or throws ApiError. */
export async function uploadFiles<T>(
  path: string,
  files: readonly File[],
  onProgress?: (fraction: number) => void,
): Promise<T> {
  const form = new FormData();
  for (const file of files) form.append('file', file, file.name);
  let result = await sendMultipart<T>(path, form, await token(), onProgress);
  if (result.status === 401) result = await sendMultipart<T>(path, form, await token(true), onProgress);
  if (result.status < 200 || result.status >= 300 || result.body === undefined) {
    throw problemFrom(result.status, result.text);
  }
  return result.body;
}

/** GET a file with the bearer token, as a Blob (for object URLs: previews and downloads). */
export async function fetchFileBlob(path: string, signal?: AbortSignal): Promise<Blob> {
  const get = async (authToken: string) =>
    fetch(absolute(path), {
      headers: { Authorization: `Bearer ${authToken}` },
      credentials: 'same-origin',
      signal: signal ?? null,
    });
  let response = await get(await token());
  if (response.status === 401) response = await get(await token(true));
  if (!response.ok) throw problemFrom(response.status, await response.text());
  return response.blob();
}

/** Downloads a file under its original name through a temporary object URL. */
export async function downloadFile(path: string, fileName: string): Promise<void> {
  const blob = await fetchFileBlob(path);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the URL is released.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
