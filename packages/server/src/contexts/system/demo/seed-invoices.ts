import { CreateInvoiceInput } from '@bizdash/contracts/invoices';
import { CreatePaymentInput } from '@bizdash/contracts/payments';
import type { RequestContext } from '../../../platform/request-context';
import { DAY, isoDay, type DemoWorld } from './demo-world';
import { pick, randomInt } from './indian-data';
import type { CompletedOrder } from './seed-orders';

/**
 * The demo's books: sales invoices for most completed orders and stationery sold to a few business clients,
 * purchase bills from suppliers, and payments for most of them. Returns how many invoices and payments it made.
 */
export async function billYear(
  { random, realNow, at, invoices, payments }: Pick<DemoWorld, 'random' | 'realNow' | 'at' | 'invoices' | 'payments'>,
  {
    accountant,
    completed,
    clients,
    supplierIds,
  }: {
    accountant: RequestContext;
    completed: CompletedOrder[];
    clients: { id: number; name: string }[];
    supplierIds: number[];
  },
): Promise<{ invoices: number; payments: number }> {
  const start = realNow - 365 * DAY;
  // ---- invoices for most completed orders and stationery sold to a few business clients; payments for most.
  // Issued in date order, as a real office issues them: numbers in a series follow dates.
  const sales: { when: number; partyId: number; input: CreateInvoiceInput }[] = [];
  for (const c of completed.filter(() => random() < 0.85)) {
    sales.push({
      when: c.closedAt + DAY,
      partyId: c.clientId,
      input: CreateInvoiceInput.parse({
        type: 'sales',
        partyId: c.clientId,
        date: isoDay(c.closedAt + DAY),
        orderId: c.id,
        lines: [
          {
            description: `${c.typeName} service fee`,
            hsnSac: '998399',
            quantity: '1',
            unit: 'OTH',
            rate: String(c.fee),
            gstRate: '18',
          },
          {
            description: 'Documentation charges',
            hsnSac: '998399',
            quantity: '1',
            unit: 'OTH',
            rate: '1500',
            gstRate: '18',
          },
        ],
      }),
    });
  }
  for (let i = 0; i < 6; i++) {
    const when = start + Math.floor(((realNow - start) * (i + 0.5)) / 6);
    const client = clients[5 + i * 5] ?? clients[0];
    if (!client) break;
    sales.push({
      when,
      partyId: client.id,
      input: CreateInvoiceInput.parse({
        type: 'sales',
        partyId: client.id,
        date: isoDay(when),
        lines: [
          {
            description: 'A4 copier paper 75 GSM (ream)',
            hsnSac: '48025690',
            quantity: String(randomInt(random, 5, 20)),
            unit: 'PAC',
            rate: '260',
            gstRate: '12',
          },
          {
            description: 'Box file, foolscap',
            hsnSac: '48203000',
            quantity: '12',
            unit: 'NOS',
            rate: '95',
            gstRate: '12',
          },
        ],
      }),
    });
  }
  // Sorted by the document date (not the instant): two documents of one day keep their planned order.
  sales.sort((a, b) => isoDay(a.when).localeCompare(isoDay(b.when)) || a.when - b.when);
  const invoiceIds: { id: number; partyId: number; date: number; total: string }[] = [];
  for (const sale of sales) {
    at(sale.when);
    const draft = await invoices.create(accountant, sale.input);
    const issued = await invoices.issue(accountant, draft.id);
    invoiceIds.push({ id: issued.id, partyId: sale.partyId, date: sale.when, total: issued.totals.grandTotal });
  }
  let paymentCount = 0;
  invoiceIds.sort((a, b) => a.date - b.date);
  for (const inv of invoiceIds) {
    const r = random();
    const payAt = inv.date + randomInt(random, 3, 30) * DAY;
    if (payAt >= realNow || r > 0.8) continue;
    at(payAt);
    const full = r < 0.6;
    const amount = full ? inv.total : Math.round(Number(inv.total) / 2).toFixed(2);
    await payments.create(
      accountant,
      CreatePaymentInput.parse({
        direction: 'received',
        partyId: inv.partyId,
        date: isoDay(payAt),
        amount,
        mode: pick(random, ['bank_transfer', 'upi', 'cheque'] as const),
        reference: `UTR${String(inv.id).padStart(8, '0')}${randomInt(random, 100, 999)}`,
        allocations: [{ invoiceId: inv.id, amount }],
      }),
    );
    paymentCount++;
  }

  // ---- purchase bills from suppliers, most paid
  for (let i = 0; i < 8; i++) {
    const when = start + Math.floor(((realNow - start) * (i + 0.3)) / 8);
    at(when);
    const supplierId = supplierIds[i % supplierIds.length] ?? 0;
    const draft = await invoices.create(
      accountant,
      CreateInvoiceInput.parse({
        type: 'purchase',
        partyId: supplierId,
        date: isoDay(when),
        supplierNumber: `SUP/${100 + i * 7}`,
        supplierDate: isoDay(when),
        lines: [
          i % 2 === 0
            ? {
                description: 'A4 copier paper 75 GSM (ream)',
                hsnSac: '48025690',
                quantity: '40',
                unit: 'PAC',
                rate: '230',
                gstRate: '12',
              }
            : {
                description: 'Courier services for the month',
                hsnSac: '996812',
                quantity: '1',
                unit: 'OTH',
                rate: String(randomInt(random, 30, 60) * 100),
                gstRate: '18',
              },
        ],
      }),
    );
    const bill = await invoices.issue(accountant, draft.id);
    if (i < 6) {
      at(when + 10 * DAY);
      await payments.create(
        accountant,
        CreatePaymentInput.parse({
          direction: 'made',
          partyId: supplierId,
          date: isoDay(Math.min(when + 10 * DAY, realNow)),
          amount: bill.totals.grandTotal,
          mode: 'bank_transfer',
          reference: `NEFT${String(bill.id).padStart(10, '0')}`,
          allocations: [{ invoiceId: bill.id, amount: bill.totals.grandTotal }],
        }),
      );
      paymentCount++;
    }
  }

  return { invoices: invoiceIds.length + 8, payments: paymentCount };
}
