import type { Address, ForeignAddress, Party, PartyWarning, Payout } from '@bizdash/contracts/parties';
import { AppError } from '@bizdash/domain/errors';
import { validateGstin } from '@bizdash/domain/gstin/validate-gstin';
import { INDIA, isCountryCode } from '@bizdash/domain/countries';
import { isAddressStateCode, retiredStateCode } from '@bizdash/domain/states';
import { validateIfsc } from '@bizdash/domain/validation/ifsc';
import { validatePan } from '@bizdash/domain/validation/pan';
import { validatePhone } from '@bizdash/domain/validation/phone';
import { validatePin } from '@bizdash/domain/validation/pin';
import { validateUpi } from '@bizdash/domain/validation/upi';
import { normalizeSearchText } from '../../../platform/db/trigram-search';
import type { DuplicateHit } from './parties.repo';

/** The rules of a party's fields, its columns, and what the audit trail and duplicate warnings show of it. */

/** The full set of fields a party has, validated and normalised: what create writes and update merges into. */
export interface PartyValues {
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
export function checkValues(values: PartyValues): { values: PartyValues; warnings: PartyWarning[] } {
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

export function toColumns(v: PartyValues) {
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
export function auditView(party: Party): Record<string, unknown> {
  const { createdAt: _c, updatedAt: _u, archivedAt: _a, ...rest } = party;
  return rest;
}

export function duplicateWarnings(hits: DuplicateHit[]): PartyWarning[] {
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
