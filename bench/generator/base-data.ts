import type { Role } from '@bizdash/domain/permissions';
import { fixedClock } from '../../packages/server/src/platform/clock';
import type { Database } from '../../packages/server/src/platform/db/database';
import { systemContext, type RequestContext } from '../../packages/server/src/platform/request-context';
import { deriveKeys } from '../../packages/server/src/platform/security/secrets';
import { makeServices } from '../../packages/server/src/services';
import {
  DOCUMENT_TYPES,
  ITEMS,
  LISTED_COMPANIES,
  makeCin,
  makeGstin,
  ORDER_TYPES,
  REGISTRARS,
  seededRandom,
} from '../../packages/server/src/contexts/system/demo/indian-data';

/** Who can log in to a generated database (the benches use the owner). */
export const GENERATED_OWNER = {
  name: 'Anand Kulkarni',
  email: 'owner@generated.example',
  password: 'generated data owner 2026',
};

export const GENERATED_PASSWORD = 'generated data staff 2026';

const STAFF: readonly { name: string; role: Role }[] = [
  { name: 'Meera Joshi', role: 'manager' },
  { name: 'Rohit Patil', role: 'staff' },
  { name: 'Sneha Iyer', role: 'staff' },
  { name: 'Imran Shaikh', role: 'staff' },
  { name: 'Kavita Deshpande', role: 'staff' },
  { name: 'Arjun Nair', role: 'staff' },
  { name: 'Pooja Agarwal', role: 'staff' },
  { name: 'Vikram Rathore', role: 'staff' },
  { name: 'Harish Menon', role: 'accountant' },
];

export const BUSINESS_PAN = 'AAKCS4821M';
export const BUSINESS_GSTIN = makeGstin('27', BUSINESS_PAN);

export interface BaseData {
  users: { id: number; name: string; role: Role }[];
  /** Users who work on orders (manager and staff). */
  workers: { id: number; name: string }[];
  companies: { id: number; name: string }[];
  documentTypes: Map<string, number>;
  orderTypes: {
    id: number;
    name: string;
    defaultFeePaise: number;
    baseChargePaise: number;
    turnaroundDays: number;
    documents: { id: number; name: string }[];
  }[];
  business: { name: string; legalName: string; gstin: string; stateCode: string; snapshot: string };
}

/**
 * The small part of a generated database: setup, users, business settings and masters, written THROUGH the services
 * (so they carry real audit entries, and the audit chain stays valid). `at` is the day the firm started.
 */
export async function createBaseData(database: Database, at: Date): Promise<BaseData> {
  const clock = fixedClock(at);
  const services = makeServices({ database, clock, keys: deriveKeys('bench-generator-secret-0123456789abcdef') });
  const random = seededRandom(7);
  const ctx: RequestContext = systemContext('data generator');
  const owner = { ...ctx, actor: { ...ctx.actor, role: 'owner' as const } };

  if (!(await services.setup.needsSetup())) {
    throw new Error('the database is already set up: generate into a fresh database');
  }
  const business = {
    name: 'Sahyadri Share Services',
    legalName: 'Sahyadri Share Services Private Limited',
    gstin: BUSINESS_GSTIN,
    stateCode: '27',
  };
  await services.setup.run(ctx, {
    owner: GENERATED_OWNER,
    business: { name: business.name, stateCode: '27', gstin: business.gstin },
  });
  await services.settings.updateBusiness(owner, {
    legalName: business.legalName,
    pan: BUSINESS_PAN,
    address: { line1: '402, Kalpataru Chambers', line2: 'FC Road, Shivaji Nagar', city: 'Pune', pin: '411005' },
    bank: {
      accountName: business.legalName,
      accountNumber: '50200012345678',
      ifsc: 'HDFC0000007',
      bankName: 'HDFC Bank',
      branch: 'FC Road, Pune',
    },
    upiId: 'sahyadrishares@hdfcbank',
    signatoryName: GENERATED_OWNER.name,
  });

  const users: BaseData['users'] = [];
  const ownerRow = await services.users.findByEmail(database.db, GENERATED_OWNER.email);
  if (ownerRow) users.push({ id: ownerRow.id, name: ownerRow.name, role: 'owner' });
  await database.transaction(async (tx) => {
    for (const s of STAFF) {
      const email = `${s.name.split(' ')[0]?.toLowerCase() ?? 'user'}@generated.example`;
      const row = await services.users.insertUser(tx, owner, {
        name: s.name,
        email,
        role: s.role,
        password: GENERATED_PASSWORD,
      });
      users.push({ id: row.id, name: row.name, role: s.role });
    }
  });

  const registrarIds: number[] = [];
  for (const r of REGISTRARS) registrarIds.push((await services.masters.registrars.create(owner, r)).id);
  const companies: BaseData['companies'] = [];
  let serial = 11_000;
  for (const [i, c] of LISTED_COMPANIES.entries()) {
    const cin = makeCin(random, { listed: true, rocState: c.rocState, year: c.year, serial: serial++ });
    const created = await services.masters.companies.create(owner, {
      name: c.name,
      cin,
      registrarId: registrarIds[i % registrarIds.length] ?? 1,
    });
    companies.push({ id: created.id, name: created.name });
  }
  const documentTypes = new Map<string, number>();
  for (const d of DOCUMENT_TYPES) {
    documentTypes.set(d.name, (await services.masters.documentTypes.create(owner, d)).id);
  }
  const orderTypes: BaseData['orderTypes'] = [];
  for (const o of ORDER_TYPES) {
    const ids = o.documents.map((name) => documentTypes.get(name) ?? 0);
    const created = await services.masters.orderTypes.create(owner, {
      name: o.name,
      description: o.description,
      requiredDocumentTypeIds: ids,
      defaultFee: String(o.defaultFee),
      baseCharge: String(o.baseCharge),
      sacCode: '998399',
      gstRate: '18',
      turnaroundDays: o.turnaroundDays,
    });
    orderTypes.push({
      id: created.id,
      name: created.name,
      defaultFeePaise: o.defaultFee * 100,
      baseChargePaise: o.baseCharge * 100,
      turnaroundDays: o.turnaroundDays,
      documents: created.requiredDocuments.map((d) => ({ id: d.id, name: d.name })),
    });
  }
  for (const item of ITEMS) {
    await services.masters.items.create(owner, {
      name: item.name,
      kind: item.kind,
      hsnSac: item.hsnSac,
      unit: item.unit,
      gstRate: item.gstRate,
      salePrice: String(item.price),
      cessRate: '0',
      cessPerUnit: '0',
      isActive: true,
    });
  }

  const settings = await services.settings.getBusiness();
  const snapshot = JSON.stringify({
    registrationId: null,
    name: settings.name,
    legalName: business.legalName,
    tradeName: null,
    gstin: business.gstin,
    pan: BUSINESS_PAN,
    state: { code: '27', name: 'Maharashtra' },
    address: { line1: '402, Kalpataru Chambers', line2: 'FC Road, Shivaji Nagar', city: 'Pune', pin: '411005' },
    bank: {
      accountName: business.legalName,
      accountNumber: '50200012345678',
      ifsc: 'HDFC0000007',
      bankName: 'HDFC Bank',
      branch: 'FC Road, Pune',
    },
    upiId: 'sahyadrishares@hdfcbank',
    signatoryName: GENERATED_OWNER.name,
  });
  return {
    users,
    workers: users.filter((u) => u.role === 'manager' || u.role === 'staff').map(({ id, name }) => ({ id, name })),
    companies,
    documentTypes,
    orderTypes,
    business: { ...business, snapshot },
  };
}
