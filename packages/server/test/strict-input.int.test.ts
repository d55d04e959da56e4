import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/test-app';
import { testDialect } from './support/test-db';

/** Issue 16: unknown fields, NUL and other control characters are a 400 naming the field, and change nothing. */
describe(`strict input (${testDialect()})`, () => {
  let t: TestApp;
  let token: string;
  const partyCount = async () =>
    Number(
      (
        await t.services.database.db
          .selectFrom('parties')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp();
    await t.setup();
    ({ token } = await t.login());
  });
  afterAll(async () => t.close());

  const party = { name: 'Kapoor Associates', roles: ['partner'], kind: 'company', gstRegistrationType: 'unregistered' };

  it('refuses a misspelt field instead of dropping its value', async () => {
    const res = await t.call({
      method: 'POST',
      url: '/api/v1/parties',
      token,
      body: { ...party, revenueSharePercent: '40' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'revenueSharePercent' }] });
    expect(await partyCount()).toBe(0);
    const nested = await t.call({
      method: 'POST',
      url: '/api/v1/parties',
      token,
      body: {
        ...party,
        billingAddress: { line1: '1 MG Road', city: 'Pune', stateCode: '27', pin: '411001', zip: 'x' },
      },
    });
    expect(nested.json()).toMatchObject({ errors: [{ field: 'billingAddress.zip' }] });
  });

  it('refuses NUL, other control characters and bidi overrides in body, query and path', async () => {
    for (const name of ['Kapoor\u0000', 'Kapoor\u0007', 'Kapoor \u202Egnp']) {
      const res = await t.call({ method: 'POST', url: '/api/v1/parties', token, body: { ...party, name } });
      expect(res.statusCode, name).toBe(400);
      expect(res.json()).toMatchObject({ errors: [{ field: 'name' }] });
    }
    const query = await t.call({ method: 'GET', url: '/api/v1/parties?q=ab%00cd', token });
    expect(query.statusCode).toBe(400);
    expect(query.json()).toMatchObject({ errors: [{ field: 'q' }] });
    expect(await partyCount()).toBe(0);
    // Newlines and tabs are ordinary text.
    const ok = await t.call({
      method: 'POST',
      url: '/api/v1/parties',
      token,
      body: { ...party, notes: 'Line one\r\nLine two\tindented' },
    });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('exports a name that looks like a formula as text, and imports it back unchanged', async () => {
    const name = '=HYPERLINK("http://example.invalid","Click")';
    const created = await t.call({ method: 'POST', url: '/api/v1/parties', token, body: { ...party, name } });
    expect(created.statusCode, created.body).toBe(201);
    const csv = await t.call({ method: 'GET', url: '/api/v1/parties/export?format=csv&role=partner', token });
    expect(csv.body).toContain(`"'=HYPERLINK(""http://example.invalid"",""Click"")"`);
    expect(csv.body).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it('reads path ids as plain decimal only', async () => {
    const created = await t.call({
      method: 'POST',
      url: '/api/v1/parties',
      token,
      body: { ...party, name: 'Id Check' },
    });
    const id = created.json<{ id: number }>().id;
    expect((await t.call({ method: 'GET', url: `/api/v1/parties/${id}`, token })).statusCode).toBe(200);
    for (const bad of [`0x${id.toString(16)}`, `%20${id}`, `${id}e0`, `0${id}`, '-1', '1.5']) {
      const res = await t.call({ method: 'GET', url: `/api/v1/parties/${bad}`, token });
      expect(res.statusCode, bad).toBe(400);
      expect(res.json()).toMatchObject({ errors: [{ field: 'id' }] });
    }
  });

  it('refuses a boolean or a loose number where a number is expected, in body and query', async () => {
    const smtp = await t.call({
      method: 'PUT',
      url: '/api/v1/settings/email',
      token,
      body: { host: '127.0.0.1', port: true, secure: false, from: 'office@example.com' },
    });
    expect(smtp.statusCode).toBe(400);
    expect(smtp.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toContain('port');
    for (const page of ['0x2', '%202', '2e0', 'true']) {
      const res = await t.call({ method: 'GET', url: `/api/v1/parties?page=${page}`, token });
      expect(res.statusCode, page).toBe(400);
      expect(res.json()).toMatchObject({ errors: [{ field: 'page' }] });
    }
    expect((await t.call({ method: 'GET', url: '/api/v1/parties?page=2&pageSize=10', token })).statusCode).toBe(200);
  });

  it('refuses amounts beyond the domain-wide maximum, naming the field, so later sums cannot overflow', async () => {
    const client = await t.call({
      method: 'POST',
      url: '/api/v1/parties',
      token,
      body: { name: 'Big Spender', roles: ['client'], kind: 'company', gstRegistrationType: 'unregistered' },
    });
    const partyId = client.json<{ id: number }>().id;
    const payment = await t.call({
      method: 'POST',
      url: '/api/v1/payments',
      token,
      body: { direction: 'received', partyId, date: '2026-11-20', mode: 'upi', amount: '9999999999999.99' },
    });
    expect(payment.statusCode).toBe(400);
    expect(payment.json()).toMatchObject({ errors: [{ field: 'amount' }] });
    // At the limit it is accepted.
    const atLimit = await t.call({
      method: 'POST',
      url: '/api/v1/payments',
      token,
      body: { direction: 'received', partyId, date: '2026-11-20', mode: 'upi', amount: '1000000000.00' },
    });
    expect(atLimit.statusCode, atLimit.body).toBe(201);
    // A document whose lines add up past the document limit is refused as a whole.
    const invoice = await t.call({
      method: 'POST',
      url: '/api/v1/invoices',
      token,
      body: {
        type: 'sales',
        partyId,
        date: '2026-11-20',
        lines: [{ description: 'Bulk', hsnSac: '998311', quantity: '20', rate: '1000000000', gstRate: '18' }],
      },
    });
    expect(invoice.statusCode).toBe(400);
    expect(invoice.json()).toMatchObject({ errors: [{ field: 'lines' }] });
    // Past what the engine can even add up, the answer is the same 400 naming the lines, never a 500.
    const absurd = await t.call({
      method: 'POST',
      url: '/api/v1/invoices',
      token,
      body: {
        type: 'sales',
        partyId,
        date: '2026-11-20',
        lines: [{ description: 'Bulk', hsnSac: '998311', quantity: '100000', rate: '1000000000', gstRate: '18' }],
      },
    });
    expect(absurd.statusCode).toBe(400);
    expect(absurd.json()).toMatchObject({ errors: [{ field: 'lines' }] });
  });
});
