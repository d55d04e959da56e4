import type {
  Company,
  CompanyPage,
  CreateCompanyInput,
  CreateDocumentTypeInput,
  CreateItemInput,
  CreateOrderTypeInput,
  CreateRegistrarInput,
  DocumentType,
  DocumentTypePage,
  Item,
  ItemKind,
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
  UpdateCompanyInput,
  UpdateDocumentTypeInput,
  UpdateItemInput,
  UpdateOrderTypeInput,
  UpdateRegistrarInput,
} from '@bizdash/contracts/masters';
import { AppError } from '@bizdash/domain/errors';
import { parseRateBp } from '@bizdash/domain/gst/units';
import { isAllowedGstRateBp, normalizeUqc } from '@bizdash/domain/gst/uqc';
import { parseAmount } from '@bizdash/domain/money';
import { validateCin } from '@bizdash/domain/validation/cin';
import { validateHsn } from '@bizdash/domain/validation/hsn';
import { validateIsin } from '@bizdash/domain/validation/isin';
import { sql, type Transaction } from 'kysely';
import { diffRecords, type AuditService } from '../../../platform/audit/audit.service';
import type { Clock } from '../../../platform/clock';
import { isUniqueViolation, type Database, type Executor } from '../../../platform/db/database';
import type { DB } from '../../../db-schema';
import type { RequestContext } from '../../../platform/request-context';
import { makeMastersRepo, toDocumentType, toItem, toRegistrar, type MasterTable } from './masters.repo';

export interface MastersServiceDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
}

export type MastersService = ReturnType<typeof makeMastersService>;

type Tx = Transaction<DB>;

/** Fields of the API shape that the audit trail leaves out: they change on every write or never. */
const AUDIT_IGNORE = ['id', 'createdAt', 'updatedAt'];

/** Throws VALIDATION_FAILED naming `field`, so the client can put the message beside the input. */
function invalid(field: string, message: string): never {
  throw new AppError('VALIDATION_FAILED', message, { field });
}

/** Parses a money string that must not be negative. */
function money(text: string, field: string): number {
  const paise = parseAmount(text, field);
  if (paise < 0) invalid(field, `${field} cannot be negative`);
  return paise;
}

/** A GST rate in basis points, one of the notified slabs. */
function gstRate(text: string, field: string): number {
  const bp = parseRateBp(text, field);
  if (!isAllowedGstRateBp(bp)) {
    invalid(field, `${field} ${text}% is not a GST rate; use 0, 0.1, 0.25, 1, 1.5, 3, 5, 6, 7.5, 12, 18, 28 or 40`);
  }
  return bp;
}

function cin(input: string | null | undefined): string | null | undefined {
  if (input === undefined || input === null || input === '') return input === '' ? null : input;
  const result = validateCin(input);
  if (!result.valid) invalid('cin', result.errors[0]?.message ?? 'CIN is not valid');
  return result.normalized;
}

function isin(input: string | null | undefined): string | null | undefined {
  if (input === undefined || input === null || input === '') return input === '' ? null : input;
  const result = validateIsin(input);
  if (!result.valid) invalid('isin', result.errors[0]?.message ?? 'ISIN is not valid');
  return result.normalized;
}

function sac(input: string | null | undefined): string | null | undefined {
  if (input === undefined || input === null || input === '') return input === '' ? null : input;
  const result = validateHsn(input);
  if (!result.valid) invalid('sacCode', result.errors[0]?.message ?? 'SAC is not valid');
  if (result.kind !== 'services') invalid('sacCode', 'A SAC (service code) starts with 99; this is an HSN goods code');
  return result.normalized;
}

/** The HSN or SAC of an item, which must fit its kind: services carry a SAC (99…), goods an HSN. */
function hsnSac(input: string, kind: ItemKind): string {
  const result = validateHsn(input);
  if (!result.valid) invalid('hsnSac', result.errors[0]?.message ?? 'HSN/SAC is not valid');
  if (result.kind !== kind) {
    invalid(
      'hsnSac',
      kind === 'services'
        ? 'Services carry a SAC, which starts with 99'
        : 'Goods carry an HSN code; codes starting with 99 are service codes (SAC)',
    );
  }
  return result.normalized;
}

function unit(input: string): string {
  const code = normalizeUqc(input);
  if (code === null) invalid('unit', `"${input}" is not a GST unit (UQC) such as NOS, KGS, MTR, LTR, BOX or OTH`);
  return code;
}

export function makeMastersService({ database, audit, clock }: MastersServiceDeps) {
  const repo = makeMastersRepo(database);
  const now = () => clock.now().toISOString();

  function notFound(what: string, id: number): never {
    throw new AppError('NOT_FOUND', `${what} ${id} not found`);
  }

  async function assertUnique(
    tx: Executor,
    table: MasterTable,
    column: 'name' | 'cin' | 'isin',
    value: string | null | undefined,
    exceptId: number | null,
    label: string,
  ) {
    if (value === undefined || value === null) return;
    if ((await repo.findOtherWith(tx, table, column, value, exceptId)) !== null) {
      const field = column;
      throw new AppError('DUPLICATE', `Another ${label} already has the ${column} "${value}"`, { field });
    }
  }

  /** Runs a write; a unique index that fires despite the pre-check (a concurrent insert) is still a DUPLICATE. */
  async function write<T>(label: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
    try {
      return await database.transaction(fn);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new AppError('DUPLICATE', `Another ${label} already has this name`, { field: 'name' });
      }
      throw error;
    }
  }

  interface Usage {
    usedBy: string;
    count: number;
    names: string[];
  }

  /** Sets archived_at, unless something live still uses the record (409 IN_USE says what). */
  async function archiveRecord<T extends { archivedAt: string | null }>(
    ctx: RequestContext,
    spec: {
      table: MasterTable;
      entity: string;
      label: string;
      id: number;
      load: (executor: Executor, id: number) => Promise<T | undefined>;
      usage?: (tx: Tx, id: number) => Promise<Usage | null>;
    },
  ): Promise<T> {
    return database.transaction(async (tx) => {
      const before = await spec.load(tx, spec.id);
      if (!before) notFound(spec.label, spec.id);
      if (before.archivedAt !== null) return before;
      const usage = spec.usage ? await spec.usage(tx, spec.id) : null;
      if (usage && usage.count > 0) {
        const more = usage.count > usage.names.length ? ` and ${usage.count - usage.names.length} more` : '';
        throw new AppError(
          'IN_USE',
          `This ${spec.label} is used by ${usage.count} ${usage.usedBy}${usage.count === 1 ? '' : 's'} ` +
            `(${usage.names.join(', ')}${more}); change or archive those first`,
          { usedBy: usage.usedBy, count: usage.count, names: usage.names },
        );
      }
      const at = now();
      await sql`update ${sql.table(spec.table)} set archived_at = ${at}, updated_at = ${at} where id = ${spec.id}`.execute(
        tx,
      );
      const after = await spec.load(tx, spec.id);
      if (!after) notFound(spec.label, spec.id);
      await audit.record(tx, ctx, {
        action: `${spec.entity}.archived`,
        entity: spec.entity,
        entityId: spec.id,
        changes: diffRecords({ archivedAt: null }, { archivedAt: after.archivedAt }),
      });
      return after;
    });
  }

  async function recordCreated(tx: Tx, ctx: RequestContext, entity: string, record: { id: number }) {
    await audit.record(tx, ctx, {
      action: `${entity}.created`,
      entity,
      entityId: record.id,
      changes: diffRecords(null, record, AUDIT_IGNORE),
    });
  }

  async function recordUpdated(tx: Tx, ctx: RequestContext, entity: string, before: object, after: { id: number }) {
    // cast: API shapes are plain JSON objects
    const changes = diffRecords(before as Record<string, unknown>, after as Record<string, unknown>, AUDIT_IGNORE);
    if (Object.keys(changes).length > 0) {
      await audit.record(tx, ctx, { action: `${entity}.updated`, entity, entityId: after.id, changes });
    }
  }

  // ---- registrars

  async function loadRegistrar(executor: Executor, id: number): Promise<Registrar | undefined> {
    const row = await executor.selectFrom('registrars').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRegistrar(row) : undefined;
  }

  const registrars = {
    list: (query: ListRegistrarsQuery): Promise<RegistrarPage> => repo.listRegistrars(query),
    async get(id: number): Promise<Registrar> {
      return (await loadRegistrar(database.db, id)) ?? notFound('Registrar', id);
    },
    create(ctx: RequestContext, input: CreateRegistrarInput): Promise<Registrar> {
      return write('registrar', async (tx) => {
        await assertUnique(tx, 'registrars', 'name', input.name, null, 'registrar');
        const at = now();
        const row = await tx
          .insertInto('registrars')
          .values({
            name: input.name,
            email: input.email ?? null,
            address: input.address ?? null,
            website: input.website ?? null,
            archived_at: null,
            created_at: at,
            updated_at: at,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        const record = toRegistrar(row);
        await recordCreated(tx, ctx, 'registrar', record);
        return record;
      });
    },
    update(ctx: RequestContext, id: number, input: UpdateRegistrarInput): Promise<Registrar> {
      return write('registrar', async (tx) => {
        const before = (await loadRegistrar(tx, id)) ?? notFound('Registrar', id);
        await assertUnique(tx, 'registrars', 'name', input.name, id, 'registrar');
        const row = await tx
          .updateTable('registrars')
          .set({
            ...(input.name !== undefined ? { name: input.name } : {}),
            ...(input.email !== undefined ? { email: input.email } : {}),
            ...(input.address !== undefined ? { address: input.address } : {}),
            ...(input.website !== undefined ? { website: input.website } : {}),
            updated_at: now(),
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        const after = toRegistrar(row);
        await recordUpdated(tx, ctx, 'registrar', before, after);
        return after;
      });
    },
    archive: (ctx: RequestContext, id: number): Promise<Registrar> =>
      archiveRecord(ctx, {
        table: 'registrars',
        entity: 'registrar',
        label: 'registrar',
        id,
        load: loadRegistrar,
        usage: async (tx, registrarId) => {
          const live = tx
            .selectFrom('companies')
            .where('registrar_id', '=', registrarId)
            .where('archived_at', 'is', null);
          const count = await live.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
          const names = await live.select('name').orderBy('name').orderBy('id').limit(3).execute();
          return { usedBy: 'company', count: Number(count.n), names: names.map((n) => n.name) };
        },
      }),
  };

  // ---- companies

  async function assertLiveRegistrar(tx: Executor, registrarId: number) {
    const registrar = await loadRegistrar(tx, registrarId);
    if (!registrar) invalid('registrarId', `Registrar ${registrarId} does not exist`);
    if (registrar.archivedAt !== null) invalid('registrarId', `Registrar "${registrar.name}" is archived`);
  }

  const companies = {
    list: (query: ListCompaniesQuery): Promise<CompanyPage> => repo.listCompanies(query),
    async get(id: number): Promise<Company> {
      return (await repo.getCompany(database.db, id)) ?? notFound('Company', id);
    },
    create(ctx: RequestContext, input: CreateCompanyInput): Promise<Company> {
      const cinValue = cin(input.cin) ?? null;
      const isinValue = isin(input.isin) ?? null;
      return write('company', async (tx) => {
        await assertLiveRegistrar(tx, input.registrarId);
        await assertUnique(tx, 'companies', 'name', input.name, null, 'company');
        await assertUnique(tx, 'companies', 'cin', cinValue, null, 'company');
        await assertUnique(tx, 'companies', 'isin', isinValue, null, 'company');
        const at = now();
        const row = await tx
          .insertInto('companies')
          .values({
            name: input.name,
            cin: cinValue,
            isin: isinValue,
            registrar_id: input.registrarId,
            archived_at: null,
            created_at: at,
            updated_at: at,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const record = (await repo.getCompany(tx, row.id)) ?? notFound('Company', row.id);
        await recordCreated(tx, ctx, 'company', record);
        return record;
      });
    },
    update(ctx: RequestContext, id: number, input: UpdateCompanyInput): Promise<Company> {
      const cinValue = cin(input.cin);
      const isinValue = isin(input.isin);
      return write('company', async (tx) => {
        const before = (await repo.getCompany(tx, id)) ?? notFound('Company', id);
        if (input.registrarId !== undefined && input.registrarId !== before.registrar.id) {
          await assertLiveRegistrar(tx, input.registrarId);
        }
        await assertUnique(tx, 'companies', 'name', input.name, id, 'company');
        await assertUnique(tx, 'companies', 'cin', cinValue, id, 'company');
        await assertUnique(tx, 'companies', 'isin', isinValue, id, 'company');
        await tx
          .updateTable('companies')
          .set({
            ...(input.name !== undefined ? { name: input.name } : {}),
            ...(cinValue !== undefined ? { cin: cinValue } : {}),
            ...(isinValue !== undefined ? { isin: isinValue } : {}),
            ...(input.registrarId !== undefined ? { registrar_id: input.registrarId } : {}),
            updated_at: now(),
          })
          .where('id', '=', id)
          .execute();
        const after = (await repo.getCompany(tx, id)) ?? notFound('Company', id);
        await recordUpdated(tx, ctx, 'company', before, after);
        return after;
      });
    },
    archive: (ctx: RequestContext, id: number): Promise<Company> =>
      archiveRecord(ctx, { table: 'companies', entity: 'company', label: 'company', id, load: repo.getCompany }),
  };

  // ---- document types

  async function loadDocumentType(executor: Executor, id: number): Promise<DocumentType | undefined> {
    const row = await executor.selectFrom('document_types').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toDocumentType(row) : undefined;
  }

  const documentTypes = {
    list: (query: ListDocumentTypesQuery): Promise<DocumentTypePage> => repo.listDocumentTypes(query),
    async get(id: number): Promise<DocumentType> {
      return (await loadDocumentType(database.db, id)) ?? notFound('Document type', id);
    },
    create(ctx: RequestContext, input: CreateDocumentTypeInput): Promise<DocumentType> {
      return write('document type', async (tx) => {
        await assertUnique(tx, 'document_types', 'name', input.name, null, 'document type');
        const at = now();
        const row = await tx
          .insertInto('document_types')
          .values({
            name: input.name,
            description: input.description ?? null,
            archived_at: null,
            created_at: at,
            updated_at: at,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        const record = toDocumentType(row);
        await recordCreated(tx, ctx, 'document_type', record);
        return record;
      });
    },
    update(ctx: RequestContext, id: number, input: UpdateDocumentTypeInput): Promise<DocumentType> {
      return write('document type', async (tx) => {
        const before = (await loadDocumentType(tx, id)) ?? notFound('Document type', id);
        await assertUnique(tx, 'document_types', 'name', input.name, id, 'document type');
        const row = await tx
          .updateTable('document_types')
          .set({
            ...(input.name !== undefined ? { name: input.name } : {}),
            ...(input.description !== undefined ? { description: input.description } : {}),
            updated_at: now(),
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        const after = toDocumentType(row);
        await recordUpdated(tx, ctx, 'document_type', before, after);
        return after;
      });
    },
    archive: (ctx: RequestContext, id: number): Promise<DocumentType> =>
      archiveRecord(ctx, {
        table: 'document_types',
        entity: 'document_type',
        label: 'document type',
        id,
        load: loadDocumentType,
        usage: async (tx, documentTypeId) => {
          const live = tx
            .selectFrom('order_type_documents')
            .innerJoin('order_types', 'order_types.id', 'order_type_documents.order_type_id')
            .where('order_type_documents.document_type_id', '=', documentTypeId)
            .where('order_types.archived_at', 'is', null);
          const count = await live.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
          const names = await live
            .select('order_types.name')
            .orderBy('order_types.name')
            .orderBy('order_types.id')
            .limit(3)
            .execute();
          return { usedBy: 'order type', count: Number(count.n), names: names.map((n) => n.name) };
        },
      }),
  };

  // ---- order types

  /** Checks the required document list (live types, each once) and writes it in the given order. */
  async function writeRequiredDocuments(tx: Tx, orderTypeId: number, ids: readonly number[]) {
    if (new Set(ids).size !== ids.length) {
      invalid('requiredDocumentTypeIds', 'A document type can be required only once');
    }
    if (ids.length > 0) {
      const found = await tx
        .selectFrom('document_types')
        .select(['id', 'name', 'archived_at'])
        .where('id', 'in', ids)
        .execute();
      for (const id of ids) {
        const doc = found.find((d) => d.id === id);
        if (!doc) invalid('requiredDocumentTypeIds', `Document type ${id} does not exist`);
        if (doc.archived_at !== null) invalid('requiredDocumentTypeIds', `Document type "${doc.name}" is archived`);
      }
    }
    await tx.deleteFrom('order_type_documents').where('order_type_id', '=', orderTypeId).execute();
    if (ids.length > 0) {
      await tx
        .insertInto('order_type_documents')
        .values(ids.map((id, i) => ({ order_type_id: orderTypeId, document_type_id: id, position: i + 1 })))
        .execute();
    }
  }

  const orderTypes = {
    list: (query: ListOrderTypesQuery): Promise<OrderTypePage> => repo.listOrderTypes(query),
    async get(id: number): Promise<OrderType> {
      return (await repo.getOrderType(database.db, id)) ?? notFound('Order type', id);
    },
    create(ctx: RequestContext, input: CreateOrderTypeInput): Promise<OrderType> {
      const values = {
        default_fee_paise: money(input.defaultFee, 'defaultFee'),
        base_charge_paise: money(input.baseCharge, 'baseCharge'),
        sac_code: sac(input.sacCode) ?? null,
        gst_rate_bp: gstRate(input.gstRate, 'gstRate'),
      };
      return write('order type', async (tx) => {
        await assertUnique(tx, 'order_types', 'name', input.name, null, 'order type');
        const at = now();
        const row = await tx
          .insertInto('order_types')
          .values({
            name: input.name,
            description: input.description ?? null,
            ...values,
            turnaround_days: input.turnaroundDays ?? null,
            archived_at: null,
            created_at: at,
            updated_at: at,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await writeRequiredDocuments(tx, row.id, input.requiredDocumentTypeIds);
        const record = (await repo.getOrderType(tx, row.id)) ?? notFound('Order type', row.id);
        await recordCreated(tx, ctx, 'order_type', record);
        return record;
      });
    },
    update(ctx: RequestContext, id: number, input: UpdateOrderTypeInput): Promise<OrderType> {
      const sacValue = sac(input.sacCode);
      const values = {
        ...(input.defaultFee !== undefined ? { default_fee_paise: money(input.defaultFee, 'defaultFee') } : {}),
        ...(input.baseCharge !== undefined ? { base_charge_paise: money(input.baseCharge, 'baseCharge') } : {}),
        ...(sacValue !== undefined ? { sac_code: sacValue } : {}),
        ...(input.gstRate !== undefined ? { gst_rate_bp: gstRate(input.gstRate, 'gstRate') } : {}),
      };
      return write('order type', async (tx) => {
        const before = (await repo.getOrderType(tx, id)) ?? notFound('Order type', id);
        await assertUnique(tx, 'order_types', 'name', input.name, id, 'order type');
        await tx
          .updateTable('order_types')
          .set({
            ...(input.name !== undefined ? { name: input.name } : {}),
            ...(input.description !== undefined ? { description: input.description } : {}),
            ...(input.turnaroundDays !== undefined ? { turnaround_days: input.turnaroundDays } : {}),
            ...values,
            updated_at: now(),
          })
          .where('id', '=', id)
          .execute();
        if (input.requiredDocumentTypeIds !== undefined) {
          await writeRequiredDocuments(tx, id, input.requiredDocumentTypeIds);
        }
        const after = (await repo.getOrderType(tx, id)) ?? notFound('Order type', id);
        await recordUpdated(tx, ctx, 'order_type', before, after);
        return after;
      });
    },
    archive: (ctx: RequestContext, id: number): Promise<OrderType> =>
      archiveRecord(ctx, {
        table: 'order_types',
        entity: 'order_type',
        label: 'order type',
        id,
        load: repo.getOrderType,
      }),
  };

  // ---- items

  async function loadItem(executor: Executor, id: number): Promise<Item | undefined> {
    const row = await executor.selectFrom('items').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toItem(row) : undefined;
  }

  function optionalMoney(text: string | null | undefined, field: string): number | null | undefined {
    return text === undefined || text === null ? text : money(text, field);
  }

  function itemValues(input: CreateItemInput) {
    const values = {
      kind: input.kind,
      hsn_sac: hsnSac(input.hsnSac, input.kind),
      uqc: unit(input.unit),
      gst_rate_bp: gstRate(input.gstRate, 'gstRate'),
      cess_rate_bp: parseRateBp(input.cessRate, 'cessRate'),
      cess_per_unit_paise: money(input.cessPerUnit, 'cessPerUnit'),
      taxability: input.taxability ?? 'taxable',
      sale_price_paise: optionalMoney(input.salePrice, 'salePrice') ?? null,
      purchase_price_paise: optionalMoney(input.purchasePrice, 'purchasePrice') ?? null,
    };
    checkTaxability(values);
    return values;
  }

  /** Nil-rated, exempt and non-GST items carry no GST or cess (GSTR-1 Table 8). */
  function checkTaxability(v: {
    taxability: Item['taxability'];
    gst_rate_bp: number;
    cess_rate_bp: number;
    cess_per_unit_paise: number;
  }): void {
    if (v.taxability === 'taxable') return;
    if (v.gst_rate_bp !== 0 || v.cess_rate_bp !== 0 || v.cess_per_unit_paise !== 0) {
      invalid('taxability', `a ${v.taxability.replace('_', '-')} item has GST rate and cess 0`);
    }
  }

  async function createItemIn(tx: Tx, ctx: RequestContext, input: CreateItemInput): Promise<Item> {
    const values = itemValues(input);
    await assertUnique(tx, 'items', 'name', input.name, null, 'item');
    const at = now();
    const row = await tx
      .insertInto('items')
      .values({
        name: input.name,
        description: input.description ?? null,
        ...values,
        is_active: input.isActive,
        archived_at: null,
        created_at: at,
        updated_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const record = toItem(row);
    await recordCreated(tx, ctx, 'item', record);
    return record;
  }

  const items = {
    list: (query: ListItemsQuery): Promise<ItemPage> => repo.listItems(query),
    async get(id: number): Promise<Item> {
      return (await loadItem(database.db, id)) ?? notFound('Item', id);
    },
    /** Every rule create applies, without writing; imports check rows with it. */
    validate(input: CreateItemInput): void {
      itemValues(input);
    },
    /** Creates inside the caller's transaction, so an import commits or fails as one. */
    createIn: (tx: Tx, ctx: RequestContext, input: CreateItemInput) => createItemIn(tx, ctx, input),
    create(ctx: RequestContext, input: CreateItemInput): Promise<Item> {
      itemValues(input);
      return write('item', (tx) => createItemIn(tx, ctx, input));
    },
    update(ctx: RequestContext, id: number, input: UpdateItemInput): Promise<Item> {
      return write('item', async (tx) => {
        const before = (await loadItem(tx, id)) ?? notFound('Item', id);
        const kind = input.kind ?? before.kind;
        // A change of kind re-checks the stored code: goods cannot keep a SAC.
        const code =
          input.hsnSac !== undefined || input.kind !== undefined
            ? hsnSac(input.hsnSac ?? before.hsnSac, kind)
            : undefined;
        const salePrice = optionalMoney(input.salePrice, 'salePrice');
        const purchasePrice = optionalMoney(input.purchasePrice, 'purchasePrice');
        checkTaxability({
          taxability: input.taxability ?? before.taxability,
          gst_rate_bp: parseRateBp(input.gstRate ?? before.gstRate, 'gstRate'),
          cess_rate_bp: parseRateBp(input.cessRate ?? before.cessRate, 'cessRate'),
          cess_per_unit_paise: money(input.cessPerUnit ?? before.cessPerUnit, 'cessPerUnit'),
        });
        await assertUnique(tx, 'items', 'name', input.name, id, 'item');
        const row = await tx
          .updateTable('items')
          .set({
            ...(input.name !== undefined ? { name: input.name } : {}),
            ...(input.description !== undefined ? { description: input.description } : {}),
            ...(input.kind !== undefined ? { kind: input.kind } : {}),
            ...(code !== undefined ? { hsn_sac: code } : {}),
            ...(input.unit !== undefined ? { uqc: unit(input.unit) } : {}),
            ...(input.gstRate !== undefined ? { gst_rate_bp: gstRate(input.gstRate, 'gstRate') } : {}),
            ...(input.cessRate !== undefined ? { cess_rate_bp: parseRateBp(input.cessRate, 'cessRate') } : {}),
            ...(input.cessPerUnit !== undefined
              ? { cess_per_unit_paise: money(input.cessPerUnit, 'cessPerUnit') }
              : {}),
            ...(salePrice !== undefined ? { sale_price_paise: salePrice } : {}),
            ...(purchasePrice !== undefined ? { purchase_price_paise: purchasePrice } : {}),
            ...(input.isActive !== undefined ? { is_active: input.isActive } : {}),
            ...(input.taxability !== undefined ? { taxability: input.taxability } : {}),
            updated_at: now(),
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        const after = toItem(row);
        await recordUpdated(tx, ctx, 'item', before, after);
        return after;
      });
    },
    archive: (ctx: RequestContext, id: number): Promise<Item> =>
      archiveRecord(ctx, { table: 'items', entity: 'item', label: 'item', id, load: loadItem }),
  };

  return { registrars, companies, documentTypes, orderTypes, items };
}
