import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp } from './support/test-app';

/** Factories for the orders tests: masters, parties and orders created through the API, as a user would. */

export interface OrderJson {
  id: number;
  number: string;
  title: string;
  stage: { code: string; label: string; isTerminal: boolean };
  client: { id: number; name: string };
  partner: { id: number; name: string } | null;
  fees: string | null;
  baseCharges: string | null;
  sharePrice: string | null;
  orderValue: string | null;
  dueDate: string | null;
  isOverdue: boolean;
  priority: string;
  tags: string[];
  assignee: { id: number; name: string } | null;
  documents: {
    required: number;
    received: number;
    submitted: number;
    accepted: number;
    rejected: number;
    isComplete: boolean;
  };
  allowedTransitions?: { to: string; label: string; isReopen: boolean }[];
  suggestedTransition?: { to: string; reason: string } | null;
  [key: string]: unknown;
}

export interface DocJson {
  id: number;
  documentType: { id: number; name: string };
  status: string;
  rejectionReason: string | null;
  currentFile: FileJson | null;
  files: FileJson[];
  allowedStatuses: string[];
}

export interface FileJson {
  id: number;
  version: number;
  isCurrent: boolean;
  originalName: string;
  mediaType: string;
  extension: string;
  sizeBytes: number;
  sha256: string;
  downloadUrl: string;
  previewUrl: string | null;
}

export async function post<T>(t: TestApp, token: string, url: string, body: unknown, status = 201): Promise<T> {
  const res = await t.call({ method: 'POST', url, token, body });
  if (res.statusCode !== status) throw new Error(`POST ${url}: ${res.statusCode} ${res.body}`);
  return res.json<T>();
}

export async function get<T>(t: TestApp, token: string, url: string): Promise<T> {
  const res = await t.call({ method: 'GET', url, token });
  if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body}`);
  return res.json<T>();
}

export interface OrderWorld {
  owner: { token: string; userId: number };
  docTypes: { id: number; name: string }[];
  orderType: { id: number; name: string };
  client: { id: number; name: string };
  partner: { id: number; name: string };
  company: { id: number; name: string };
}

/** Document types, an order type needing three of them (₹15,000 fee, 10 days), a client, a partner, a company. */
export async function createOrderWorld(
  t: TestApp,
  options: { clientName?: string; docNames?: string[] } = {},
): Promise<OrderWorld> {
  await t.setup();
  const owner = await t.login();
  const token = owner.token;
  const docNames = options.docNames ?? ['PAN Card', 'Share Certificate', 'Transfer Deed (SH-4)'];
  const docTypes = [];
  for (const name of docNames)
    docTypes.push(await post<{ id: number; name: string }>(t, token, '/api/v1/document-types', { name }));
  const orderType = await post<{ id: number; name: string }>(t, token, '/api/v1/order-types', {
    name: 'Share Transfer',
    requiredDocumentTypeIds: docTypes.map((d) => d.id),
    defaultFee: '15000',
    baseCharge: '2500.50',
    turnaroundDays: 10,
  });
  const client = await post<{ id: number; name: string }>(t, token, '/api/v1/parties', {
    name: options.clientName ?? 'Meera Iyer',
    roles: ['client'],
    kind: 'individual',
    gstRegistrationType: 'unregistered',
  });
  const partner = await post<{ id: number; name: string }>(t, token, '/api/v1/parties', {
    name: 'Kapoor Associates',
    roles: ['partner'],
    revenueShare: '40',
  });
  const registrar = await post<{ id: number }>(t, token, '/api/v1/registrars', { name: 'Link Intime India' });
  const company = await post<{ id: number; name: string }>(t, token, '/api/v1/companies', {
    name: 'Tata Steel Limited',
    registrarId: registrar.id,
  });
  return { owner, docTypes, orderType, client, partner, company };
}

export async function createOrder(
  t: TestApp,
  world: OrderWorld,
  body: Record<string, unknown> = {},
  token = world.owner.token,
): Promise<OrderJson> {
  return post<OrderJson>(t, token, '/api/v1/orders', {
    title: 'Transfer of 500 shares',
    clientId: world.client.id,
    orderTypeId: world.orderType.id,
    ...body,
  });
}

/** A user with `role`, logged in. */
export async function createLoggedInUser(t: TestApp, ownerToken: string, role: string, name = `${role} user`) {
  const email = `${role}-${randomBytes(3).toString('hex')}@example.com`;
  const id = await t.createUser(ownerToken, { name, email, role });
  const session = await t.login(email, 'staff password 123');
  return { id, token: session.token, name, email };
}

export async function transition(t: TestApp, token: string, orderId: number, to: string, note?: string) {
  return t.call({
    method: 'POST',
    url: `/api/v1/orders/${orderId}/transitions`,
    token,
    body: note === undefined ? { to } : { to, note },
  });
}

/** A multipart/form-data body with the given files (field "file"). */
export function multipart(files: { filename: string; content: Buffer; contentType?: string; field?: string }[]) {
  const boundary = `----bizdash${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const f of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? 'file'}"; filename="${f.filename}"\r\n` +
          `Content-Type: ${f.contentType ?? 'application/octet-stream'}\r\n\r\n`,
        'utf8',
      ),
    );
    chunks.push(f.content, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function upload(
  t: TestApp,
  token: string,
  url: string,
  files: { filename: string; content: Buffer; contentType?: string }[],
) {
  const { body, headers } = multipart(files);
  return t.call({ method: 'POST', url, token, body, headers });
}

/** A small but real PDF. */
export function pdfBytes(text = 'BizDash test document'): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  );
}

/** A 1×1 PNG. */
export function pngBytes(): Buffer {
  return Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  );
}

export async function countRows(t: TestApp, table: 'orders' | 'order_files' | 'comment_attachments' | 'notifications') {
  const row = await t.services.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function expectProblem(res: { statusCode: number; json: <T>() => T }, status: number, code: string) {
  expect(res.statusCode).toBe(status);
  expect(res.json<{ code: string }>().code).toBe(code);
}
