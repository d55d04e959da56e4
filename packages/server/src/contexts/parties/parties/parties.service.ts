import type {
  Address,
  CreatePartyInput,
  DuplicateCheckQuery,
  DuplicateCheckResult,
  ForeignAddress,
  ListPartiesQuery,
  Party,
  PartyPage,
  PartyWarning,
  PartyWithWarnings,
  Payout,
  UpdatePartyInput,
} from '@bizdash/contracts/parties';
import { AppError } from '@bizdash/domain/errors';
import { validateGstin } from '@bizdash/domain/gstin/validate-gstin';
import { parseAmount, parseMoney } from '@bizdash/domain/money';
import { INDIA, isCountryCode } from '@bizdash/domain/countries';
import { isAddressStateCode, retiredStateCode } from '@bizdash/domain/states';
import { validateIfsc } from '@bizdash/domain/validation/ifsc';
import { validatePan } from '@bizdash/domain/validation/pan';
import { validatePhone } from '@bizdash/domain/validation/phone';
import { validatePin } from '@bizdash/domain/validation/pin';
import { validateUpi } from '@bizdash/domain/validation/upi';
import type { Transaction } from 'kysely';
import { diffRecords, type AuditService } from '../../../platform/audit/audit.service';
import type { Clock } from '../../../platform/clock';
import type { Database } from '../../../platform/db/database';
import type { DB } from '../../../db-schema';
import { normalizeSearchText, syncSearchIndex } from '../../../platform/db/trigram-search';
import type { RequestContext } from '../../../platform/request-context';
import { emitEvent } from '../../../platform/jobs/events';
import { makePartiesRepo, toParty, type DuplicateHit } from './parties.repo';

export interface PartiesServiceDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
}

export type PartiesService = ReturnType<typeof makePartiesService>;

/** The full set of fields a party has, validated and normalised: what create writes and update merges into. */
interface PartyValues {
  name: string;
  legalName: string | null;
  kind: Party['kind'];
  roles: Party['roles'];
  emails: string[];
  phones: string[];
  countryCode: string;
  billingAddress: Address | null;
  shippingAddress: Address | null;
  foreignAddress: ForeignAddress | null;
  gstin: string | null;
  pan: string | null;
  gstRegistrationType: Party['gstRegistrationType'];
  paymentTermsDays: number | null;
  creditLimitPaise: number | null;
  /** Signed: positive, the party owes the business. 0 when there is none. */
  openingBalancePaise: number;
  openingBalanceDate: string | null;
  tags: string[];
  notes: string | null;
  revenueShareBp: number | null;
  payout: Payout | null;
  emailReminders: boolean;
}

function invalid(field: string, message: string): never {
  throw new AppError('VALIDATION_FAILED', `${field}: ${message}`, { field });
}

function checkAddress(field: string, address: Address | null, warnings: PartyWarning[]): Address | null {
  if (!address) return null;
  const retired = retiredStateCode(address.stateCode);
  if (retired) invalid(`${field}.stateCode`, `${address.stateCode} is retired (${retired.reason}); use ${retired.use}`);
  if (address.stateCode === '96') {
    invalid(`${field}.stateCode`, '96 is not a state; give a party outside India its country and foreign address');
  }
  if (!isAddressStateCode(address.stateCode)) invalid(`${field}.stateCode`, 'is not a current GST state code');
  const pin = validatePin(address.pin, { stateCode: address.stateCode });
  if (!pin.valid) invalid(`${field}.pin`, pin.errors[0]?.message ?? 'is not a PIN code');
  for (const w of pin.warnings)
    warnings.push({ code: 'PIN_STATE_MISMATCH', field: `${field}.pin`, message: w.message });
  return { ...address, line2: address.line2 ?? null, pin: pin.normalized };
}

function checkPayout(payout: Payout | null): Payout | null {
  if (!payout) return null;
  let ifsc = payout.ifsc ?? null;
  if (ifsc) {
    const r = validateIfsc(ifsc);
    if (!r.valid) invalid('payout.ifsc', r.errors[0]?.message ?? 'is not an IFSC');
    ifsc = r.normalized;
  }
  let upiId = payout.upiId ?? null;
  if (upiId) {
    const r = validateUpi(upiId);
    if (!r.valid) invalid('payout.upiId', r.errors[0]?.message ?? 'is not a UPI ID');
    upiId = r.normalized;
  }
  const account = payout.bankAccountNumber ?? null;
  if (account && !ifsc) invalid('payout.ifsc', 'is required with a bank account number');
  return { bankAccountName: payout.bankAccountName ?? null, bankAccountNumber: account, ifsc, upiId };
}

/**
 * A party in India has an Indian billing address (state code, PIN); a party outside India has a foreign address
 * instead and is an overseas registration, so that its documents take place of supply 96 and export treatment.
 * It may still name an Indian delivery address (goods handed over to its agent in India).
 */
function checkCountry(values: PartyValues): { countryCode: string; foreignAddress: ForeignAddress | null } {
  const countryCode = values.countryCode.toUpperCase();
  if (!isCountryCode(countryCode)) invalid('countryCode', `${values.countryCode} is not an ISO 3166 country code`);
  if (countryCode === INDIA) {
    if (values.foreignAddress) invalid('foreignAddress', 'is only for parties outside India; use billingAddress');
    return { countryCode, foreignAddress: null };
  }
  if (values.billingAddress) {
    invalid('billingAddress', 'a party outside India has a foreignAddress (lines, postal code) instead');
  }
  if (values.gstRegistrationType !== 'overseas') {
    invalid('gstRegistrationType', 'a party outside India is registered as overseas');
  }
  const foreign = values.foreignAddress;
  return {
    countryCode,
    foreignAddress: foreign ? { lines: foreign.lines, postalCode: foreign.postalCode?.trim() || null } : null,
  };
}

/** Validates with the domain rules and normalises; returns the values plus non-blocking warnings. */
function checkValues(values: PartyValues): { values: PartyValues; warnings: PartyWarning[] } {
  const warnings: PartyWarning[] = [];
  const phones = values.phones.map((p, i) => {
    const r = validatePhone(p);
    if (!r.valid) invalid(`phones.${i}`, r.errors[0]?.message ?? 'is not a phone number');
    return r.normalized;
  });
  let gstin = values.gstin || null;
  if (gstin) {
    const r = validateGstin(gstin);
    if (!r.valid) invalid('gstin', r.errors[0]?.message ?? 'is not a GSTIN');
    gstin = r.normalized;
  }
  let pan = values.pan || null;
  if (pan) {
    const r = validatePan(pan);
    if (!r.valid) invalid('pan', r.errors[0]?.message ?? 'is not a PAN');
    pan = r.normalized;
  }
  const { countryCode, foreignAddress } = checkCountry(values);
  const billingAddress = checkAddress('billingAddress', values.billingAddress, warnings);
  const shippingAddress = checkAddress('shippingAddress', values.shippingAddress, warnings);
  const payout = checkPayout(values.payout);
  const opening = checkOpeningBalance(values.openingBalancePaise, values.openingBalanceDate);
  return {
    values: {
      ...values,
      ...opening,
      emails: [...new Set(values.emails)],
      phones: [...new Set(phones)],
      gstin,
      pan,
      countryCode,
      billingAddress,
      shippingAddress,
      foreignAddress,
      payout,
      tags: [...new Set(values.tags)],
    },
    warnings,
  };
}

/** The largest opening balance, ₹1,000 crore: sums of many such balances still fit every column. */
const MAX_OPENING_PAISE = 1_000_000_000_000;

/** An opening balance stands on a real date (the day the books start in BizDash), which it must name. */
function checkOpeningBalance(paise: number, date: string | null) {
  if (Math.abs(paise) > MAX_OPENING_PAISE) invalid('openingBalance', 'is too large');
  if (paise === 0) return { openingBalancePaise: 0, openingBalanceDate: null };
  if (date === null) invalid('openingBalanceDate', 'is required with an opening balance');
  const t = Date.parse(`${date}T00:00:00Z`);
  if (
    Number.isNaN(t) ||
    new Date(t).toISOString().slice(0, 10) !== date ||
    date < '2000-01-01' ||
    date > '2099-12-31'
  ) {
    invalid('openingBalanceDate', 'is not a valid date');
  }
  return { openingBalancePaise: paise, openingBalanceDate: date };
}

function toColumns(v: PartyValues) {
  return {
    name: v.name,
    legal_name: v.legalName,
    kind: v.kind,
    is_client: v.roles.includes('client'),
    is_supplier: v.roles.includes('supplier'),
    is_partner: v.roles.includes('partner'),
    emails: JSON.stringify(v.emails),
    phones: JSON.stringify(v.phones),
    tags: JSON.stringify(v.tags),
    billing_address: v.billingAddress ? JSON.stringify(v.billingAddress) : null,
    shipping_address: v.shippingAddress ? JSON.stringify(v.shippingAddress) : null,
    country_code: v.countryCode,
    foreign_address: v.foreignAddress ? JSON.stringify(v.foreignAddress) : null,
    gstin: v.gstin,
    pan: v.pan,
    gst_registration_type: v.gstRegistrationType,
    payment_terms_days: v.paymentTermsDays,
    credit_limit_paise: v.creditLimitPaise,
    opening_balance_paise: v.openingBalancePaise,
    opening_balance_on: v.openingBalanceDate,
    notes: v.notes,
    revenue_share_bp: v.revenueShareBp,
    payout: v.payout ? JSON.stringify(v.payout) : null,
    email_reminders: v.emailReminders,
    search_text: normalizeSearchText(
      [v.name, v.legalName, v.gstin, ...v.emails, ...v.phones].filter(Boolean).join(' '),
    ),
  };
}

/** What the audit trail shows of a party: its API shape without timestamps. */
function auditView(party: Party): Record<string, unknown> {
  const { createdAt: _c, updatedAt: _u, archivedAt: _a, ...rest } = party;
  return rest;
}

function duplicateWarnings(hits: DuplicateHit[]): PartyWarning[] {
  return hits.map((h) => {
    const code = h.kind === 'gstin' ? 'DUPLICATE_GSTIN' : h.kind === 'phone' ? 'DUPLICATE_PHONE' : 'DUPLICATE_EMAIL';
    return {
      code,
      field: h.kind === 'gstin' ? 'gstin' : h.kind === 'phone' ? 'phones' : 'emails',
      message: `${h.name} (party ${h.id}) has the same ${h.kind === 'gstin' ? 'GSTIN' : h.kind} ${h.value}`,
      party: { id: h.id, name: h.name },
    };
  });
}

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
    const row = await tx
      .insertInto('parties')
      .values({ ...columns, archived_at: null, created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
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
      const afterRow = await tx
        .updateTable('parties')
        .set({ ...columns, updated_at: clock.now().toISOString() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
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
      const afterRow = await tx
        .updateTable('parties')
        .set({ archived_at: now, updated_at: now })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
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
