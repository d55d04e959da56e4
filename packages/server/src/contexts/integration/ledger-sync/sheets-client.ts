import { SignJWT, importPKCS8 } from 'jose';
import { RetryLaterError } from '../../../platform/jobs/queue-types';

/**
 * A small Google Sheets API v4 client for a service account: the access token is a JWT (RS256, signed with the
 * account's key) exchanged at the token endpoint with the jwt-bearer grant, cached until a minute before expiry.
 * Base URLs are configurable so tests point it at a local fake. A 429 or 503 becomes a RetryLaterError carrying
 * Retry-After, so the job queue waits instead of counting a failure against the sync.
 */
export interface SheetsAccount {
  spreadsheetId: string;
  serviceAccountEmail: string;
  privateKey: string;
  tokenUrl: string;
  apiBaseUrl: string;
}

export interface AppendResult {
  /** 1-based row number of the first appended row. */
  firstRow: number;
  rows: number;
}

export class SheetsHttpError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'SheetsHttpError';
  }
}

const SCOPE = 'https://www.googleapis.com/auth/spreadsheets';
const DEFAULT_RETRY_MS = 30_000;
const REQUEST_TIMEOUT_MS = 30_000;

interface CachedToken {
  token: string;
  expiresAt: number;
}

/** Access tokens per service account + token URL, shared by every client made in this process. */
const tokenCache = new Map<string, CachedToken>();

function retryAfterMs(header: string | null): number {
  if (!header) return DEFAULT_RETRY_MS;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? DEFAULT_RETRY_MS : Math.max(0, at - Date.now());
}

/** "Sales!A12:K14" -> 12 (the first row of a returned range). */
export function firstRowOf(range: string): number {
  const match = /![A-Z]+(\d+)/.exec(range);
  if (!match?.[1]) throw new Error(`unexpected range ${range}`);
  return Number(match[1]);
}

/** A1 column letter of a 1-based column number (1 -> A, 27 -> AA). */
export function columnLetter(column: number): string {
  let n = column;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export function makeSheetsClient(account: SheetsAccount, options: { now?: () => number } = {}) {
  const now = options.now ?? Date.now;
  const cacheKey = `${account.tokenUrl}|${account.serviceAccountEmail}`;
  const base = `${account.apiBaseUrl.replace(/\/+$/, '')}/v4/spreadsheets/${encodeURIComponent(account.spreadsheetId)}`;

  async function accessToken(): Promise<string> {
    const cached = tokenCache.get(cacheKey);
    if (cached && cached.expiresAt - 60_000 > now()) return cached.token;
    const key = await importPKCS8(account.privateKey, 'RS256');
    const issuedAt = Math.floor(now() / 1000);
    const assertion = await new SignJWT({ scope: SCOPE })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
      .setIssuer(account.serviceAccountEmail)
      .setAudience(account.tokenUrl)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + 3600)
      .sign(key);
    const res = await fetch(account.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (res.status === 429)
      throw new RetryLaterError('token endpoint rate limited', retryAfterMs(res.headers.get('retry-after')));
    if (!res.ok) throw new SheetsHttpError(`token exchange failed: ${res.status} ${await res.text()}`, res.status);
    const body = (await res.json()) as { access_token?: string; expires_in?: number };
    if (!body.access_token) throw new SheetsHttpError('token exchange returned no access_token', res.status);
    tokenCache.set(cacheKey, { token: body.access_token, expiresAt: now() + (body.expires_in ?? 3600) * 1000 });
    return body.access_token;
  }

  async function request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const token = await accessToken();
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (res.status === 429 || res.status === 503) {
      throw new RetryLaterError(`Sheets API answered ${res.status}`, retryAfterMs(res.headers.get('retry-after')));
    }
    if (res.status === 401) tokenCache.delete(cacheKey);
    if (!res.ok)
      throw new SheetsHttpError(`Sheets API ${method} ${path}: ${res.status} ${await res.text()}`, res.status);
    return (await res.json()) as T;
  }

  return {
    /** Titles of the spreadsheet's sheets. */
    async sheetTitles(): Promise<string[]> {
      const body = await request<{ sheets?: { properties?: { title?: string } }[] }>(
        'GET',
        '?fields=sheets.properties.title',
      );
      return (body.sheets ?? []).map((s) => s.properties?.title ?? '').filter(Boolean);
    },
    async addSheets(titles: string[]): Promise<void> {
      await request('POST', ':batchUpdate', {
        requests: titles.map((title) => ({ addSheet: { properties: { title } } })),
      });
    },
    /** The values of one column (e.g. "Sales!A:A"), row 1 first; empty trailing rows are omitted by the API. */
    async columnValues(range: string): Promise<string[]> {
      const body = await request<{ values?: unknown[][] }>(
        'GET',
        `/values/${encodeURIComponent(range)}?majorDimension=ROWS`,
      );
      return (body.values ?? []).map((row) => String(row[0] ?? ''));
    },
    /** Overwrites the given ranges in one request. */
    async batchUpdate(data: { range: string; values: string[][] }[]): Promise<void> {
      await request('POST', '/values:batchUpdate', { valueInputOption: 'USER_ENTERED', data });
    },
    /** Appends rows after the sheet's table in one request and returns where they landed. */
    async append(sheet: string, values: string[][]): Promise<AppendResult> {
      const range = encodeURIComponent(`${sheet}!A1`);
      const body = await request<{ updates?: { updatedRange?: string; updatedRows?: number } }>(
        'POST',
        `/values/${range}:append?valueInputOption=USER_ENTERED&insertDataOption=INSERT_ROWS`,
        { majorDimension: 'ROWS', values },
      );
      const updatedRange = body.updates?.updatedRange;
      if (!updatedRange) throw new SheetsHttpError('append returned no updatedRange', 200);
      return { firstRow: firstRowOf(updatedRange), rows: body.updates?.updatedRows ?? values.length };
    },
  };
}

export type SheetsClient = ReturnType<typeof makeSheetsClient>;
