/**
 * Recorded contract responses: a stub for `fetch` that answers the web's API calls from fixtures. Each fixture is
 * passed through the contract's zod schema by the test (`PartyPage.parse({...})`), so a fixture that drifts from
 * the contract fails the test before the component sees it. Requests are recorded so a test can assert what the
 * component sent (method, path, query, JSON body).
 */
import { vi } from 'vitest';

export interface RecordedRequest {
  method: string;
  /** Path without the query, e.g. "/api/v1/parties". */
  path: string;
  query: URLSearchParams;
  body: unknown;
  /** Values of the route's `:name` segments ("GET /api/v1/gstin/:gstin" → { gstin }). */
  params: Record<string, string>;
}

/** A non-2xx answer, as the server's problem+json. */
export interface Problem {
  status: number;
  code: string;
  title?: string;
  detail?: string;
  errors?: { field: string; message: string }[];
}

/** A fixture body, a problem, or a function of the request returning either. */
export type Answer = ((request: RecordedRequest) => unknown) | object | string | number | boolean | null;

const PROBLEM = Symbol('problem');

/** Answer with an error: `problem({ status: 400, code: 'VALIDATION', errors: [...] })`. */
export function problem(init: Problem): Problem & { [PROBLEM]: true } {
  return { ...init, [PROBLEM]: true };
}

function isProblem(value: unknown): value is Problem & { [PROBLEM]: true } {
  return typeof value === 'object' && value !== null && PROBLEM in value;
}

function jsonResponse(status: number, body: unknown, contentType = 'application/json'): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': contentType },
  });
}

/** The route a request matches: an exact key first, then a key with `:name` segments. */
function matchRoute(routes: Record<string, Answer>, method: string, path: string) {
  const exact = `${method} ${path}`;
  if (exact in routes) return { key: exact, params: {} };
  const segments = path.split('/');
  for (const key of Object.keys(routes)) {
    const [routeMethod, routePath = ''] = key.split(' ');
    const routeSegments = routePath.split('/');
    if (routeMethod !== method || routeSegments.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = routeSegments.every((segment, i) => {
      if (segment.startsWith(':')) {
        params[segment.slice(1)] = decodeURIComponent(segments[i] ?? '');
        return true;
      }
      return segment === segments[i];
    });
    if (matches) return { key, params };
  }
  return null;
}

/**
 * Routes are "METHOD /api/v1/path", where a segment may be `:name` ("GET /api/v1/parties/:id"); the query is not
 * part of the key. A function answer gets the
 * request and returns the body (or a problem), so one route can answer per query. An unrouted request fails with
 * 501 and is listed in `unhandled`, so a test can assert nothing unexpected was asked.
 */
export function mockApi(routes: Record<string, Answer>) {
  const requests: RecordedRequest[] = [];
  const unhandled: string[] = [];
  const fetchStub = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      'http://localhost',
    );
    const method = (init.method ?? 'GET').toUpperCase();
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const match = matchRoute(routes, method, url.pathname);
    const request: RecordedRequest = {
      method,
      path: url.pathname,
      query: url.searchParams,
      body,
      params: match?.params ?? {},
    };
    requests.push(request);
    if (!match) {
      const key = `${method} ${url.pathname}`;
      unhandled.push(`${key}${url.search}`);
      return jsonResponse(501, { code: 'NOT_MOCKED', title: `No fixture for ${key}` }, 'application/problem+json');
    }
    const route = routes[match.key];
    const answer = typeof route === 'function' ? (route as (r: RecordedRequest) => unknown)(request) : route;
    if (isProblem(answer)) {
      const { status, ...rest } = answer;
      return jsonResponse(status, { type: 'about:blank', title: 'Error', ...rest }, 'application/problem+json');
    }
    return answer === undefined ? jsonResponse(204, null) : jsonResponse(200, answer);
  });
  vi.stubGlobal('fetch', fetchStub);
  return {
    requests,
    unhandled,
    /** The requests to one "METHOD /api/v1/path". */
    calls: (key: string) => requests.filter((r) => `${r.method} ${r.path}` === key),
  };
}
