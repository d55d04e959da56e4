import type {
  CreatePartyInput,
  DuplicateCheckQuery,
  DuplicateCheckResult,
  ListPartiesQuery,
  Party,
  PartyPage,
  PartyWithWarnings,
  UpdatePartyInput,
} from '@bizdash/contracts/parties';
import { AppError } from '@bizdash/domain/errors';
import { parseAmount, parseMoney } from '@bizdash/domain/money';
import { INDIA } from '@bizdash/domain/countries';
import { validatePhone } from '@bizdash/domain/validation/phone';
import type { Transaction } from 'kysely';
import { diffRecords, type AuditService } from '../../../platform/audit/audit.service';
import type { Clock } from '../../../platform/clock';
import type { Database } from '../../../platform/db/database';
import type { DB } from '../../../db-schema';
import { syncSearchIndex } from '../../../platform/db/trigram-search';
import type { RequestContext } from '../../../platform/request-context';
import { emitEvent } from '../../../platform/jobs/events.repo';
import { insertParty, makePartiesRepo, toParty, updateParty } from './parties.repo';
import { auditView, checkValues, duplicateWarnings, toColumns, type PartyValues } from './party-rules';

export interface PartiesServiceDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
}

export type PartiesService = ReturnType<typeof makePartiesService>;

export function makePartiesService({ database, audit, clock }: PartiesServiceDeps) {
  const repo = makePartiesRepo(database);
  const { dialect } = database;

  function list(query: ListPartiesQuery): Promise<Omit<PartyPage, 'items'> & { items: Party[] }> {
    return repo.list(query);
  }

  async function get(id: number): Promise<Party> {
    const row = await repo.findById(database.db, id);
    if (!row) throw new AppError('NOT_FOUND', `Party ${id} not found`);
    return toParty(row);
  }

  async function writeSideTables(tx: Transaction<DB>, id: number, v: PartyValues, searchText: string) {
    await repo.replaceContacts(tx, id, v.emails, v.phones);
    await syncSearchIndex(tx, dialect, id, searchText);
  }

  function valuesOf(input: CreatePartyInput) {
    return checkValues({
      name: input.name,
      legalName: input.legalName ?? null,
      kind: input.kind,
      roles: input.roles,
      emails: input.emails,
      phones: input.phones,
      countryCode: input.countryCode ?? INDIA,
      billingAddress: input.billingAddress ?? null,
      shippingAddress: input.shippingAddress ?? null,
      foreignAddress: input.foreignAddress ?? null,
      gstin: input.gstin ?? null,
      pan: input.pan ?? null,
      gstRegistrationType: input.gstRegistrationType,
      paymentTermsDays: input.paymentTermsDays ?? null,
      creditLimitPaise: input.creditLimit ? parseAmount(input.creditLimit, 'creditLimit') : null,
      openingBalancePaise: input.openingBalance ? parseAmount(input.openingBalance, 'openingBalance') : 0,
      openingBalanceDate: input.openingBalanceDate ?? null,
      tags: input.tags,
      notes: input.notes ?? null,
      revenueShareBp: input.revenueShare ? parseMoney(input.revenueShare, 'revenueShare') : null,
      payout: input.payout ?? null,
      emailReminders: input.emailReminders ?? false,
    });
  }

  /** Runs every rule create runs, without writing; throws the same AppError. Imports check rows with it. */
  function validate(input: CreatePartyInput): void {
    valuesOf(input);
  }

  /** Creates inside the caller's transaction, so an import of many rows commits or fails as one. */
  async function createIn(
    tx: Transaction<DB>,
    ctx: RequestContext,
    input: CreatePartyInput,
    options: { duplicateCheck?: boolean } = {},
  ): Promise<PartyWithWarnings> {
    const checked = valuesOf(input);
    const now = clock.now().toISOString();
    const columns = toColumns(checked.values);
    const row = await insertParty(tx, { ...columns, archived_at: null, created_at: now, updated_at: now });
    await writeSideTables(tx, row.id, checked.values, columns.search_text);
    const party = toParty(row);
    await audit.record(tx, ctx, {
      action: 'party.created',
      entity: 'party',
      entityId: row.id,
      changes: diffRecords(null, auditView(party)),
    });
    await emitEvent(
      tx,
      { type: 'party.created', entity: 'party', entityId: row.id, payload: { name: party.name } },
      now,
    );
    if (options.duplicateCheck === false) return { ...party, warnings: checked.warnings };
    const hits = await repo.findDuplicates(tx, { ...checked.values, excludeId: row.id });
    return { ...party, warnings: [...checked.warnings, ...duplicateWarnings(hits)] };
  }

  async function create(ctx: RequestContext, input: CreatePartyInput): Promise<PartyWithWarnings> {
    // Validate before opening the transaction: bad input never takes the write lock.
    valuesOf(input);
    return database.transaction((tx) => createIn(tx, ctx, input));
  }

  async function update(ctx: RequestContext, id: number, input: UpdatePartyInput): Promise<PartyWithWarnings> {
    return database.transaction(async (tx) => {
      const beforeRow = await repo.findById(tx, id);
      if (!beforeRow) throw new AppError('NOT_FOUND', `Party ${id} not found`);
      const before = toParty(beforeRow);
      const pick = <T>(next: T | undefined, current: T): T => (next === undefined ? current : next);
      const checked = checkValues({
        name: pick(input.name, before.name),
        legalName: pick(input.legalName, before.legalName),
        kind: pick(input.kind, before.kind),
        roles: pick(input.roles, before.roles),
        emails: pick(input.emails, before.emails),
        phones: pick(input.phones, before.phones),
        countryCode: pick(input.countryCode, before.countryCode),
        billingAddress: pick(input.billingAddress, before.billingAddress),
        shippingAddress: pick(input.shippingAddress, before.shippingAddress),
        foreignAddress: pick(input.foreignAddress, before.foreignAddress),
        gstin: pick(input.gstin, before.gstin),
        pan: pick(input.pan, before.pan),
        gstRegistrationType: pick(input.gstRegistrationType, before.gstRegistrationType),
        paymentTermsDays: pick(input.paymentTermsDays, before.paymentTermsDays),
        creditLimitPaise:
          input.creditLimit === undefined
            ? beforeRow.credit_limit_paise
            : input.creditLimit === null
              ? null
              : parseAmount(input.creditLimit, 'creditLimit'),
        openingBalancePaise:
          input.openingBalance === undefined
            ? Number(beforeRow.opening_balance_paise)
            : input.openingBalance === null
              ? 0
              : parseAmount(input.openingBalance, 'openingBalance'),
        openingBalanceDate: pick(input.openingBalanceDate, before.openingBalanceDate),
        tags: pick(input.tags, before.tags),
        notes: pick(input.notes, before.notes),
        revenueShareBp:
          input.revenueShare === undefined
            ? beforeRow.revenue_share_bp
            : input.revenueShare === null
              ? null
              : parseMoney(input.revenueShare, 'revenueShare'),
        payout: pick(input.payout, before.payout),
        emailReminders: pick(input.emailReminders, before.emailReminders),
      });
      const columns = toColumns(checked.values);
      const afterRow = await updateParty(tx, id, { ...columns, updated_at: clock.now().toISOString() });
      await writeSideTables(tx, id, checked.values, columns.search_text);
      const after = toParty(afterRow);
      const changes = diffRecords(auditView(before), auditView(after));
      if (Object.keys(changes).length > 0) {
        await audit.record(tx, ctx, { action: 'party.updated', entity: 'party', entityId: id, changes });
        await emitEvent(
          tx,
          {
            type: 'party.updated',
            entity: 'party',
            entityId: id,
            payload: { name: after.name, changed: Object.keys(changes) },
          },
          clock.now().toISOString(),
        );
      }
      const hits = await repo.findDuplicates(tx, { ...checked.values, excludeId: id });
      return { ...after, warnings: [...checked.warnings, ...duplicateWarnings(hits)] };
    });
  }

  /** DELETE archives: the record stays for the documents that name it. Refused while orders or invoices use it. */
  async function archive(ctx: RequestContext, id: number): Promise<Party> {
    return database.transaction(async (tx) => {
      const beforeRow = await repo.findById(tx, id);
      if (!beforeRow) throw new AppError('NOT_FOUND', `Party ${id} not found`);
      const usages = await repo.countUsages(tx, id);
      if (usages.orders > 0 || usages.invoices > 0) {
        const what = [
          usages.orders > 0 ? `${usages.orders} order(s)` : null,
          usages.invoices > 0 ? `${usages.invoices} invoice(s)` : null,
        ].filter(Boolean);
        throw new AppError('IN_USE', `${beforeRow.name} is used by ${what.join(' and ')}`, { ...usages });
      }
      if (beforeRow.archived_at !== null) return toParty(beforeRow);
      const now = clock.now().toISOString();
      const afterRow = await updateParty(tx, id, { archived_at: now, updated_at: now });
      await audit.record(tx, ctx, {
        action: 'party.archived',
        entity: 'party',
        entityId: id,
        changes: { archived_at: { before: null, after: now } },
      });
      return toParty(afterRow);
    });
  }

  /** The duplicate check the form runs while typing: same GSTIN, phone or email as another party. */
  async function checkDuplicates(query: DuplicateCheckQuery): Promise<DuplicateCheckResult> {
    const phone = query.phone ? validatePhone(query.phone) : null;
    const hits = await repo.findDuplicates(database.db, {
      gstin: query.gstin ? query.gstin.trim().toUpperCase() : null,
      phones: phone?.valid ? [phone.normalized] : [],
      emails: query.email ? [query.email.trim().toLowerCase()] : [],
      excludeId: query.excludeId,
    });
    return { warnings: duplicateWarnings(hits) };
  }

  return { list, get, create, createIn, validate, update, archive, checkDuplicates };
}
