import type {
  Company,
  CompanyPage,
  DocumentType,
  DocumentTypePage,
  Item,
  ItemPage,
  ListCompaniesQuery,
  ListDocumentTypesQuery,
  ListItemsQuery,
  ListOrderTypesQuery,
  ListRegistrarsQuery,
  OrderType,
  OrderTypePage,
  Registrar,
  RegistrarPage,
} from '@bizdash/contracts/masters';
import { formatRateBp } from '@bizdash/domain/gst/units';
import { toMoneyString } from '@bizdash/domain/money';
import { sql } from 'kysely';
import type { Database, Executor } from '../../../platform/db/database';
import { containsText } from '../../../platform/db/dialect-sql';
import { toBool } from '../../../platform/db/columns';
import type { DocumentTypeRow, ItemRow, OrderTypeRow, RegistrarRow } from './masters.tables';

/** Master tables that carry a name, an archive mark and timestamps. */
export type MasterTable = 'registrars' | 'companies' | 'document_types' | 'order_types' | 'items';

const SORT_COLUMNS = { name: 'name', createdAt: 'created_at', hsnSac: 'hsn_sac' } as const;

function archivedClause(archived: 'false' | 'true' | 'all') {
  if (archived === 'all') return null;
  return archived === 'true' ? sql<boolean>`archived_at is not null` : sql<boolean>`archived_at is null`;
}

function pageMeta(query: { page: number; pageSize: number }) {
  return { limit: query.pageSize, offset: (query.page - 1) * query.pageSize };
}

export function toRegistrar(row: RegistrarRow): Registrar {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    address: row.address,
    website: row.website,
    archivedAt: row.archived_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toDocumentType(row: DocumentTypeRow): DocumentType {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    archivedAt: row.archived_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toItem(row: ItemRow): Item {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    kind: row.kind,
    hsnSac: row.hsn_sac,
    unit: row.uqc,
    gstRate: formatRateBp(row.gst_rate_bp),
    cessRate: formatRateBp(row.cess_rate_bp),
    cessPerUnit: toMoneyString(Number(row.cess_per_unit_paise)),
    taxability: row.taxability,
    salePrice: row.sale_price_paise === null ? null : toMoneyString(Number(row.sale_price_paise)),
    purchasePrice: row.purchase_price_paise === null ? null : toMoneyString(Number(row.purchase_price_paise)),
    isActive: toBool(row.is_active),
    archivedAt: row.archived_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

interface CompanyJoined {
  id: number;
  name: string;
  cin: string | null;
  isin: string | null;
  registrar_id: number;
  registrar_name: string;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

function toCompany(row: CompanyJoined): Company {
  return {
    id: row.id,
    name: row.name,
    cin: row.cin,
    isin: row.isin,
    registrar: { id: row.registrar_id, name: row.registrar_name },
    archivedAt: row.archived_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function makeMastersRepo(database: Database) {
  const { dialect } = database;

  async function listRegistrars(query: ListRegistrarsQuery): Promise<RegistrarPage> {
    let base = database.db.selectFrom('registrars');
    const archived = archivedClause(query.archived);
    if (archived) base = base.where(archived);
    if (query.q) base = base.where(containsText(dialect, 'name', query.q));
    const count = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    const { limit, offset } = pageMeta(query);
    const rows = await base
      .selectAll()
      .orderBy(SORT_COLUMNS[query.sort], query.order)
      // id breaks ties so pages never overlap or skip rows
      .orderBy('id', query.order)
      .limit(limit)
      .offset(offset)
      .execute();
    return { items: rows.map(toRegistrar), total: Number(count.total), page: query.page, pageSize: query.pageSize };
  }

  function companiesBase(executor: Executor) {
    return executor.selectFrom('companies').innerJoin('registrars', 'registrars.id', 'companies.registrar_id');
  }
  const companyColumns = [
    'companies.id',
    'companies.name',
    'companies.cin',
    'companies.isin',
    'companies.registrar_id',
    'registrars.name as registrar_name',
    'companies.archived_at',
    'companies.created_at',
    'companies.updated_at',
  ] as const;

  async function listCompanies(query: ListCompaniesQuery): Promise<CompanyPage> {
    let base = companiesBase(database.db);
    if (query.archived === 'false') base = base.where('companies.archived_at', 'is', null);
    if (query.archived === 'true') base = base.where('companies.archived_at', 'is not', null);
    if (query.q) base = base.where(containsText(dialect, 'companies.name', query.q));
    if (query.registrarId) base = base.where('companies.registrar_id', '=', query.registrarId);
    const count = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    const { limit, offset } = pageMeta(query);
    const sortColumn = query.sort === 'createdAt' ? 'companies.created_at' : 'companies.name';
    const rows = await base
      .select(companyColumns)
      .orderBy(sortColumn, query.order)
      .orderBy('companies.id', query.order)
      .limit(limit)
      .offset(offset)
      .execute();
    return { items: rows.map(toCompany), total: Number(count.total), page: query.page, pageSize: query.pageSize };
  }

  async function getCompany(executor: Executor, id: number): Promise<Company | undefined> {
    const row = await companiesBase(executor).select(companyColumns).where('companies.id', '=', id).executeTakeFirst();
    return row ? toCompany(row) : undefined;
  }

  async function listDocumentTypes(query: ListDocumentTypesQuery): Promise<DocumentTypePage> {
    let base = database.db.selectFrom('document_types');
    const archived = archivedClause(query.archived);
    if (archived) base = base.where(archived);
    if (query.q) base = base.where(containsText(dialect, 'name', query.q));
    const count = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    const { limit, offset } = pageMeta(query);
    const rows = await base
      .selectAll()
      .orderBy(SORT_COLUMNS[query.sort], query.order)
      .orderBy('id', query.order)
      .limit(limit)
      .offset(offset)
      .execute();
    return {
      items: rows.map(toDocumentType),
      total: Number(count.total),
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** The required documents of the given order types, in their positions. */
  async function requiredDocuments(executor: Executor, orderTypeIds: readonly number[]) {
    if (orderTypeIds.length === 0) return new Map<number, OrderType['requiredDocuments']>();
    const rows = await executor
      .selectFrom('order_type_documents')
      .innerJoin('document_types', 'document_types.id', 'order_type_documents.document_type_id')
      .select([
        'order_type_documents.order_type_id',
        'order_type_documents.position',
        'document_types.id',
        'document_types.name',
      ])
      .where('order_type_documents.order_type_id', 'in', orderTypeIds)
      .orderBy('order_type_documents.order_type_id')
      .orderBy('order_type_documents.position')
      .execute();
    const byOrderType = new Map<number, OrderType['requiredDocuments']>();
    for (const row of rows) {
      const list = byOrderType.get(row.order_type_id) ?? [];
      list.push({ id: row.id, name: row.name, position: row.position });
      byOrderType.set(row.order_type_id, list);
    }
    return byOrderType;
  }

  function toOrderType(row: OrderTypeRow, docs: OrderType['requiredDocuments']): OrderType {
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      requiredDocuments: docs,
      defaultFee: toMoneyString(Number(row.default_fee_paise)),
      baseCharge: toMoneyString(Number(row.base_charge_paise)),
      sacCode: row.sac_code,
      gstRate: formatRateBp(row.gst_rate_bp),
      turnaroundDays: row.turnaround_days,
      archivedAt: row.archived_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  async function getOrderType(executor: Executor, id: number): Promise<OrderType | undefined> {
    const row = await executor.selectFrom('order_types').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const docs = await requiredDocuments(executor, [id]);
    return toOrderType(row, docs.get(id) ?? []);
  }

  async function listOrderTypes(query: ListOrderTypesQuery): Promise<OrderTypePage> {
    let base = database.db.selectFrom('order_types');
    const archived = archivedClause(query.archived);
    if (archived) base = base.where(archived);
    if (query.q) base = base.where(containsText(dialect, 'name', query.q));
    const count = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    const { limit, offset } = pageMeta(query);
    const rows = await base
      .selectAll()
      .orderBy(SORT_COLUMNS[query.sort], query.order)
      .orderBy('id', query.order)
      .limit(limit)
      .offset(offset)
      .execute();
    const docs = await requiredDocuments(
      database.db,
      rows.map((r) => r.id),
    );
    return {
      items: rows.map((r) => toOrderType(r, docs.get(r.id) ?? [])),
      total: Number(count.total),
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async function listItems(query: ListItemsQuery): Promise<ItemPage> {
    let base = database.db.selectFrom('items');
    const archived = archivedClause(query.archived);
    if (archived) base = base.where(archived);
    if (query.q) base = base.where(containsText(dialect, 'name', query.q));
    if (query.kind) base = base.where('kind', '=', query.kind);
    if (query.active) base = base.where('is_active', '=', query.active === 'true');
    const count = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    const { limit, offset } = pageMeta(query);
    const rows = await base
      .selectAll()
      .orderBy(SORT_COLUMNS[query.sort], query.order)
      .orderBy('id', query.order)
      .limit(limit)
      .offset(offset)
      .execute();
    return { items: rows.map(toItem), total: Number(count.total), page: query.page, pageSize: query.pageSize };
  }

  /** The id of another row of `table` whose `column` equals `value`, if any (for DUPLICATE messages). */
  async function findOtherWith(
    executor: Executor,
    table: MasterTable,
    column: 'name' | 'cin' | 'isin',
    value: string,
    exceptId: number | null,
  ): Promise<number | null> {
    const result = await sql<{ id: number }>`
      select id from ${sql.table(table)}
      where ${sql.ref(column)} = ${value} ${exceptId === null ? sql`` : sql`and id <> ${exceptId}`}
      limit 1`.execute(executor);
    const row = result.rows[0];
    return row ? Number(row.id) : null;
  }

  return {
    listRegistrars,
    listCompanies,
    getCompany,
    listDocumentTypes,
    getOrderType,
    listOrderTypes,
    requiredDocuments,
    listItems,
    findOtherWith,
  };
}

/** Marks a master row archived at `at`. */
export async function archiveRow(executor: Executor, table: MasterTable, id: number, at: string): Promise<void> {
  await sql`update ${sql.table(table)} set archived_at = ${at}, updated_at = ${at} where id = ${id}`.execute(executor);
}
