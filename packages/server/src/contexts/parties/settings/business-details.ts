import type { BusinessSettings, UpdateBusinessSettingsInput } from '@bizdash/contracts/settings';
import { validateGstin } from '@bizdash/domain/gstin/validate-gstin';
import { parseMoney } from '@bizdash/domain/money';
import { isAddressStateCode } from '@bizdash/domain/states';
import { validateIfsc } from '@bizdash/domain/validation/ifsc';
import { validatePan } from '@bizdash/domain/validation/pan';
import { validatePin } from '@bizdash/domain/validation/pin';
import { validateUpi } from '@bizdash/domain/validation/upi';
import { diffRecords } from '../../../platform/audit/audit.service';
import type { RequestContext } from '../../../platform/request-context';
import { moveSeries } from './number-series.repo';
import { invalid, type SettingsCore } from './settings-core';
import { toBusinessSettings, updateBusinessRow } from './settings.repo';

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

/** The business's own details: names, GSTIN and PAN, address, bank, invoice terms, time zone and financial year. */
export function makeBusinessDetails({ database, audit, clock, onCalendarChanged, business }: SettingsCore) {
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
      await updateBusinessRow(tx, {
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
      });
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

  return { getBusiness, updateBusiness };
}
