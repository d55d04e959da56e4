import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeGstinProvider {
  url: string;
  /** GSTINs requested so far, in order. */
  requests: string[];
  /** API keys seen, to check the header is sent. */
  keys: (string | undefined)[];
  close(): Promise<void>;
}

/**
 * A small local server speaking the assumed GSTIN provider API (GET /gstin/{gstin}, x-api-key). Behaviour by GSTIN:
 * listed in `slow` -> answers after `slowMs`; listed in `failing` -> 500; otherwise 200 with details from `records`
 * or generated ones.
 */
export async function startFakeGstinProvider(
  options: { slow?: string[]; failing?: string[]; slowMs?: number } = {},
): Promise<FakeGstinProvider> {
  const requests: string[] = [];
  const keys: (string | undefined)[] = [];
  const server: Server = createServer((req, res) => {
    const match = /^\/gstin\/([^/?]+)$/.exec(req.url ?? '');
    if (!match?.[1]) {
      res.writeHead(404).end();
      return;
    }
    const gstin = decodeURIComponent(match[1]);
    requests.push(gstin);
    const key = req.headers['x-api-key'];
    keys.push(typeof key === 'string' ? key : undefined);
    if (options.failing?.includes(gstin)) {
      res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"internal"}');
      return;
    }
    const send = () =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          gstin,
          legalName: `Legal ${gstin.slice(2, 7)} Private Limited`,
          tradeName: `Trade ${gstin.slice(2, 7)}`,
          address: '12 MG Road, Pune, Maharashtra 411001',
          status: 'Active',
          taxpayerType: 'Regular',
          extraField: 'ignored',
        }),
      );
    if (options.slow?.includes(gstin)) setTimeout(send, options.slowMs ?? 1000).unref();
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo; // listen() on a TCP port always yields AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    keys,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
