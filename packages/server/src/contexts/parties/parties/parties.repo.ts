import type { Insertable, Selectable, Updateable } from 'kysely';
import type {
  Address,
  ForeignAddress,
  ListPartiesQuery,
  Party,
  PartyPage,
  PartyRole,
  Payout,
} from '@bizdash/contracts/parties';
import { toMoneyString } from '@bizdash/domain/money';
import type { Database, Executor } from '../../../platform/db/database';
import { toBool } from '../../../platform/db/columns';
import { matchesSearch, searchRank } from '../../../platform/db/trigram-search';
import type { PartiesTable } from './parties.tables';

export type PartyRow = Selectable<PartiesTable>;

const SORT_COLUMNS = { name: 'name', createdAt: 'created_at', updatedAt: 'updated_at' } as const;

const ROLE_COLUMNS = { client: 'is_client', supplier: 'is_supplier', partner: 'is_partner' } as const;

function parseJson<T>(text: string | null): T | null {
  // Written only by this module from validated values, so the shape is known.
  return text === null ? null : (JSON.parse(text) as T);
}

export function toParty(row: PartyRow): Party {
  const roles: PartyRole[] = [];
  if (toBool(row.is_client)) roles.push('client');
  if (toBool(row.is_supplier)) roles.push('supplier');
  if (toBool(row.is_partner)) roles.push('partner');
  return {
    id: row.id,
    name: row.name,
    legalName: row.legal_name,
    // The CHECK constraints hold these to the contract's enums.
    kind: row.kind as Party['kind'],
    roles,
    emails: parseJson<string[]>(row.emails) ?? [],
    phones: parseJson<string[]>(row.phones) ?? [],
    billingAddress: parseJson<Address>(row.billing_address),
    shippingAddress: parseJson<Address>(row.shipping_address),
    countryCode: row.country_code,
    foreignAddress: parseJson<ForeignAddress>(row.foreign_address),
    gstin: row.gstin,
    pan: row.pan,
    gstRegistrationType: row.gst_registration_type as Party['gstRegistrationType'],
    paymentTermsDays: row.payment_terms_days,
    creditLimit: row.credit_limit_paise === null ? null : toMoneyString(Number(row.credit_limit_paise)),
    openingBalance: toMoneyString(Number(row.opening_balance_paise)),
    openingBalanceDate: row.opening_balance_on,
    tags: parseJson<string[]>(row.tags) ?? [],
    notes: row.notes,
    revenueShare: row.revenue_share_bp === null ? null : toMoneyString(row.revenue_share_bp),
    payout: parseJson<Payout>(row.payout),
    emailReminders: toBool(row.email_reminders),
    isArchived: row.archived_at !== null,
    archivedAt: row.archived_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface PartyUsages {
  orders: number;
  invoices: number;
}

export interface DuplicateHit {
  kind: 'gstin' | 'phone' | 'email';
  value: string;
  id: number;
  name: string;
}

export function makePartiesRepo(database: Database) {
  const { dialect } = database;

  async function list(query: ListPartiesQuery): Promise<Omit<PartyPage, 'items'> & { items: Party[] }> {
    let base = database.db.selectFrom('parties');
    if (query.role) base = base.where(ROLE_COLUMNS[query.role], '=', true);
    if (query.archived === 'false') base = base.where('archived_at', 'is', null);
    if (query.archived === 'true') base = base.where('archived_at', 'is not', null);
    if (query.q) base = base.where(matchesSearch(dialect, query.q));
    if (query.tag) {
      // Tags are a JSON array of strings; the quoted form matches one whole tag.
      base = base.where('tags', 'like', `%${JSON.stringify(query.tag)}%`);
    }
    const countRow = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    const ranked =
      query.sort === 'relevance' && query.q
        ? base.selectAll().orderBy(searchRank(dialect, query.q), 'desc').orderBy('name', 'asc')
        : base.selectAll().orderBy(SORT_COLUMNS[query.sort === 'relevance' ? 'name' : query.sort], query.order);
    const rows = await ranked
      // id breaks ties so pages never overlap or skip rows
      .orderBy('id', query.order)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
    return { items: rows.map(toParty), total: Number(countRow.total), page: query.page, pageSize: query.pageSize };
  }

  function findById(executor: Executor, id: number) {
    return executor.selectFrom('parties').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Replaces a party's indexed emails and phones (same transaction as the party write). */
  async function replaceContacts(executor: Executor, id: number, emails: string[], phones: string[]) {
    await executor.deleteFrom('party_contacts').where('party_id', '=', id).execute();
    const rows = [
      ...[...new Set(emails)].map((value) => ({ party_id: id, kind: 'email' as const, value })),
      ...[...new Set(phones)].map((value) => ({ party_id: id, kind: 'phone' as const, value })),
    ];
    if (rows.length > 0) await executor.insertInto('party_contacts').values(rows).execute();
  }

  /** Other parties (archived ones too) sharing a GSTIN, phone or email; index lookups only. */
  async function findDuplicates(
    executor: Executor,
    probe: { gstin?: string | null; phones: string[]; emails: string[]; excludeId?: number | undefined },
  ): Promise<DuplicateHit[]> {
    const hits: DuplicateHit[] = [];
    if (probe.gstin) {
      let q = executor.selectFrom('parties').select(['id', 'name', 'gstin']).where('gstin', '=', probe.gstin);
      if (probe.excludeId !== undefined) q = q.where('id', '<>', probe.excludeId);
      for (const r of await q.orderBy('id').limit(5).execute()) {
        hits.push({ kind: 'gstin', value: probe.gstin, id: r.id, name: r.name });
      }
    }
    const contacts = [
      ...probe.phones.map((value) => ({ kind: 'phone' as const, value })),
      ...probe.emails.map((value) => ({ kind: 'email' as const, value })),
    ];
    if (contacts.length > 0) {
      let q = executor
        .selectFrom('party_contacts')
        .innerJoin('parties', 'parties.id', 'party_contacts.party_id')
        .select(['parties.id', 'parties.name', 'party_contacts.kind', 'party_contacts.value'])
        .where((eb) =>
          eb.or(contacts.map((c) => eb.and([eb('party_contacts.kind', '=', c.kind), eb('value', '=', c.value)]))),
        );
      if (probe.excludeId !== undefined) q = q.where('parties.id', '<>', probe.excludeId);
      for (const r of await q.orderBy('parties.id').limit(20).execute()) {
        hits.push({ kind: r.kind, value: r.value, id: r.id, name: r.name });
      }
    }
    return hits;
  }

  /**
   * What uses a party, so it can be refused archiving: orders where it is the client or the partner (each an index
   * lookup). The invoices table adds its count in its own issue.
   */
  async function countUsages(executor: Executor, id: number): Promise<PartyUsages> {
    const row = await executor
      .selectFrom('orders')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => eb.or([eb('client_id', '=', id), eb('partner_id', '=', id)]))
      .executeTakeFirstOrThrow();
    // Drafts and cancelled documents count too: they still name the party. Payments name it as well.
    const docs = await executor
      .selectFrom('invoices')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('party_id', '=', id)
      .executeTakeFirstOrThrow();
    const payments = await executor
      .selectFrom('payments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('party_id', '=', id)
      .executeTakeFirstOrThrow();
    return { orders: Number(row.n), invoices: Number(docs.n) + Number(payments.n) };
  }

  return { list, findById, replaceContacts, findDuplicates, countUsages };
}

export function insertParty(executor: Executor, values: Insertable<PartiesTable>): Promise<PartyRow> {
  return executor.insertInto('parties').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateParty(executor: Executor, id: number, values: Updateable<PartiesTable>): Promise<PartyRow> {
  return executor.updateTable('parties').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}
