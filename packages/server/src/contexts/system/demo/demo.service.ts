import type { DemoSetupInput, DemoSummary } from '@bizdash/contracts/demo';
import type { UserSummary } from '@bizdash/contracts/auth';
import { AppError } from '@bizdash/domain/errors';
import type { Role } from '@bizdash/domain/permissions';
import type { AuditService } from '../../../platform/audit/audit.service';
import { makeBusinessCalendar } from '../../../platform/calendar/business-calendar';
import type { Clock } from '../../../platform/clock';
import type { Database } from '../../../platform/db/database';
import type { RequestContext } from '../../../platform/request-context';
import { makeInvoicesService } from '../../invoicing/index';
import { makeMastersService } from '../../parties/index';
import { followBusinessCalendar } from '../../analytics/index';
import { makeOrderLink, makeOrdersService } from '../../orders/index';
import { makePartiesService } from '../../parties/index';
import { makePaymentsService } from '../../invoicing/index';
import { makeSettingsService } from '../../parties/index';
import type { SetupService } from '../setup/setup.service';
import type { UsersService } from '../../identity/index';
import { DAY, type DemoWorld, type TeamMember } from './demo-world';
import { makeGstin, seededRandom } from './indian-data';
import { billYear } from './seed-invoices';
import { seedMasters } from './seed-masters';
import { liveOrders, ORDERS } from './seed-orders';
import { seedParties } from './seed-parties';

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

const DEMO_USERS: readonly { name: string; email: string; role: Role }[] = [
  { name: 'Rahul Kulkarni', email: 'rahul@demo.bizdash.example', role: 'manager' },
  { name: 'Sneha Patil', email: 'sneha@demo.bizdash.example', role: 'staff' },
  { name: 'Imran Shaikh', email: 'imran@demo.bizdash.example', role: 'staff' },
  { name: 'Kavita Joshi', email: 'kavita@demo.bizdash.example', role: 'accountant' },
];

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

    // Business time on the demo's own clock: its documents are dated as the walk through the year goes.
    const calendar = makeBusinessCalendar({ database, clock });
    const masters = makeMastersService({ database, audit, clock });
    const settings = makeSettingsService({
      database,
      audit,
      clock,
      calendar,
      onCalendarChanged: followBusinessCalendar(database.dialect),
    });
    const parties = makePartiesService({ database, audit, clock });
    const orders = makeOrdersService({ database, audit, clock, calendar });
    const orderLink = makeOrderLink(() => payments);
    const payments = makePaymentsService({ database, audit, clock, calendar, orderLink });
    const invoices = makeInvoicesService({ database, audit, clock, calendar, payments, orderLink });
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

    const team: TeamMember[] = [];
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

    const world: DemoWorld = { random, realNow, at, ownerCtx, masters, parties, orders, payments, invoices };
    const { companyIds, orderTypes } = await seedMasters(world);
    const { clients, partnerIds, supplierIds } = await seedParties(world);
    const completed = await liveOrders(world, { orderTypes, clients, workers, partnerIds, companyIds });
    const billed = await billYear(world, { accountant, completed, clients, supplierIds });

    const summary: DemoSummary = {
      businessName: 'Deshmukh Share Services',
      users: 1 + DEMO_USERS.length,
      parties: clients.length + partnerIds.length + supplierIds.length,
      orders: ORDERS,
      invoices: billed.invoices,
      payments: billed.payments,
    };
    const owner: UserSummary = user;
    return { user: owner, summary };
  }

  return { load };
}
