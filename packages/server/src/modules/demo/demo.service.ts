import type { DemoSetupInput, DemoSummary } from '@bizdash/contracts/demo';
import type { UserSummary } from '@bizdash/contracts/auth';
import { CreateInvoiceInput } from '@bizdash/contracts/invoices';
import { CreateItemInput, CreateOrderTypeInput } from '@bizdash/contracts/masters';
import { CreateOrderInput } from '@bizdash/contracts/orders';
import { CreatePartyInput } from '@bizdash/contracts/parties';
import { CreatePaymentInput } from '@bizdash/contracts/payments';
import { CreateTaskInput } from '@bizdash/contracts/tasks';
import { AppError } from '@bizdash/domain/errors';
import { STAGE_CODES } from '@bizdash/domain/orders/lifecycle';
import type { Role } from '@bizdash/domain/permissions';
import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import type { RequestContext } from '../../platform/request-context';
import { makeInvoicesService } from '../invoices/invoices.service';
import { makeMastersService } from '../masters/masters.service';
import { makeOrdersService } from '../orders/orders.service';
import { makePartiesService } from '../parties/parties.service';
import { makePaymentsService } from '../payments/payments.service';
import { makeSettingsService } from '../settings/settings.service';
import type { SetupService } from '../setup/setup.service';
import type { UsersService } from '../users/users.service';
import {
  DOCUMENT_TYPES,
  ITEMS,
  LISTED_COMPANIES,
  makeAddress,
  makeCin,
  makeGstin,
  makeMobile,
  makePan,
  ORDER_TYPES,
  panHolderOf,
  personName,
  businessName,
  pick,
  pickCity,
  randomInt,
  REGISTRARS,
  seededRandom,
  CITIES,
} from './indian-data';
import { buildLife, pickFinalStage } from './order-life';

export interface DemoServiceDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
  setup: Pick<SetupService, 'needsSetup' | 'run'>;
  users: Pick<UsersService, 'insertUser'>;
}

export type DemoService = ReturnType<typeof makeDemoService>;

/** The owner `bizdash demo` creates unless told otherwise; printed at the end (a demo is not for real books). */
export const DEMO_OWNER = { name: 'Asha Deshmukh', email: 'demo@bizdash.example', password: 'demo firm password' };
const DEMO_STAFF_PASSWORD = 'demo staff password';
const PAN = 'AAFCD5102K';
const DAY = 86_400_000;

const DEMO_USERS: readonly { name: string; email: string; role: Role }[] = [
  { name: 'Rahul Kulkarni', email: 'rahul@demo.bizdash.example', role: 'manager' },
  { name: 'Sneha Patil', email: 'sneha@demo.bizdash.example', role: 'staff' },
  { name: 'Imran Shaikh', email: 'imran@demo.bizdash.example', role: 'staff' },
  { name: 'Kavita Joshi', email: 'kavita@demo.bizdash.example', role: 'accountant' },
];

const SUPPLIERS = [
  'Navkar Stationers',
  'Blue Dart Courier Franchise',
  'Shree Printers and Binders',
  'Modern Office Systems',
  'Deccan Notary Services',
  'Konkan IT Solutions',
  'Laxmi Stamp Vendors',
  'Metro Xerox Centre',
  'Sahyadri Legal Associates',
  'Unity Facility Services',
] as const;

const COMMENTS = [
  'Client will drop the originals at the office on Monday.',
  'Registrar acknowledged receipt; inward number noted on the file.',
  'Legal heir certificate expected next week, client confirmed on call.',
  'Objection letter received; a fresh indemnity bond is needed.',
  'Demat request generated, DRN shared with the client.',
] as const;

const TASKS = [
  'Collect original share certificates',
  'Courier the document set to the registrar',
  'Follow up with the RTA on the objection',
  'Get the affidavit notarised',
] as const;

/**
 * `bizdash demo` and the first-run "Load a demo firm": a small, realistic share-services firm in Pune with a year of
 * work, entered THROUGH the services (validation, numbering, timelines, audit entries are all real). Business dates
 * follow a simulated clock that walks through the year; the audit log keeps the real time of loading. Refused once
 * the database has a business, even an empty one: demo parties and invoice numbers must never mix into real books.
 */
export function makeDemoService(deps: DemoServiceDeps) {
  const { database, audit } = deps;

  async function load(input: DemoSetupInput, options: { requestId?: string | null; ip?: string | null } = {}) {
    if (!(await deps.setup.needsSetup())) {
      throw new AppError(
        'SETUP_ALREADY_DONE',
        'This database already has a business; the demo firm loads only into a new, empty installation',
      );
    }
    const realNow = deps.clock.now().getTime();
    // The demo's own clock: it walks through the past year as the work happens.
    let current = realNow - 380 * DAY;
    const clock: Clock = { now: () => new Date(current) };
    const at = (ms: number) => {
      current = Math.min(ms, realNow);
    };
    const base: RequestContext = {
      actor: { type: 'system', id: null, name: 'demo loader', role: null },
      requestId: options.requestId ?? null,
      ip: options.ip ?? null,
    };
    const { user } = await deps.setup.run(base, {
      owner: input.owner,
      business: { name: 'Deshmukh Share Services', stateCode: '27', gstin: makeGstin('27', PAN) },
    });
    const ownerCtx: RequestContext = { ...base, actor: { type: 'user', id: user.id, name: user.name, role: 'owner' } };

    const masters = makeMastersService({ database, audit, clock });
    const settings = makeSettingsService({ database, audit, clock });
    const parties = makePartiesService({ database, audit, clock });
    const orders = makeOrdersService({ database, audit, clock });
    const payments = makePaymentsService({ database, audit, clock });
    const invoices = makeInvoicesService({ database, audit, clock, payments });
    const random = seededRandom(2026);

    await settings.updateBusiness(ownerCtx, {
      legalName: 'Deshmukh Share Services Private Limited',
      pan: PAN,
      address: { line1: 'Office 12, Kalpataru Chambers', line2: 'FC Road, Shivaji Nagar', city: 'Pune', pin: '411005' },
      bank: {
        accountName: 'Deshmukh Share Services Private Limited',
        accountNumber: '50200087654321',
        ifsc: 'HDFC0000007',
        bankName: 'HDFC Bank',
        branch: 'FC Road, Pune',
      },
      upiId: 'deshmukhshares@hdfcbank',
      signatoryName: user.name,
      invoiceTerms: 'Payment within 15 days. Interest at 18% p.a. on overdue amounts.',
    });

    const team: { ctx: RequestContext; id: number; role: Role }[] = [];
    await database.transaction(async (tx) => {
      for (const u of DEMO_USERS) {
        const row = await deps.users.insertUser(tx, ownerCtx, { ...u, password: DEMO_STAFF_PASSWORD });
        team.push({
          id: row.id,
          role: u.role,
          ctx: { ...base, actor: { type: 'user', id: row.id, name: u.name, role: u.role } },
        });
      }
    });
    const workers = team.filter((t) => t.role === 'manager' || t.role === 'staff');
    const accountant = team.find((t) => t.role === 'accountant')?.ctx ?? ownerCtx;

    // ---- masters
    const registrarIds: number[] = [];
    for (const r of REGISTRARS) registrarIds.push((await masters.registrars.create(ownerCtx, r)).id);
    const companyIds: number[] = [];
    for (const [i, c] of LISTED_COMPANIES.slice(0, 6).entries()) {
      const cin = makeCin(random, { listed: true, rocState: c.rocState, year: c.year, serial: 20_000 + i * 37 });
      companyIds.push(
        (await masters.companies.create(ownerCtx, { name: c.name, cin, registrarId: registrarIds[i % 4] ?? 1 })).id,
      );
    }
    const docTypeIds = new Map<string, number>();
    for (const d of DOCUMENT_TYPES) docTypeIds.set(d.name, (await masters.documentTypes.create(ownerCtx, d)).id);
    const orderTypes = [];
    for (const o of ORDER_TYPES) {
      orderTypes.push({
        turnaroundDays: o.turnaroundDays,
        fee: o.defaultFee,
        type: await masters.orderTypes.create(
          ownerCtx,
          CreateOrderTypeInput.parse({
            name: o.name,
            description: o.description,
            requiredDocumentTypeIds: o.documents.map((d) => docTypeIds.get(d) ?? 0),
            defaultFee: String(o.defaultFee),
            baseCharge: String(o.baseCharge),
            sacCode: '998399',
            gstRate: '18',
            turnaroundDays: o.turnaroundDays,
          }),
        ),
      });
    }
    for (const item of ITEMS) {
      await masters.items.create(ownerCtx, CreateItemInput.parse({ ...item, salePrice: String(item.price) }));
    }

    // ---- parties: 40 clients, 8 partners, 10 suppliers
    let serial = 5000;
    const clients: { id: number; name: string }[] = [];
    for (let i = 0; i < 40; i++) {
      const isPerson = i % 8 < 5;
      const city = i % 3 === 0 ? pickCity(random) : (CITIES[i % 6] ?? pickCity(random));
      const phone = makeMobile(serial, random);
      if (isPerson) {
        const p = personName(random);
        const pan = makePan(serial++, 'P', p.last.charAt(0).toUpperCase(), random);
        const created = await parties.create(
          ownerCtx,
          CreatePartyInput.parse({
            name: p.full,
            kind: 'individual',
            roles: ['client'],
            emails: [`${p.first}.${p.last}${i}@gmail.com`.toLowerCase().replace(/[^a-z0-9.@]/g, '')],
            phones: [phone],
            pan,
            gstRegistrationType: 'consumer',
            billingAddress: makeAddress(random, city),
            tags: i % 7 === 0 ? ['senior-citizen'] : i % 11 === 0 ? ['nri'] : [],
          }),
        );
        clients.push({ id: created.id, name: created.name });
      } else {
        const b = businessName(random);
        const pan = makePan(serial++, panHolderOf(b.constitution), b.slug.charAt(0).toUpperCase() || 'A', random);
        const created = await parties.create(
          ownerCtx,
          CreatePartyInput.parse({
            name: b.name,
            kind: b.constitution === 'company' ? 'company' : 'firm',
            roles: ['client'],
            emails: [`accounts@${b.slug.slice(0, 20) || 'firm'}.in`],
            phones: [phone],
            pan,
            gstin: makeGstin(city.stateCode, pan),
            gstRegistrationType: 'regular',
            billingAddress: makeAddress(random, city),
            paymentTermsDays: 15,
          }),
        );
        clients.push({ id: created.id, name: created.name });
      }
    }
    const partnerIds: number[] = [];
    const shares = ['30', '35', '40', '40', '45', '50', '50', '30'];
    for (let i = 0; i < 8; i++) {
      const p = personName(random);
      const city = CITIES[i % 4] ?? pickCity(random);
      const created = await parties.create(
        ownerCtx,
        CreatePartyInput.parse({
          name: `${p.full}${i % 2 === 0 ? ' (Sub-broker)' : ''}`,
          kind: 'individual',
          roles: ['partner'],
          emails: [`${p.first}.${p.last}.partner${i}@gmail.com`.toLowerCase().replace(/[^a-z0-9.@]/g, '')],
          phones: [makeMobile(serial++, random)],
          gstRegistrationType: 'consumer',
          billingAddress: makeAddress(random, city),
          revenueShare: shares[i] ?? '40',
          payout: {
            bankAccountName: p.full,
            bankAccountNumber: `3${randomInt(random, 100000000, 999999999)}`,
            ifsc: 'SBIN0000300',
          },
        }),
      );
      partnerIds.push(created.id);
    }
    const supplierIds: number[] = [];
    for (const [i, name] of SUPPLIERS.entries()) {
      const city = CITIES[i % 2] ?? pickCity(random);
      const pan = makePan(serial++, i % 3 === 0 ? 'C' : 'F', name.charAt(0), random);
      const created = await parties.create(
        ownerCtx,
        CreatePartyInput.parse({
          name,
          kind: i % 3 === 0 ? 'company' : 'firm',
          roles: ['supplier'],
          emails: [
            `billing@${name
              .toLowerCase()
              .replace(/[^a-z]/g, '')
              .slice(0, 18)}.in`,
          ],
          phones: [makeMobile(serial++, random)],
          pan,
          gstin: makeGstin(city.stateCode, pan),
          gstRegistrationType: 'regular',
          billingAddress: makeAddress(random, city),
          paymentTermsDays: 30,
        }),
      );
      supplierIds.push(created.id);
    }

    // ---- a year of orders, each lived through in time order
    const ORDERS = 90;
    const start = realNow - 365 * DAY;
    const completed: { id: number; clientId: number; fee: number; closedAt: number; typeName: string }[] = [];
    for (let n = 0; n < ORDERS; n++) {
      const createdAt =
        start + Math.floor(((realNow - 2 * DAY - start) * n) / ORDERS) + randomInt(random, 0, 6) * 3_600_000;
      at(createdAt);
      const ot = pick(random, orderTypes);
      const client = pick(random, clients);
      const worker = pick(random, workers);
      const shares = randomInt(random, 2, 100) * 50;
      const order = await orders.create(
        worker.ctx,
        CreateOrderInput.parse({
          title: `${ot.type.name}: ${shares} shares for ${client.name}`,
          clientId: client.id,
          partnerId: random() < 0.45 ? pick(random, partnerIds) : null,
          orderTypeId: ot.type.id,
          companyId: pick(random, companyIds),
          shareCount: shares,
          sharePrice: String(randomInt(random, 50, 2000)),
          assigneeId: worker.id,
          priority: random() < 0.15 ? 'high' : 'normal',
        }),
      );
      const docs = (await orders.documents.list(order.id)).items;
      // Every stage shows up: the first orders of the list are spread over all stages by their age.
      const ageDays = (realNow - createdAt) / DAY;
      // The ten most recent orders cover every stage once, whatever the random mix gave the others.
      const target =
        n >= ORDERS - STAGE_CODES.length
          ? (STAGE_CODES[ORDERS - 1 - n] ?? 'received')
          : pickFinalStage(random, ageDays);
      const life = buildLife(random, createdAt, realNow - 3_600_000, ot.turnaroundDays, docs.length, target);
      const moves: { t: number; run: () => Promise<unknown> }[] = [];
      for (const step of life.steps.slice(1)) {
        moves.push({
          t: step.at,
          run: () =>
            orders.transition(worker.ctx, order.id, {
              to: step.to,
              ...(step.to === 'failed' ? { note: 'Client withdrew the request' } : {}),
            }),
        });
      }
      life.documents.forEach((history, i) => {
        const doc = docs[i];
        if (!doc) return;
        for (const h of history.slice(1)) {
          moves.push({
            t: h.at,
            run: () =>
              orders.documents.setStatus(worker.ctx, order.id, doc.id, {
                status: h.to,
                ...(h.reason ? { reason: h.reason } : {}),
              }),
          });
        }
      });
      if (random() < 0.5) {
        const taskAt = createdAt + 2 * 3_600_000;
        const isDone = life.stage === 'completed' || life.stage === 'failed' || random() < 0.3;
        moves.push({
          t: taskAt,
          run: async () => {
            const task = await orders.tasks.create(
              worker.ctx,
              CreateTaskInput.parse({
                title: pick(random, TASKS),
                orderId: order.id,
                assigneeId: worker.id,
                dueDate: new Date(taskAt + randomInt(random, 3, 20) * DAY + 19_800_000).toISOString().slice(0, 10),
              }),
            );
            if (isDone) {
              at(Math.min(taskAt + 2 * DAY, life.lastAt));
              await orders.tasks.update(worker.ctx, task.id, { isCompleted: true });
            }
          },
        });
      }
      if (random() < 0.6) {
        const manager = workers.find((w) => w.role === 'manager');
        const mention = manager && manager.id !== worker.id && random() < 0.4;
        moves.push({
          t: createdAt + Math.round((life.lastAt - createdAt) * 0.5) + 60_000,
          run: () =>
            orders.comments.create(worker.ctx, order.id, {
              body: `${pick(random, COMMENTS)}${mention ? ` @[${manager.ctx.actor.name ?? ''}](user:${manager.id})` : ''}`,
              mentions: [],
            }),
        });
      }
      moves.sort((a, b) => a.t - b.t);
      // Documents change only while the order is open: anything after a close happens just before it.
      const closeAt =
        life.stage === 'completed' || life.stage === 'failed'
          ? (life.steps[life.steps.length - 1]?.at ?? realNow)
          : realNow;
      for (const move of moves) {
        at(Math.min(move.t, closeAt));
        await move.run();
      }
      if (life.stage === 'completed') {
        completed.push({ id: order.id, clientId: client.id, fee: ot.fee, closedAt: closeAt, typeName: ot.type.name });
      }
    }

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

    const summary: DemoSummary = {
      businessName: 'Deshmukh Share Services',
      users: 1 + DEMO_USERS.length,
      parties: clients.length + partnerIds.length + supplierIds.length,
      orders: ORDERS,
      invoices: invoiceIds.length + 8,
      payments: paymentCount,
    };
    const owner: UserSummary = user;
    return { user: owner, summary };
  }

  return { load };
}

/** The calendar day in India of an instant. */
function isoDay(ms: number): string {
  return new Date(ms + 330 * 60_000).toISOString().slice(0, 10);
}
