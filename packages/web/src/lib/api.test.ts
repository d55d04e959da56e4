import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, clearSession, onSessionExpired, parseRetryAfter, setSession } from './api';

type Handler = (url: string, init: RequestInit) => Response | Promise<Response>;

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
  });
}

function problem(status: number, code: string, extra: Record<string, unknown> = {}): Response {
  return json(status, { type: 'about:blank', title: 'x', status, detail: `${code} detail`, code, ...extra });
}

function authOf(init: RequestInit): string | undefined {
  return (init.headers as Record<string, string> | undefined)?.Authorization;
}

let calls: { url: string; init: RequestInit }[];

function mockFetch(handler: Handler) {
  calls = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return handler(url, init);
    }),
  );
}

const refreshed = {
  accessToken: 'new-token',
  expiresIn: 900,
  user: { id: 1, name: 'A', email: 'a@b.in', role: 'owner' },
};

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  clearSession();
  onSessionExpired(undefined);
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('api client', () => {
  it('sends the bearer token and same-origin credentials', async () => {
    mockFetch(() => json(200, { ok: true }));
    setSession({ accessToken: 'tok', expiresIn: 900 });
    await api.get('/me');
    expect(calls[0]?.url).toBe('/api/v1/me');
    expect(authOf(calls[0]!.init)).toBe('Bearer tok');
    expect(calls[0]?.init.credentials).toBe('same-origin');
  });

  it('leaves empty query values out of the URL', async () => {
    mockFetch(() => json(200, {}));
    await api.get('/users', { q: '', role: undefined, page: 2, status: 'all' });
    expect(calls[0]?.url).toBe('/api/v1/users?page=2&status=all');
  });

  it('refreshes once for concurrent 401s and retries each request with the new token', async () => {
    let refreshCount = 0;
    mockFetch((url, init) => {
      if (url.endsWith('/auth/session')) {
        refreshCount += 1;
        return json(200, { authenticated: true, ...refreshed });
      }
      return authOf(init) === 'Bearer new-token' ? json(200, { url }) : problem(401, 'UNAUTHENTICATED');
    });
    setSession({ accessToken: 'old-token', expiresIn: 900 });
    const results = await Promise.all([api.get('/a'), api.get('/b'), api.get('/c')]);
    expect(refreshCount).toBe(1);
    expect(results).toEqual([{ url: '/api/v1/a' }, { url: '/api/v1/b' }, { url: '/api/v1/c' }]);
  });

  it('ends the session and reports it when the refresh is refused', async () => {
    mockFetch((url) =>
      url.endsWith('/auth/session') ? json(200, { authenticated: false }) : problem(401, 'UNAUTHENTICATED'),
    );
    const expired = vi.fn();
    onSessionExpired(expired);
    setSession({ accessToken: 'old-token', expiresIn: 900 });
    await expect(api.get('/me')).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('does not refresh on a 401 that is an answer (wrong current password)', async () => {
    mockFetch(() => problem(401, 'INVALID_CREDENTIALS'));
    const expired = vi.fn();
    onSessionExpired(expired);
    setSession({ accessToken: 'tok', expiresIn: 900 });
    await expect(api.post('/me/password', { currentPassword: 'x', newPassword: 'y' })).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
    expect(calls.some((c) => c.url.endsWith('/auth/session'))).toBe(false);
    expect(expired).not.toHaveBeenCalled();
  });

  it('turns problem+json into ApiError with field errors and Retry-After', async () => {
    mockFetch(() => problem(429, 'TOO_MANY_ATTEMPTS', { errors: [{ field: 'email', message: 'slow down' }] }));
    const error = await api.post('/auth/login', {}, { skipRefresh: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, code: 'TOO_MANY_ATTEMPTS', detail: 'TOO_MANY_ATTEMPTS detail' });
    expect((error as ApiError).fieldErrors()).toEqual({ email: 'slow down' });
  });

  it('reads Retry-After from the response', async () => {
    mockFetch(() => problem(429, 'TOO_MANY_ATTEMPTS', {}));
    vi.mocked(fetch).mockResolvedValueOnce(
      new Response(JSON.stringify({ code: 'TOO_MANY_ATTEMPTS', detail: 'wait' }), {
        status: 429,
        headers: { 'Retry-After': '120' },
      }),
    );
    await expect(api.post('/auth/login', {}, { skipRefresh: true })).rejects.toMatchObject({ retryAfter: 120 });
  });

  it('reports an unreachable server as NETWORK_ERROR', async () => {
    mockFetch(() => {
      throw new TypeError('fetch failed');
    });
    await expect(api.get('/me')).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
  });

  it('resolves 204 to undefined', async () => {
    mockFetch(() => new Response(null, { status: 204 }));
    await expect(api.delete('/api-keys/1')).resolves.toBeUndefined();
  });

  it('refreshes silently a minute before the token expires', async () => {
    mockFetch((url) =>
      url.endsWith('/auth/session') ? json(200, { authenticated: true, ...refreshed }) : json(200, {}),
    );
    setSession({ accessToken: 'tok', expiresIn: 900 });
    await vi.advanceTimersByTimeAsync(839_000);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls.map((c) => c.url)).toEqual(['/api/v1/auth/session']);
    await api.get('/me');
    expect(authOf(calls[1]!.init)).toBe('Bearer new-token');
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('30')).toBe(30);
    expect(parseRetryAfter(null)).toBeUndefined();
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:02:00 GMT', now)).toBe(120);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
