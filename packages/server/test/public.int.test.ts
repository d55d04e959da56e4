import { createHash } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildPublicApp } from '../src/http/public-app';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';
import {
  createOrder,
  createOrderWorld,
  expectProblem,
  get,
  multipart,
  pdfBytes,
  post,
  type DocJson,
  type OrderWorld,
} from './orders-factories';

interface CreatedLink {
  id: number;
  token: string;
  path: string;
  url: string | null;
  state: string;
  documents: { id: number; name: string; status: string }[];
  expiresAt: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

describe(`public listener (${testDialect()})`, () => {
  let t: TestApp;
  let pub: FastifyInstance;

  beforeEach(async () => {
    t = await createTestApp();
    pub = await buildPublicApp({ services: t.services, contactRateLimit: { max: 3, timeWindowMs: 60_000 } });
    await pub.ready();
  });
  afterEach(async () => {
    await pub?.close();
    await t.close();
  });

  function send(options: {
    method: 'GET' | 'POST';
    url: string;
    body?: unknown;
    ip?: string;
    headers?: Record<string, string>;
  }): Promise<LightMyRequestResponse> {
    return pub.inject({
      method: options.method,
      url: options.url,
      ...(options.body !== undefined ? { payload: options.body as object } : {}),
      headers: options.headers ?? {},
      remoteAddress: options.ip ?? '203.0.113.7',
    });
  }

  async function leadCount(): Promise<number> {
    const row = await t.services.database.db
      .withTables<{ leads: { id: number } }>()
      .selectFrom('leads')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('has no admin route: every route of the admin app answers 404 there', async () => {
    const admin = t.app.routeTable;
    expect(admin.filter((r) => r.url.startsWith('/api/v1')).length).toBeGreaterThan(100);
    let checked = 0;
    for (const route of admin) {
      const url = route.url.replace(/:[A-Za-z]+/g, '1').replace(/\*/g, 'x');
      const method = route.method as 'GET' | 'HEAD' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
      const bodyless = method === 'GET' || method === 'HEAD';
      const res = await pub.inject({ method, url, ...(bodyless ? {} : { payload: {} }) });
      expect(res.statusCode, `${route.method} ${url}`).toBe(404);
      if (method !== 'HEAD')
        expect(res.json<{ code: string }>().code, `${route.method} ${url}`).toBe('ROUTE_NOT_FOUND');
      checked += 1;
    }
    expect(checked).toBe(admin.length);
    // And the public app itself declares only public pages.
    for (const route of pub.routeTable) {
      expect(route.access).toBe('public');
      expect(route.url === '/' || route.url.startsWith('/public/')).toBe(true);
    }
    // Security headers are set on the public listener too.
    const page = await send({ method: 'GET', url: '/public/contact' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'none'");
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.body).toContain('name="website"');
  });

  it('stores a contact request as a lead that staff see, and answers 201 with no data', async () => {
    await t.setup();
    const { token } = await t.login();
    const res = await send({
      method: 'POST',
      url: '/public/contact',
      body: {
        name: 'Kiran Shah',
        email: 'Kiran@Example.com',
        phone: '+91 98200 12345',
        message: 'Need a share transfer',
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.body).toBe('');
    const leads = await get<{
      items: { name: string; email: string; phone: string; message: string }[];
      total: number;
    }>(t, token, '/api/v1/leads?q=kiran');
    expect(leads.total).toBe(1);
    expect(leads.items[0]).toMatchObject({
      name: 'Kiran Shah',
      email: 'kiran@example.com',
      phone: '+91 98200 12345',
      message: 'Need a share transfer',
    });
    // The plain HTML form posts urlencoded and is sent back to the page with a thank-you.
    const form = await send({
      method: 'POST',
      url: '/public/contact',
      body: 'name=Ravi&email=&phone=9820012345&message=Call+me&website=',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    });
    expect(form.statusCode).toBe(303);
    expect(form.headers.location).toBe('/public/contact?sent=1');
    expect(await leadCount()).toBe(2);
    // Bad input names the field; staff need a way back to the person.
    // (from other addresses: failed attempts count towards the rate limit too)
    const noContact = await send({
      method: 'POST',
      url: '/public/contact',
      body: { name: 'X', message: 'hi' },
      ip: '192.0.2.1',
    });
    expectProblem(noContact, 400, 'VALIDATION_FAILED');
    expect(noContact.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('email');
    const missing = await send({
      method: 'POST',
      url: '/public/contact',
      body: { email: 'a@b.co', message: 'hi' },
      ip: '192.0.2.2',
    });
    expect(missing.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('name');
    // Leads are for staff with parties.read only.
    expectProblem(await t.call({ method: 'GET', url: '/api/v1/leads' }), 401, 'UNAUTHENTICATED');
  });

  it('answers a honeypot submission like any other and stores nothing', async () => {
    const res = await send({
      method: 'POST',
      url: '/public/contact',
      body: { name: 'Bot', email: 'bot@spam.example', message: 'Buy now', website: 'http://spam.example' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.body).toBe('');
    expect(await leadCount()).toBe(0);
  });

  it('rate-limits the contact form per IP with 429 problem+json', async () => {
    const body = { name: 'Asha', email: 'asha@example.org', message: 'Hello' };
    for (let i = 0; i < 3; i++)
      expect((await send({ method: 'POST', url: '/public/contact', body })).statusCode).toBe(201);
    const limited = await send({ method: 'POST', url: '/public/contact', body });
    expectProblem(limited, 429, 'TOO_MANY_ATTEMPTS');
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not held back by the first one.
    expect((await send({ method: 'POST', url: '/public/contact', body, ip: '198.51.100.9' })).statusCode).toBe(201);
    expect(await leadCount()).toBe(4);
  });

  describe('upload links', () => {
    let w: OrderWorld;
    let owner: string;
    let orderId: number;

    beforeEach(async () => {
      w = await createOrderWorld(t);
      owner = w.owner.token;
      orderId = (await createOrder(t, w)).id;
    });

    function uploadVia(path: string, docId: number, content: Buffer, filename = 'scan.pdf', accept?: string) {
      const { body, headers } = multipart([{ filename, content }]);
      return send({
        method: 'POST',
        url: `${path}/documents/${docId}`,
        body,
        headers: { ...headers, ...(accept ? { accept } : {}) },
      });
    }

    async function docs() {
      return (await get<{ items: DocJson[] }>(t, owner, `/api/v1/orders/${orderId}/documents`)).items;
    }

    it('lets the client upload each pending document once; it moves to received, shown in the timeline', async () => {
      const link = await post<CreatedLink>(t, owner, `/api/v1/orders/${orderId}/upload-links`, { expiresInDays: 7 });
      expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(link.path).toBe(`/public/upload/${link.token}`);
      expect(link.state).toBe('active');
      expect(link.expiresAt).toBe(new Date(t.clock.now().getTime() + 7 * DAY_MS).toISOString());
      // Stored only as a hash.
      const stored = await t.services.database.db
        .withTables<{ public_links: { id: number; token_hash: string } }>()
        .selectFrom('public_links')
        .select('token_hash')
        .executeTakeFirstOrThrow();
      expect(stored.token_hash).toBe(createHash('sha256').update(link.token).digest('hex'));
      expect(stored.token_hash).not.toContain(link.token);

      // The client sees only the names of the pending documents.
      const view = await send({ method: 'GET', url: link.path });
      expect(view.statusCode).toBe(200);
      const viewJson = view.json<{ documents: { id: number; name: string }[] }>();
      expect(viewJson.documents.map((d) => d.name)).toEqual(w.docTypes.map((d) => d.name));
      expect(Object.keys(viewJson.documents[0] ?? {}).sort()).toEqual(['id', 'name']);
      const html = await send({ method: 'GET', url: link.path, headers: { accept: 'text/html' } });
      expect(html.headers['content-type']).toContain('text/html');
      expect(html.body).toContain('PAN Card');
      expect(html.body).not.toContain('Meera Iyer');

      const [pan, cert] = viewJson.documents;
      if (!pan || !cert) throw new Error('expected documents');
      // Same checks as staff uploads: a text file is refused and nothing changes.
      const refused = await uploadVia(link.path, pan.id, Buffer.from('just some text, not a document'), 'notes.txt');
      expectProblem(refused, 415, 'UNSUPPORTED_MEDIA_TYPE');

      const ok = await uploadVia(link.path, pan.id, pdfBytes('PAN of Meera'));
      expect(ok.statusCode, ok.body).toBe(201);
      expect(ok.json()).toEqual({ document: 'PAN Card', status: 'received' });
      const after = await docs();
      expect(after.find((d) => d.id === pan.id)?.status).toBe('received');
      expect(after.find((d) => d.id === pan.id)?.files).toHaveLength(1);
      expect(after.find((d) => d.id === cert.id)?.status).toBe('pending');

      // Once: the received document is no longer offered, and a second upload is refused.
      const again = await uploadVia(link.path, pan.id, pdfBytes('again'));
      expectProblem(again, 404, 'NOT_FOUND');
      expect((await docs()).find((d) => d.id === pan.id)?.files).toHaveLength(1);
      const view2 = await send({ method: 'GET', url: link.path });
      expect(view2.json<{ documents: { name: string }[] }>().documents.map((d) => d.name)).toEqual([
        'Share Certificate',
        'Transfer Deed (SH-4)',
      ]);

      // A browser form post comes back to the page with a thank-you.
      const viaForm = await uploadVia(link.path, cert.id, pdfBytes('cert'), 'cert.pdf', 'text/html');
      expect(viaForm.statusCode).toBe(303);
      expect(viaForm.headers.location).toBe(`${link.path}?uploaded=Share%20Certificate`);

      // The timeline says the client did it, through the link.
      const timeline = await get<{ items: { kind: string; actor: { name: string } | null; summary: string }[] }>(
        t,
        owner,
        `/api/v1/orders/${orderId}/history`,
      );
      const uploads = timeline.items.filter((e) => e.kind === 'document.file_uploaded');
      expect(uploads.map((e) => e.actor?.name)).toEqual([
        'Meera Iyer (via upload link)',
        'Meera Iyer (via upload link)',
      ]);
      expect(timeline.items.some((e) => e.kind === 'upload_link.created')).toBe(true);

      const links = await get<{ items: { id: number; useCount: number; state: string }[] }>(
        t,
        owner,
        `/api/v1/orders/${orderId}/upload-links`,
      );
      expect(links.items).toEqual([expect.objectContaining({ id: link.id, useCount: 2, state: 'active' })]);
      expect(JSON.stringify(links)).not.toContain(link.token);
    });

    it('keeps link tokens out of the request log', async () => {
      const link = await post<CreatedLink>(t, owner, `/api/v1/orders/${orderId}/upload-links`, {});
      const lines: string[] = [];
      const logged = await buildPublicApp({
        services: t.services,
        logger: { level: 'info', stream: { write: (line: string) => lines.push(line) } },
      });
      try {
        expect((await logged.inject({ method: 'GET', url: link.path })).statusCode).toBe(200);
      } finally {
        await logged.close();
      }
      const log = lines.join('');
      expect(log).toContain('/public/upload/[token]');
      expect(log).not.toContain(link.token);
    });

    it('stops working when revoked', async () => {
      const link = await post<CreatedLink>(t, owner, `/api/v1/orders/${orderId}/upload-links`, {});
      const docId = link.documents[0]?.id ?? 0;
      const revoked = await t.call({
        method: 'DELETE',
        url: `/api/v1/orders/${orderId}/upload-links/${link.id}`,
        token: owner,
      });
      expect(revoked.statusCode).toBe(200);
      expect(revoked.json<{ state: string }>().state).toBe('revoked');
      expectProblem(await send({ method: 'GET', url: link.path }), 404, 'NOT_FOUND');
      expectProblem(await uploadVia(link.path, docId, pdfBytes()), 404, 'NOT_FOUND');
      expect((await docs()).every((d) => d.status === 'pending')).toBe(true);
      const audit = await t.services.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity', '=', 'public_link')
        .orderBy('seq')
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['public_link.created', 'public_link.revoked']);
      // A browser sees a small page, with the same status.
      const page = await send({ method: 'GET', url: link.path, headers: { accept: 'text/html' } });
      expect(page.statusCode).toBe(404);
      expect(page.headers['content-type']).toContain('text/html');
    });

    it('stops working when it expires, and refuses an unknown token', async () => {
      const link = await post<CreatedLink>(t, owner, `/api/v1/orders/${orderId}/upload-links`, { expiresInDays: 2 });
      const docId = link.documents[0]?.id ?? 0;
      t.clock.advance(2 * DAY_MS - 1000);
      expect((await send({ method: 'GET', url: link.path })).statusCode).toBe(200);
      t.clock.advance(1000);
      expectProblem(await send({ method: 'GET', url: link.path }), 404, 'NOT_FOUND');
      expectProblem(await uploadVia(link.path, docId, pdfBytes()), 404, 'NOT_FOUND');
      const { token: fresh } = await t.login(); // the morning's access token has long expired
      const links = await get<{ items: { state: string }[] }>(t, fresh, `/api/v1/orders/${orderId}/upload-links`);
      expect(links.items[0]?.state).toBe('expired');
      expectProblem(await send({ method: 'GET', url: `/public/upload/${'A'.repeat(43)}` }), 404, 'NOT_FOUND');
    });

    it('is refused when nothing is pending, and needs orders.write', async () => {
      const staffReadOnly = await t.createUser(owner, { name: 'Acc', email: 'acc@example.com', role: 'accountant' });
      expect(staffReadOnly).toBeGreaterThan(0);
      const acc = await t.login('acc@example.com', 'staff password 123');
      expectProblem(
        await t.call({ method: 'POST', url: `/api/v1/orders/${orderId}/upload-links`, token: acc.token, body: {} }),
        403,
        'FORBIDDEN',
      );
      for (const d of await docs()) {
        await post(t, owner, `/api/v1/orders/${orderId}/documents/${d.id}/status`, { status: 'received' }, 200);
      }
      expectProblem(
        await t.call({ method: 'POST', url: `/api/v1/orders/${orderId}/upload-links`, token: owner, body: {} }),
        409,
        'INVALID_STATE',
      );
    });
  });

  describe('invoice view links', () => {
    let token: string;
    let invoiceId: number;

    beforeEach(async () => {
      await t.setup();
      ({ token } = await t.login());
      const party = await post<{ id: number }>(t, token, '/api/v1/parties', {
        name: 'Ravi Kumar',
        roles: ['client'],
        kind: 'individual',
        gstRegistrationType: 'consumer',
        billingAddress: { line1: '9 Park Street', city: 'Mumbai', stateCode: '27', pin: '400001' },
      });
      const invoice = await post<{ id: number }>(t, token, '/api/v1/invoices', {
        type: 'sales',
        partyId: party.id,
        date: '2026-11-10',
        lines: [
          { description: 'Consulting', hsnSac: '998311', quantity: '1', unit: 'OTH', rate: '1000.00', gstRate: '18' },
        ],
      });
      invoiceId = invoice.id;
    });

    it('serves the PDF of an issued invoice until it expires; drafts cannot be shared', async () => {
      expectProblem(
        await t.call({ method: 'POST', url: `/api/v1/invoices/${invoiceId}/view-links`, token, body: {} }),
        409,
        'INVALID_STATE',
      );
      const issued = await post<{ number: string }>(t, token, `/api/v1/invoices/${invoiceId}/issue`, undefined, 200);
      const link = await post<CreatedLink>(t, token, `/api/v1/invoices/${invoiceId}/view-links`, { expiresInDays: 1 });
      expect(link.path).toBe(`/public/invoice/${link.token}`);

      const page = await send({ method: 'GET', url: link.path, headers: { accept: 'text/html' } });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(issued.number);
      expect(page.body).toContain('₹1,180.00');
      const pdf = await send({ method: 'GET', url: `${link.path}/pdf` });
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.headers['content-disposition']).toMatch(/^inline; filename=".+\.pdf"$/);
      expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const download = await send({ method: 'GET', url: `${link.path}/pdf?download=1` });
      expect(download.headers['content-disposition']).toMatch(/^attachment;/);

      const links = await get<{ items: { useCount: number; lastUsedAt: string | null }[] }>(
        t,
        token,
        `/api/v1/invoices/${invoiceId}/view-links`,
      );
      expect(links.items[0]?.useCount).toBe(2);

      t.clock.advance(DAY_MS);
      expectProblem(await send({ method: 'GET', url: `${link.path}/pdf` }), 404, 'NOT_FOUND');
      expectProblem(await send({ method: 'GET', url: link.path }), 404, 'NOT_FOUND');
    });

    it('stops serving when revoked', async () => {
      await post(t, token, `/api/v1/invoices/${invoiceId}/issue`, undefined, 200);
      const link = await post<CreatedLink>(t, token, `/api/v1/invoices/${invoiceId}/view-links`, {});
      const revoked = await t.call({
        method: 'DELETE',
        url: `/api/v1/invoices/${invoiceId}/view-links/${link.id}`,
        token,
      });
      expect(revoked.statusCode).toBe(200);
      expectProblem(await send({ method: 'GET', url: `${link.path}/pdf` }), 404, 'NOT_FOUND');
    });
  });
});
