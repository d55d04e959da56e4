import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { importSPKI, jwtVerify } from 'jose';

/**
 * A local fake of Google's OAuth token endpoint and the parts of Sheets API v4 the ledger uses, speaking the real
 * REST shapes: POST /token (jwt-bearer grant; the assertion's RS256 signature is verified with the service account's
 * public key), GET /v4/spreadsheets/{id}, POST {id}:batchUpdate (addSheet), GET {id}/values/{range},
 * POST {id}/values:batchUpdate, POST {id}/values/{range}:append. `failNext` makes the next API calls answer 429 with
 * Retry-After, like the real quota limiter.
 */
export interface FakeSheets {
  url: string;
  tokenUrl: string;
  spreadsheetId: string;
  serviceAccountEmail: string;
  /** PKCS#8 PEM of the service account key the fake trusts. */
  privateKey: string;
  /** Rows of a sheet, row 1 first (the header). */
  rows(sheet: string): string[][];
  sheetTitles(): string[];
  /** The next `count` Sheets API requests answer `status` with Retry-After `retryAfterSeconds`. */
  failNext(count: number, status?: number, retryAfterSeconds?: number): void;
  /** Every API request (not token requests): method, kind and when. */
  requests: { kind: 'get' | 'addSheet' | 'read' | 'batchUpdate' | 'append'; at: number; status: number }[];
  tokenRequests: number;
  close(): Promise<void>;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** "Sales!B12:K14" / "Sales!A:A" / "Sales!A1" -> sheet, first column, first row (null = whole column). */
function parseRange(range: string): { sheet: string; col: number; row: number | null } {
  const match = /^'?([^'!]+)'?!([A-Z]+)(\d*)(?::[A-Z]+\d*)?$/.exec(range);
  if (!match?.[1] || !match[2]) throw new Error(`bad range ${range}`);
  return { sheet: match[1], col: columnNumber(match[2]), row: match[3] ? Number(match[3]) : null };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as unknown) : {};
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export async function startFakeSheets(options: { sheets?: string[] } = {}): Promise<FakeSheets> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const verifyKey = await importSPKI(publicPem, 'RS256');
  const spreadsheetId = `fake-${randomBytes(8).toString('hex')}`;
  const serviceAccountEmail = 'ledger@bizdash-test.iam.gserviceaccount.com';
  const tokens = new Set<string>();
  const sheets = new Map<string, string[][]>((options.sheets ?? ['Sheet1']).map((title) => [title, []]));
  let failures: { count: number; status: number; retryAfter: number } = { count: 0, status: 429, retryAfter: 1 };
  let tokenUrl = '';

  const fake: FakeSheets = {
    url: '',
    tokenUrl: '',
    spreadsheetId,
    serviceAccountEmail,
    privateKey: privatePem,
    rows: (sheet) => (sheets.get(sheet) ?? []).map((row) => [...row]),
    sheetTitles: () => [...sheets.keys()],
    failNext(count, status = 429, retryAfterSeconds = 1) {
      failures = { count, status, retryAfter: retryAfterSeconds };
    },
    requests: [],
    tokenRequests: 0,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  function sheetOf(title: string): string[][] {
    const rows = sheets.get(title);
    if (!rows) throw Object.assign(new Error(`Unable to parse range: ${title}`), { status: 400 });
    return rows;
  }

  function writeRow(rows: string[][], rowNumber: number, col: number, values: string[]) {
    while (rows.length < rowNumber) rows.push([]);
    const row = rows[rowNumber - 1] ?? [];
    values.forEach((value, i) => {
      while (row.length < col - 1 + i) row.push('');
      row[col - 1 + i] = String(value);
    });
    rows[rowNumber - 1] = row;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'POST' && url.pathname === '/token') {
      fake.tokenRequests += 1;
      const form = await readForm(req);
      if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
        return send(res, 400, { error: 'unsupported_grant_type' });
      }
      try {
        const { payload } = await jwtVerify(form.get('assertion') ?? '', verifyKey, {
          issuer: serviceAccountEmail,
          audience: tokenUrl,
        });
        if (payload.scope !== 'https://www.googleapis.com/auth/spreadsheets') throw new Error('scope');
      } catch {
        return send(res, 400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
      }
      const token = `ya29.${randomBytes(16).toString('hex')}`;
      tokens.add(token);
      return send(res, 200, { access_token: token, expires_in: 3599, token_type: 'Bearer' });
    }

    const prefix = `/v4/spreadsheets/${spreadsheetId}`;
    if (!url.pathname.startsWith(prefix))
      return send(res, 404, { error: { code: 404, message: 'Requested entity was not found.' } });
    const auth = req.headers.authorization ?? '';
    if (!tokens.has(auth.replace(/^Bearer /, ''))) {
      return send(res, 401, { error: { code: 401, status: 'UNAUTHENTICATED' } });
    }
    const rest = url.pathname.slice(prefix.length);
    const kind: FakeSheets['requests'][number]['kind'] =
      rest === ''
        ? 'get'
        : rest === ':batchUpdate'
          ? 'addSheet'
          : rest === '/values:batchUpdate'
            ? 'batchUpdate'
            : rest.endsWith(':append')
              ? 'append'
              : 'read';
    if (failures.count > 0) {
      failures.count -= 1;
      fake.requests.push({ kind, at: Date.now(), status: failures.status });
      return send(
        res,
        failures.status,
        { error: { code: failures.status, status: 'RESOURCE_EXHAUSTED', message: 'Quota exceeded' } },
        { 'retry-after': String(failures.retryAfter) },
      );
    }
    fake.requests.push({ kind, at: Date.now(), status: 200 });
    try {
      switch (kind) {
        case 'get':
          return send(res, 200, {
            spreadsheetId,
            sheets: [...sheets.keys()].map((title, i) => ({ properties: { sheetId: i, title } })),
          });
        case 'addSheet': {
          const body = (await readJson(req)) as { requests?: { addSheet?: { properties?: { title?: string } } }[] };
          for (const r of body.requests ?? []) {
            const title = r.addSheet?.properties?.title;
            if (!title) continue;
            if (sheets.has(title))
              return send(res, 400, {
                error: { code: 400, message: `A sheet with the name "${title}" already exists.` },
              });
            sheets.set(title, []);
          }
          return send(res, 200, { spreadsheetId, replies: [] });
        }
        case 'read': {
          const range = decodeURIComponent(rest.replace(/^\/values\//, ''));
          const { sheet, col } = parseRange(range);
          const rows = sheetOf(sheet);
          const values = rows.map((row) => [row[col - 1] ?? '']);
          while (values.length > 0 && values[values.length - 1]?.[0] === '') values.pop();
          return send(res, 200, { range, majorDimension: 'ROWS', values });
        }
        case 'batchUpdate': {
          const body = (await readJson(req)) as { data?: { range: string; values: string[][] }[] };
          let updatedRows = 0;
          for (const d of body.data ?? []) {
            const { sheet, col, row } = parseRange(d.range);
            const rows = sheetOf(sheet);
            d.values.forEach((values, i) => writeRow(rows, (row ?? 1) + i, col, values));
            updatedRows += d.values.length;
          }
          return send(res, 200, { spreadsheetId, totalUpdatedRows: updatedRows });
        }
        case 'append': {
          const range = decodeURIComponent(rest.replace(/^\/values\//, '').replace(/:append$/, ''));
          const { sheet } = parseRange(range);
          const rows = sheetOf(sheet);
          const body = (await readJson(req)) as { values?: string[][] };
          const values = body.values ?? [];
          // Like the real API: after the last row that has any value.
          let last = rows.length;
          while (last > 0 && (rows[last - 1] ?? []).every((v) => v === '')) last -= 1;
          const first = last + 1;
          values.forEach((v, i) => writeRow(rows, first + i, 1, v));
          const width = Math.max(1, ...values.map((v) => v.length));
          const endCol = String.fromCharCode(64 + Math.min(width, 26));
          return send(res, 200, {
            spreadsheetId,
            updates: {
              updatedRange: `${sheet}!A${first}:${endCol}${first + values.length - 1}`,
              updatedRows: values.length,
            },
          });
        }
      }
    } catch (error) {
      const status = (error as { status?: number }).status ?? 500;
      return send(res, status, { error: { code: status, message: (error as Error).message } });
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { error: { message: String(error) } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  fake.url = `http://127.0.0.1:${port}`;
  tokenUrl = `${fake.url}/token`;
  fake.tokenUrl = tokenUrl;
  return fake;
}
