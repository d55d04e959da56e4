import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';
import {
  countRows,
  createLoggedInUser,
  createOrder,
  createOrderWorld,
  expectProblem,
  get,
  pdfBytes,
  pngBytes,
  post,
  transition,
  upload,
  type DocJson,
  type OrderJson,
  type OrderWorld,
} from './orders-factories';

/** Every file under `dir`, relative, sorted. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(path.relative(dir, full).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

describe(`order documents and files (${testDialect()})`, () => {
  let t: TestApp;
  let w: OrderWorld;
  let owner: string;
  let dataDir: string;

  async function start(options: { uploadMaxBytes?: number; clientName?: string; docNames?: string[] } = {}) {
    t = await createTestApp({ uploadMaxBytes: options.uploadMaxBytes });
    w = await createOrderWorld(t, options);
    owner = w.owner.token;
    dataDir = t.testDb.location.dataDir;
  }
  afterEach(async () => t.close());

  async function docsOf(orderId: number) {
    return get<{ items: DocJson[]; completeness: OrderJson['documents']; maxUploadBytes: number }>(
      t,
      owner,
      `/api/v1/orders/${orderId}/documents`,
    );
  }

  it('stores every version under uploads/<client>/<order>/<document>-vN.ext, hashed, newest current', async () => {
    await start();
    const staff = await createLoggedInUser(t, owner, 'staff', 'Ravi Staff');
    const order = await createOrder(t, w, { assigneeId: staff.id });
    const [pan] = (await docsOf(order.id)).items;
    const url = `/api/v1/orders/${order.id}/documents/${pan!.id}/files`;

    const first = pdfBytes('first');
    const res1 = await upload(t, owner, url, [
      { filename: 'PAN scan.pdf', content: first, contentType: 'application/pdf' },
    ]);
    expect(res1.statusCode).toBe(201);
    const doc1 = res1.json<DocJson>();
    expect(doc1.status).toBe('received');
    expect(doc1.currentFile).toMatchObject({
      version: 1,
      originalName: 'PAN scan.pdf',
      mediaType: 'application/pdf',
      extension: 'pdf',
      sizeBytes: first.length,
      sha256: createHash('sha256').update(first).digest('hex'),
    });

    // The second version is a PNG sent with a lying name and type: the bytes decide.
    const second = pngBytes();
    const res2 = await upload(t, owner, url, [
      { filename: 'pan.pdf', content: second, contentType: 'application/pdf' },
    ]);
    expect(res2.statusCode).toBe(201);
    const doc2 = res2.json<DocJson>();
    expect(doc2.files.map((f) => [f.version, f.isCurrent, f.extension])).toEqual([
      [2, true, 'png'],
      [1, false, 'pdf'],
    ]);

    expect(filesUnder(path.join(dataDir, 'uploads'))).toEqual([
      'meera-iyer/ord-2026-27-00001/pan-card-v1.pdf',
      'meera-iyer/ord-2026-27-00001/pan-card-v2.png',
    ]);
    expect(readFileSync(path.join(dataDir, 'uploads/meera-iyer/ord-2026-27-00001/pan-card-v1.pdf'))).toEqual(first);

    // Download both versions; preview inline only where the browser can show it.
    const v1 = doc2.files[1]!;
    const dl = await t.call({ method: 'GET', url: v1.downloadUrl, token: staff.token });
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload).toEqual(first);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['content-disposition']).toMatch(
      /^attachment; filename="pan-card-v1.pdf"; filename\*=UTF-8''PAN%20scan.pdf$/,
    );
    const preview = await t.call({ method: 'GET', url: v1.previewUrl!, token: staff.token });
    expect(preview.headers['content-disposition']).toMatch(/^inline;/);

    // Completeness on the order row, the timeline and the assignee's inbox all saw the upload.
    const read = await get<OrderJson>(t, owner, `/api/v1/orders/${order.id}`);
    expect(read.documents).toMatchObject({ required: 3, received: 1, accepted: 0 });
    const timeline = await get<{ items: { kind: string; payload: { version?: number } }[] }>(
      t,
      owner,
      `/api/v1/orders/${order.id}/history?kind=document.file_uploaded`,
    );
    expect(timeline.items.map((e) => e.payload.version)).toEqual([1, 2]);
    const inbox = await get<{ items: { kind: string }[] }>(t, staff.token, '/api/v1/notifications');
    expect(inbox.items.map((n) => n.kind)).toEqual(['document_received', 'document_received', 'order_assigned']);
  });

  it('accepts office files as downloads only, never inline', async () => {
    await start();
    const order = await createOrder(t, w);
    const [pan] = (await docsOf(order.id)).items;
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Holdings').addRow(['Folio', 'Shares']);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    const res = await upload(t, owner, `/api/v1/orders/${order.id}/documents/${pan!.id}/files`, [
      { filename: 'holdings.xlsx', content: xlsx },
    ]);
    expect(res.statusCode).toBe(201);
    const file = res.json<DocJson>().currentFile!;
    expect(file).toMatchObject({ extension: 'xlsx', previewUrl: null });
    const asked = await t.call({ method: 'GET', url: `${file.downloadUrl}?inline=1`, token: owner });
    expect(asked.headers['content-disposition']).toMatch(/^attachment;/);
    expect(asked.rawPayload).toEqual(xlsx);
  });

  it('streams files far larger than the JSON body limit', async () => {
    await start();
    const order = await createOrder(t, w);
    const [pan] = (await docsOf(order.id)).items;
    const big = Buffer.concat([pdfBytes(), Buffer.alloc(3 * 1024 * 1024, 0x20)]);
    const res = await upload(t, owner, `/api/v1/orders/${order.id}/documents/${pan!.id}/files`, [
      { filename: 'scan.pdf', content: big },
    ]);
    expect(res.statusCode).toBe(201);
    expect(res.json<DocJson>().currentFile).toMatchObject({
      sizeBytes: big.length,
      sha256: createHash('sha256').update(big).digest('hex'),
    });
  });

  it('refuses bytes that are not an allowed type with 415 and keeps nothing', async () => {
    await start();
    const order = await createOrder(t, w);
    const [pan] = (await docsOf(order.id)).items;
    const url = `/api/v1/orders/${order.id}/documents/${pan!.id}/files`;
    const fakes = [
      {
        filename: 'invoice.pdf',
        content: Buffer.from('<html><script>alert(1)</script></html>'),
        contentType: 'application/pdf',
      },
      {
        filename: 'setup.pdf',
        content: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]),
        contentType: 'application/pdf',
      },
      { filename: 'empty.pdf', content: Buffer.alloc(0) },
    ];
    for (const fake of fakes) {
      const res = await upload(t, owner, url, [fake]);
      expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
    }
    const notMultipart = await t.call({ method: 'POST', url, token: owner, body: { file: 'x' } });
    expect(notMultipart.statusCode).toBe(415);
    expect(await countRows(t, 'order_files')).toBe(0);
    expect(filesUnder(path.join(dataDir, 'uploads'))).toEqual([]);
    expect((await docsOf(order.id)).items[0]?.status).toBe('pending');
  });

  it('refuses a file over the limit with 413, leaving nothing on disk or in the database', async () => {
    await start({ uploadMaxBytes: 64 * 1024 });
    const order = await createOrder(t, w);
    const [pan] = (await docsOf(order.id)).items;
    const url = `/api/v1/orders/${order.id}/documents/${pan!.id}/files`;
    const auditBefore = await t.services.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();

    const big = Buffer.concat([pdfBytes(), Buffer.alloc(200 * 1024, 0x20)]);
    const res = await upload(t, owner, url, [{ filename: 'big.pdf', content: big }]);
    expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
    expect(await countRows(t, 'order_files')).toBe(0);
    expect(filesUnder(path.join(dataDir, 'uploads'))).toEqual([]);
    const auditAfter = await t.services.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(auditAfter.n)).toBe(Number(auditBefore.n));
    expect((await docsOf(order.id)).maxUploadBytes).toBe(64 * 1024);

    // Exactly at the limit is fine.
    const exact = Buffer.concat([pdfBytes(), Buffer.alloc(64 * 1024 - pdfBytes().length, 0x20)]);
    expect((await upload(t, owner, url, [{ filename: 'exact.pdf', content: exact }])).statusCode).toBe(201);
  });

  it('refuses a second file on a one-file upload with 400 naming "file", keeping neither', async () => {
    await start();
    const order = await createOrder(t, w);
    const [pan] = (await docsOf(order.id)).items;
    const url = `/api/v1/orders/${order.id}/documents/${pan!.id}/files`;

    const res = await upload(t, owner, url, [
      { filename: 'one.pdf', content: pdfBytes('one'), contentType: 'application/pdf' },
      { filename: 'two.pdf', content: pdfBytes('two'), contentType: 'application/pdf' },
    ]);
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(res.json())).toContain('"field":"file"');
    expect(await countRows(t, 'order_files')).toBe(0);
    expect(filesUnder(path.join(dataDir, 'uploads'))).toEqual([]);

    // One file on its own is still fine.
    const single = await upload(t, owner, url, [
      { filename: 'one.pdf', content: pdfBytes('one'), contentType: 'application/pdf' },
    ]);
    expect(single.statusCode).toBe(201);
  });

  it('stores hostile and Unicode names safely inside the uploads folder', async () => {
    await start({ clientName: '../../etc/ राम & Sons', docNames: ['पैन कार्ड', '..', 'Share Certificate'] });
    const order = await createOrder(t, w);
    const docs = (await docsOf(order.id)).items;
    for (const doc of docs) {
      const res = await upload(t, owner, `/api/v1/orders/${order.id}/documents/${doc.id}/files`, [
        { filename: '../../../../etc/passwd.pdf', content: pdfBytes() },
      ]);
      expect(res.statusCode).toBe(201);
      expect(res.json<DocJson>().currentFile?.originalName).toBe('passwd.pdf');
    }
    const stored = filesUnder(dataDir).filter((f) => !f.endsWith('.db') && !f.includes('.db-') && f !== 'secret.key');
    expect(stored).toHaveLength(3);
    for (const file of stored) {
      expect(file).toMatch(/^uploads\/[a-z0-9-]+\/ord-2026-27-00001\/[a-z0-9-]+-v1\.pdf$/);
    }
    const keys = await t.services.database.db.selectFrom('order_files').select('storage_key').execute();
    expect(keys.map((k) => k.storage_key).sort()).toEqual(stored.sort());
  });

  it('tracks document statuses with history, reasons and suggestions, never moving the order itself', async () => {
    await start();
    const order = await createOrder(t, w);
    await transition(t, owner, order.id, 'documents_pending');
    const docs = (await docsOf(order.id)).items;
    const setStatus = (docId: number, body: Record<string, unknown>) =>
      t.call({ method: 'POST', url: `/api/v1/orders/${order.id}/documents/${docId}/status`, token: owner, body });

    expectProblem(await setStatus(docs[0]!.id, { status: 'accepted' }), 409, 'INVALID_TRANSITION');
    for (const d of docs) expect((await setStatus(d.id, { status: 'received' })).statusCode).toBe(200);
    let read = await get<OrderJson>(t, owner, `/api/v1/orders/${order.id}`);
    expect(read.stage.code).toBe('documents_pending');
    expect(read.documents).toMatchObject({ required: 3, received: 3, isComplete: true });
    expect(read.suggestedTransition).toMatchObject({ to: 'documents_received', reason: 'all_documents_received' });
    expect((await get<{ total: number }>(t, owner, '/api/v1/orders?documents=complete')).total).toBe(1);

    await transition(t, owner, order.id, 'documents_received');
    await transition(t, owner, order.id, 'documents_submitted');
    for (const d of docs) await setStatus(d.id, { status: 'submitted' });
    const noReason = await setStatus(docs[1]!.id, { status: 'rejected' });
    expectProblem(noReason, 400, 'REASON_REQUIRED');
    const rejected = await setStatus(docs[1]!.id, { status: 'rejected', reason: 'Signature does not match' });
    expect(rejected.json<DocJson>()).toMatchObject({ status: 'rejected', rejectionReason: 'Signature does not match' });
    read = await get<OrderJson>(t, owner, `/api/v1/orders/${order.id}`);
    expect(read.documents).toMatchObject({ received: 2, rejected: 1, isComplete: false });
    expect(read.suggestedTransition).toBeNull();

    await setStatus(docs[1]!.id, { status: 'submitted' });
    for (const d of docs) await setStatus(d.id, { status: 'accepted' });
    read = await get<OrderJson>(t, owner, `/api/v1/orders/${order.id}`);
    expect(read.documents).toMatchObject({ required: 3, accepted: 3 });
    expect(read.suggestedTransition).toMatchObject({ to: 'documents_approved', reason: 'all_documents_accepted' });
    expect(read.stage.code).toBe('documents_submitted');

    const detail = await get<{
      history: { from: string | null; to: string; reason: string | null; actor: { name: string } }[];
    }>(t, owner, `/api/v1/orders/${order.id}/documents/${docs[1]!.id}`);
    expect(detail.history.map((h) => [h.from, h.to, h.reason])).toEqual([
      [null, 'pending', null],
      ['pending', 'received', null],
      ['received', 'submitted', null],
      ['submitted', 'rejected', 'Signature does not match'],
      ['rejected', 'submitted', null],
      ['submitted', 'accepted', null],
    ]);
    expect(detail.history[3]?.actor.name).toBe('Asha Rao');
  });

  it('adds and removes requirements, keeping counts current, and refuses changes on a closed order', async () => {
    await start();
    const extra = await post<{ id: number }>(t, owner, '/api/v1/document-types', { name: 'Affidavit' });
    const order = await createOrder(t, w);
    const added = await t.call({
      method: 'POST',
      url: `/api/v1/orders/${order.id}/documents`,
      token: owner,
      body: { documentTypeIds: [extra.id] },
    });
    expect(added.statusCode).toBe(201);
    expect(added.json<{ completeness: { required: number } }>().completeness.required).toBe(4);
    const again = await t.call({
      method: 'POST',
      url: `/api/v1/orders/${order.id}/documents`,
      token: owner,
      body: { documentTypeIds: [extra.id] },
    });
    expectProblem(again, 409, 'DUPLICATE');

    const docs = (await docsOf(order.id)).items;
    const removed = await t.call({
      method: 'DELETE',
      url: `/api/v1/orders/${order.id}/documents/${docs[0]!.id}`,
      token: owner,
    });
    expect(removed.statusCode).toBe(200);
    expect(removed.json<{ items: DocJson[]; completeness: { required: number } }>().completeness.required).toBe(3);
    expect((await get<OrderJson>(t, owner, `/api/v1/orders/${order.id}`)).documents.required).toBe(3);
    const list = await get<{ items: OrderJson[] }>(t, owner, '/api/v1/orders');
    expect(list.items[0]?.documents.required).toBe(3);

    await transition(t, owner, order.id, 'failed');
    const closed = await upload(t, owner, `/api/v1/orders/${order.id}/documents/${docs[1]!.id}/files`, [
      { filename: 'a.pdf', content: pdfBytes() },
    ]);
    expectProblem(closed, 409, 'INVALID_STATE');
    expect(await countRows(t, 'order_files')).toBe(0);
  });

  it('serves files only to users who may read orders', async () => {
    await start();
    const order = await createOrder(t, w, { partnerId: w.partner.id });
    const [pan] = (await docsOf(order.id)).items;
    const res = await upload(t, owner, `/api/v1/orders/${order.id}/documents/${pan!.id}/files`, [
      { filename: 'pan.png', content: pngBytes() },
    ]);
    const file = res.json<DocJson>().currentFile!;
    expect((await t.call({ method: 'GET', url: file.downloadUrl })).statusCode).toBe(401);
    await t.createUser(owner, {
      name: 'Partner Login',
      email: 'partner@example.com',
      role: 'partner',
      partnerPartyId: w.partner.id,
    });
    const partner = await t.login('partner@example.com', 'staff password 123');
    expectProblem(await t.call({ method: 'GET', url: file.downloadUrl, token: partner.token }), 403, 'FORBIDDEN');
    const accountant = await createLoggedInUser(t, owner, 'accountant');
    const ok = await t.call({ method: 'GET', url: file.downloadUrl, token: accountant.token });
    expect(ok.statusCode).toBe(200);
    expect(ok.rawPayload).toEqual(pngBytes());
    // Staff may upload, the accountant may not.
    expectProblem(
      await upload(t, accountant.token, `/api/v1/orders/${order.id}/documents/${pan!.id}/files`, [
        { filename: 'x.png', content: pngBytes() },
      ]),
      403,
      'FORBIDDEN',
    );
    // A file id from another document is not found.
    const [, other] = (await docsOf(order.id)).items;
    expect(
      (
        await t.call({
          method: 'GET',
          url: `/api/v1/orders/${order.id}/documents/${other!.id}/files/${file.id}`,
          token: owner,
        })
      ).statusCode,
    ).toBe(404);
  });
});
