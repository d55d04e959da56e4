import type { BusinessRegistration, BusinessSettings } from '@bizdash/contracts/settings';
import type { Executor } from '../../../platform/db/database';
import { toBool } from '../../../platform/db/columns';
import type { BusinessTable } from './settings.tables';
import type { BusinessRegistrationRow, BusinessRegistrationsTable, NumberSeriesRow } from '../masters/masters.tables';
import type { Insertable, Selectable, Updateable } from 'kysely';
import { toMoneyString } from '@bizdash/domain/money';

export type BusinessRow = Selectable<BusinessTable>;

export function toBusinessSettings(row: BusinessRow): BusinessSettings {
  return {
    name: row.name,
    legalName: row.legal_name,
    tradeName: row.trade_name,
    gstin: row.gstin,
    stateCode: row.state_code,
    pan: row.pan,
    address: { line1: row.address_line1, line2: row.address_line2, city: row.city, pin: row.pin },
    bank: {
      accountName: row.bank_account_name,
      accountNumber: row.bank_account_number,
      ifsc: row.bank_ifsc,
      bankName: row.bank_name,
      branch: row.bank_branch,
    },
    upiId: row.upi_id,
    lut: { number: row.lut_number, date: row.lut_date },
    ewayBillThreshold: toMoneyString(Number(row.ewb_threshold_paise)),
    invoiceTerms: row.invoice_terms,
    signatoryName: row.signatory_name,
    timezone: row.timezone,
    fyStartMonth: row.fy_start_month,
    // The version parameter changes with the picture, so caches never show an old logo.
    logoUrl: row.logo_key ? `/api/v1/settings/business/logo?v=${row.logo_key.slice(0, 16)}` : null,
    updatedAt: row.updated_at,
  };
}

export function toRegistration(row: BusinessRegistrationRow): BusinessRegistration {
  return {
    id: row.id,
    gstin: row.gstin,
    stateCode: row.state_code,
    tradeName: row.trade_name,
    address: row.address,
    isPrimary: toBool(row.is_primary),
    archivedAt: row.archived_at,
    createdAt: row.created_at,
  };
}

export function makeSettingsRepo() {
  function findBusiness(executor: Executor) {
    return executor.selectFrom('business').selectAll().where('id', '=', 1).executeTakeFirst();
  }

  function listRegistrations(executor: Executor) {
    return executor
      .selectFrom('business_registrations')
      .selectAll()
      .where('archived_at', 'is', null)
      .orderBy('is_primary', 'desc')
      .orderBy('state_code')
      .orderBy('id')
      .execute();
  }

  function findRegistration(executor: Executor, id: number) {
    return executor.selectFrom('business_registrations').selectAll().where('id', '=', id).executeTakeFirst();
  }

  function findRegistrationByGstin(executor: Executor, gstin: string) {
    return executor.selectFrom('business_registrations').selectAll().where('gstin', '=', gstin).executeTakeFirst();
  }

  function listSeries(
    executor: Executor,
    filter: { financialYear?: string | undefined; gstin?: string | undefined },
  ): Promise<NumberSeriesRow[]> {
    let q = executor.selectFrom('number_series').selectAll();
    if (filter.financialYear) q = q.where('financial_year', '=', filter.financialYear);
    if (filter.gstin !== undefined) q = q.where('gstin', '=', filter.gstin);
    return q.orderBy('financial_year', 'desc').orderBy('gstin').orderBy('document_type').orderBy('id').execute();
  }

  function findSeries(executor: Executor, gstin: string, documentType: string, financialYear: string) {
    return executor
      .selectFrom('number_series')
      .selectAll()
      .where('gstin', '=', gstin)
      .where('document_type', '=', documentType)
      .where('financial_year', '=', financialYear)
      .executeTakeFirst();
  }

  /** Another series of the year with this template: the two would hand out the same numbers. */
  function findSeriesWithTemplate(executor: Executor, financialYear: string, template: string, exceptId: number) {
    return executor
      .selectFrom('number_series')
      .selectAll()
      .where('financial_year', '=', financialYear)
      .where('template', '=', template)
      .where('id', '<>', exceptId)
      .executeTakeFirst();
  }

  return {
    findBusiness,
    listRegistrations,
    findRegistration,
    findRegistrationByGstin,
    listSeries,
    findSeries,
    findSeriesWithTemplate,
  };
}

/** Writes the one business row. */
export async function updateBusinessRow(executor: Executor, values: Updateable<BusinessTable>): Promise<void> {
  await executor.updateTable('business').set(values).where('id', '=', 1).execute();
}

export function insertRegistration(
  executor: Executor,
  values: Insertable<BusinessRegistrationsTable>,
): Promise<BusinessRegistrationRow> {
  return executor.insertInto('business_registrations').values(values).returningAll().executeTakeFirstOrThrow();
}

export function archiveRegistrationRow(executor: Executor, id: number, at: string): Promise<BusinessRegistrationRow> {
  return executor
    .updateTable('business_registrations')
    .set({ archived_at: at, updated_at: at })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
