import { createHash } from 'node:crypto';
import type {
  BusinessRegistration,
  BusinessRegistrationList,
  BusinessSettings,
  CreateBusinessRegistrationInput,
  NumberSeries,
  NumberSeriesList,
  NumberSeriesQuery,
  SeriesDocumentType,
  SetNumberSeriesInput,
  UpdateBusinessSettingsInput,
} from '@bizdash/contracts/settings';
import { AppError, isAppError } from '@bizdash/domain/errors';
import { parseFinancialYear } from '@bizdash/domain/fiscal-year';
import { validateGstin } from '@bizdash/domain/gstin/validate-gstin';
import { maxSeriesSequence, renderSeries } from '@bizdash/domain/invoice-number';
import { isAddressStateCode } from '@bizdash/domain/states';
import { validateIfsc } from '@bizdash/domain/validation/ifsc';
import { validatePan } from '@bizdash/domain/validation/pan';
import { validatePin } from '@bizdash/domain/validation/pin';
import { validateUpi } from '@bizdash/domain/validation/upi';
import { parseMoney } from '@bizdash/domain/money';
import { diffRecords, type AuditService } from '../../../platform/audit/audit.service';
import type { BusinessCalendar } from '../../../platform/calendar/business-calendar';
import type { Clock } from '../../../platform/clock';
import type { Transaction } from 'kysely';
import { isUniqueViolation, type Database, type Executor } from '../../../platform/db/database';
import type { DB } from '../../../db-schema';
import type { RequestContext } from '../../../platform/request-context';
import { detectFileType } from '../../../platform/storage/media-types';
import type { NumberSeriesRow } from '../masters/masters.tables';
import { makeSettingsRepo, toBusinessSettings, toRegistration, type BusinessRow } from './settings.repo';

export interface SettingsServiceDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
  /** Business time: a series set without a year is for the current financial year. */
  calendar: BusinessCalendar;
  /**
   * The business's zone or financial-year start changed, in the transaction of the change: the analytics context
   * re-buckets its summaries by local day and financial year (wired by the composition root).
   */
  onCalendarChanged: (tx: Executor, zone: { timeZone: string; fyStartMonth: number }) => Promise<void>;
}

export type SettingsService = ReturnType<typeof makeSettingsService>;

function invalid(field: string, message: string): never {
  throw new AppError('VALIDATION_FAILED', message, { field });
}

/** Runs a domain validator on an optional text field: undefined stays, '' or null clears, else the normalised form. */
function checked(
  value: string | null | undefined,
  field: string,
  validate: (v: string) => { valid: boolean; normalized: string; errors: { message: string }[] },
): string | null | undefined {
  if (value === undefined || value === null) return value;
  if (value === '') return null;
  const result = validate(value);
  if (!result.valid) invalid(field, result.errors[0]?.message ?? `${field} is not valid`);
  return result.normalized;
}

const LOGO_TYPES = new Set(['image/png', 'image/jpeg']);
const MAX_LOGO_BYTES = 1024 * 1024;

export function makeSettingsService({ database, audit, clock, calendar, onCalendarChanged }: SettingsServiceDeps) {
  const repo = makeSettingsRepo();

  async function business(executor = database.db): Promise<BusinessRow> {
    const row = await repo.findBusiness(executor);
    if (!row) throw new AppError('SETUP_REQUIRED', 'Set up the business first');
    return row;
  }

  async function getBusiness(): Promise<BusinessSettings> {
    return toBusinessSettings(await business());
  }

  /** What the audit trail shows of the settings: everything but the timestamp. */
  function auditView(settings: BusinessSettings): Record<string, unknown> {
    const { updatedAt: _updatedAt, ...rest } = settings;
    return rest;
  }

  async function updateBusiness(ctx: RequestContext, input: UpdateBusinessSettingsInput): Promise<BusinessSettings> {
    // Validate every field before the transaction: a bad field changes nothing.
    const gstin = checked(input.gstin, 'gstin', validateGstin);
    const pan = checked(input.pan, 'pan', validatePan);
    const pin = checked(input.address?.pin, 'address.pin', (v) => validatePin(v));
    const ifsc = checked(input.bank?.ifsc, 'bank.ifsc', validateIfsc);
    const upi = checked(input.upiId, 'upiId', validateUpi);
    const ewbThreshold =
      input.ewayBillThreshold === undefined ? undefined : parseMoney(input.ewayBillThreshold, 'ewayBillThreshold');
    if (ewbThreshold !== undefined && ewbThreshold < 0) invalid('ewayBillThreshold', 'must not be negative');
    if (input.stateCode !== undefined && !isAddressStateCode(input.stateCode)) {
      invalid('stateCode', `${input.stateCode} is not a state or union territory code`);
    }

    return database.transaction(async (tx) => {
      const beforeRow = await business(tx);
      const stateCode = input.stateCode ?? beforeRow.state_code;
      const finalGstin = gstin === undefined ? beforeRow.gstin : gstin;
      if (finalGstin && finalGstin.slice(0, 2) !== stateCode) {
        invalid(
          input.gstin !== undefined ? 'gstin' : 'stateCode',
          `The GSTIN ${finalGstin} belongs to state ${finalGstin.slice(0, 2)}, not ${stateCode}`,
        );
      }
      const finalPan = pan === undefined ? beforeRow.pan : pan;
      if (finalGstin && finalPan && finalGstin.slice(2, 12) !== finalPan) {
        invalid(input.pan !== undefined ? 'pan' : 'gstin', `The GSTIN ${finalGstin} does not hold the PAN ${finalPan}`);
      }
      const { address, bank } = input;
      await tx
        .updateTable('business')
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.legalName !== undefined ? { legal_name: input.legalName } : {}),
          ...(input.tradeName !== undefined ? { trade_name: input.tradeName } : {}),
          ...(gstin !== undefined ? { gstin } : {}),
          ...(input.stateCode !== undefined ? { state_code: input.stateCode } : {}),
          ...(pan !== undefined ? { pan } : {}),
          ...(address?.line1 !== undefined ? { address_line1: address.line1 } : {}),
          ...(address?.line2 !== undefined ? { address_line2: address.line2 } : {}),
          ...(address?.city !== undefined ? { city: address.city } : {}),
          ...(pin !== undefined ? { pin } : {}),
          ...(bank?.accountName !== undefined ? { bank_account_name: bank.accountName } : {}),
          ...(bank?.accountNumber !== undefined ? { bank_account_number: bank.accountNumber } : {}),
          ...(ifsc !== undefined ? { bank_ifsc: ifsc } : {}),
          ...(bank?.bankName !== undefined ? { bank_name: bank.bankName } : {}),
          ...(bank?.branch !== undefined ? { bank_branch: bank.branch } : {}),
          ...(upi !== undefined ? { upi_id: upi } : {}),
          ...(input.lut?.number !== undefined ? { lut_number: input.lut.number } : {}),
          ...(input.lut?.date !== undefined ? { lut_date: input.lut.date } : {}),
          ...(ewbThreshold !== undefined ? { ewb_threshold_paise: ewbThreshold } : {}),
          ...(input.invoiceTerms !== undefined ? { invoice_terms: input.invoiceTerms } : {}),
          ...(input.signatoryName !== undefined ? { signatory_name: input.signatoryName } : {}),
          ...(input.timezone !== undefined ? { timezone: input.timezone } : {}),
          ...(input.fyStartMonth !== undefined ? { fy_start_month: input.fyStartMonth } : {}),
          updated_at: clock.now().toISOString(),
        })
        .where('id', '=', 1)
        .execute();
      if (gstin !== undefined && (gstin ?? '') !== (beforeRow.gstin ?? '')) {
        // The primary registration's series follow its GSTIN when it is first set or corrected, so series set up
        // before (or numbers already issued) continue instead of restarting at 1 under the new GSTIN.
        await moveSeries(tx, beforeRow.gstin ?? '', gstin ?? '');
      }
      const after = toBusinessSettings(await business(tx));
      if (input.timezone !== undefined || input.fyStartMonth !== undefined) {
        // Dashboard and report summaries are bucketed by local day and financial year: rebuilt in this transaction.
        await onCalendarChanged(tx, { timeZone: after.timezone, fyStartMonth: after.fyStartMonth });
      }
      const changes = diffRecords(auditView(toBusinessSettings(beforeRow)), auditView(after));
      if (Object.keys(changes).length > 0) {
        await audit.record(tx, ctx, { action: 'business.updated', entity: 'business', entityId: 1, changes });
      }
      return after;
    });
  }

  // ---- registrations

  async function listRegistrations(): Promise<BusinessRegistrationList> {
    return { items: (await repo.listRegistrations(database.db)).map(toRegistration) };
  }

  async function addRegistration(
    ctx: RequestContext,
    input: CreateBusinessRegistrationInput,
  ): Promise<BusinessRegistration> {
    const check = validateGstin(input.gstin);
    if (!check.valid) invalid('gstin', check.errors[0]?.message ?? 'GSTIN is not valid');
    const gstin = check.normalized;
    const stateCode = gstin.slice(0, 2);
    if (!isAddressStateCode(stateCode)) invalid('gstin', `State code ${stateCode} cannot hold a business registration`);
    try {
      return await database.transaction(async (tx) => {
        const primary = await business(tx);
        if (primary.gstin === gstin || (await repo.findRegistrationByGstin(tx, gstin))) {
          throw new AppError('DUPLICATE', `The GSTIN ${gstin} is already registered for this business`, {
            field: 'gstin',
          });
        }
        // All registrations of a business share its PAN (GSTIN characters 3–12).
        if (primary.gstin && primary.gstin.slice(2, 12) !== gstin.slice(2, 12)) {
          invalid('gstin', `The GSTIN ${gstin} belongs to another PAN than the business's ${primary.gstin}`);
        }
        const now = clock.now().toISOString();
        const row = await tx
          .insertInto('business_registrations')
          .values({
            gstin,
            state_code: stateCode,
            trade_name: input.tradeName ?? null,
            address: input.address ?? null,
            is_primary: false,
            archived_at: null,
            created_at: now,
            updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        const record = toRegistration(row);
        await audit.record(tx, ctx, {
          action: 'business.registration_added',
          entity: 'business',
          entityId: 1,
          changes: diffRecords(null, { registration: { gstin, stateCode, tradeName: record.tradeName } }),
        });
        return record;
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new AppError('DUPLICATE', `The GSTIN ${gstin} is already registered for this business`, {
          field: 'gstin',
        });
      }
      throw error;
    }
  }

  async function archiveRegistration(ctx: RequestContext, id: number): Promise<BusinessRegistration> {
    return database.transaction(async (tx) => {
      const before = await repo.findRegistration(tx, id);
      if (!before) throw new AppError('NOT_FOUND', `Registration ${id} not found`);
      if (before.archived_at !== null) return toRegistration(before);
      const now = clock.now().toISOString();
      const row = await tx
        .updateTable('business_registrations')
        .set({ archived_at: now, updated_at: now })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit.record(tx, ctx, {
        action: 'business.registration_archived',
        entity: 'business',
        entityId: 1,
        changes: diffRecords({ registration: before.gstin }, { registration: null }),
      });
      return toRegistration(row);
    });
  }

  // ---- number series

  async function currentFinancialYear(): Promise<string> {
    await business(); // SETUP_REQUIRED until the business exists
    return (await calendar.currentFinancialYear()).label;
  }

  function toSeries(row: NumberSeriesRow, primaryGstin: string | null): NumberSeries {
    const maxSequence = maxSeriesSequence(row.template, row.financial_year);
    return {
      id: row.id,
      gstin: row.gstin === '' ? null : row.gstin,
      isPrimary: row.gstin === (primaryGstin ?? ''),
      documentType: row.document_type as SeriesDocumentType, // cast: written only from the SeriesDocumentType enum
      financialYear: row.financial_year,
      template: row.template,
      nextSequence: Number(row.next_sequence),
      preview: renderSeries(row.template, { fy: row.financial_year, seq: Number(row.next_sequence) }),
      maxSequence,
      updatedAt: row.updated_at,
    };
  }

  /** Moves the series of one GSTIN to another, except where the other already has that type and year. */
  async function moveSeries(tx: Transaction<DB>, from: string, to: string) {
    await tx
      .updateTable('number_series')
      .set({ gstin: to })
      .where('gstin', '=', from)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('number_series as other')
              .select('other.id')
              .where('other.gstin', '=', to)
              .whereRef('other.document_type', '=', 'number_series.document_type')
              .whereRef('other.financial_year', '=', 'number_series.financial_year'),
          ),
        ),
      )
      .execute();
  }

  /** The registration a series request names ('' for a business without GSTIN): the primary, or a live further one. */
  async function seriesGstin(executor: Executor, requested: string | undefined): Promise<string> {
    const primary = (await business(executor)).gstin ?? '';
    if (requested === undefined || requested === '' || requested === primary) return primary;
    const registration = await repo.findRegistrationByGstin(executor, requested);
    if (!registration || registration.archived_at !== null) {
      invalid('gstin', `${requested} is not one of the business's GST registrations`);
    }
    return requested;
  }

  /**
   * Refuses (SERIES_INVALID naming the field) a template that cannot number documents within 16 characters: a bad
   * token, characters outside Rule 46, or too little room left for the sequence.
   */
  function assertSeries(template: string, financialYear: string, nextSequence: number) {
    try {
      const max = maxSeriesSequence(template, financialYear);
      if (max < nextSequence) {
        throw new AppError(
          'SERIES_INVALID',
          max === 0
            ? `"${template}" leaves no room for the sequence within 16 characters; shorten the text or use {FY:SHORT}`
            : `"${template}" can number only up to ${max} within 16 characters`,
          { field: 'template', maxSequence: max },
        );
      }
      // The longest number of the series must still be a valid invoice number.
      renderSeries(template, { fy: financialYear, seq: max });
    } catch (error) {
      if (isAppError(error) && error.code === 'VALIDATION_FAILED') {
        throw new AppError('SERIES_INVALID', error.message, { ...error.details, field: 'template' });
      }
      throw error;
    }
  }

  async function listSeries(query: NumberSeriesQuery): Promise<NumberSeriesList> {
    const primary = (await business()).gstin;
    const rows = await repo.listSeries(database.db, {
      financialYear: query.financialYear,
      ...(query.gstin !== undefined ? { gstin: query.gstin } : {}),
    });
    // The primary registration's series first, then the others by GSTIN, each by year (newest first) and type.
    const order = (r: NumberSeriesRow) => (r.gstin === (primary ?? '') ? 0 : 1);
    return { items: rows.sort((a, b) => order(a) - order(b)).map((r) => toSeries(r, primary)) };
  }

  async function setSeries(ctx: RequestContext, input: SetNumberSeriesInput): Promise<NumberSeries> {
    const financialYear = input.financialYear ?? (await currentFinancialYear());
    parseFinancialYear(financialYear, 'financialYear');
    const template = input.template.toUpperCase();
    return database.transaction(async (tx) => {
      const gstin = await seriesGstin(tx, input.gstin);
      const before = await repo.findSeries(tx, gstin, input.documentType, financialYear);
      const beforeNext = before ? Number(before.next_sequence) : 1;
      const nextSequence = input.nextSequence ?? beforeNext;
      // Going back would hand out numbers that may already be on documents.
      if (before && nextSequence < beforeNext) {
        throw new AppError('SERIES_INVALID', `The next number cannot go back below ${beforeNext}`, {
          field: 'nextSequence',
        });
      }
      assertSeries(template, financialYear, nextSequence);
      // Two series of a year with one template would give two documents the same number.
      const twin = await repo.findSeriesWithTemplate(tx, financialYear, template, before?.id ?? -1);
      if (twin) {
        throw new AppError(
          'SERIES_INVALID',
          `"${template}" already numbers the ${twin.document_type.replace(/_/g, ' ')} series` +
            `${twin.gstin ? ` of ${twin.gstin}` : ''} in ${financialYear}; give each series its own prefix`,
          { field: 'template' },
        );
      }
      const now = clock.now().toISOString();
      const row = before
        ? await tx
            .updateTable('number_series')
            .set({ template, next_sequence: nextSequence, updated_at: now })
            .where('id', '=', before.id)
            .returningAll()
            .executeTakeFirstOrThrow()
        : await tx
            .insertInto('number_series')
            .values({
              gstin,
              document_type: input.documentType,
              financial_year: financialYear,
              template,
              next_sequence: nextSequence,
              created_at: now,
              updated_at: now,
            })
            .returningAll()
            .executeTakeFirstOrThrow();
      const view = (r: NumberSeriesRow | undefined) =>
        r
          ? {
              gstin: r.gstin || null,
              documentType: r.document_type,
              financialYear: r.financial_year,
              template: r.template,
              nextSequence: Number(r.next_sequence),
            }
          : null;
      const changes = diffRecords(view(before), view(row));
      if (Object.keys(changes).length > 0) {
        await audit.record(tx, ctx, {
          action: before ? 'number_series.updated' : 'number_series.created',
          entity: 'number_series',
          entityId: row.id,
          changes,
        });
      }
      return toSeries(row, (await business(tx)).gstin);
    });
  }

  /** The logo printed on documents: PNG or JPEG (what PDFs can embed), checked by its bytes, not its name. */
  async function setLogo(ctx: RequestContext, bytes: Buffer): Promise<BusinessSettings> {
    const type = await detectFileType(bytes);
    if (!type || !LOGO_TYPES.has(type.mime)) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'logo: upload a PNG or JPEG picture', { field: 'logo' });
    }
    if (bytes.length > MAX_LOGO_BYTES) {
      throw new AppError('PAYLOAD_TOO_LARGE', 'logo: the picture must be 1 MB or smaller', { field: 'logo' });
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    return database.transaction(async (tx) => {
      const before = await business(tx);
      const now = clock.now().toISOString();
      await tx.deleteFrom('business_logo').where('id', '=', 1).execute();
      await tx.insertInto('business_logo').values({ id: 1, mime: type.mime, bytes, sha256, updated_at: now }).execute();
      const row = await tx
        .updateTable('business')
        .set({ logo_key: sha256, updated_at: now })
        .where('id', '=', before.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit.record(tx, ctx, {
        action: 'business.logo_changed',
        entity: 'business',
        entityId: before.id,
        changes: { logo: { before: before.logo_key, after: sha256 } },
      });
      return toBusinessSettings(row);
    });
  }

  async function removeLogo(ctx: RequestContext): Promise<BusinessSettings> {
    return database.transaction(async (tx) => {
      const before = await business(tx);
      if (!before.logo_key) return toBusinessSettings(before);
      const now = clock.now().toISOString();
      await tx.deleteFrom('business_logo').where('id', '=', 1).execute();
      const row = await tx
        .updateTable('business')
        .set({ logo_key: null, updated_at: now })
        .where('id', '=', before.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit.record(tx, ctx, {
        action: 'business.logo_removed',
        entity: 'business',
        entityId: before.id,
        changes: { logo: { before: before.logo_key, after: null } },
      });
      return toBusinessSettings(row);
    });
  }

  async function getLogo(): Promise<{ mime: string; bytes: Buffer }> {
    const row = await database.db
      .selectFrom('business_logo')
      .select(['mime', 'bytes'])
      .where('id', '=', 1)
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', 'No logo has been uploaded');
    return { mime: row.mime, bytes: Buffer.from(row.bytes) };
  }

  return {
    getBusiness,
    updateBusiness,
    setLogo,
    removeLogo,
    getLogo,
    listRegistrations,
    addRegistration,
    archiveRegistration,
    listSeries,
    setSeries,
  };
}
