import type { BusinessSnapshot, PartySnapshot } from '@bizdash/contracts/invoices';
import type { Address } from '@bizdash/contracts/parties';
import { findCountry, INDIA } from '../countries';
import { findState } from '../states';
import type { BusinessContext, PartyContext } from './prepare-document-context';

/**
 * A registration's address is one free-text field ("12 Ring Road, Athwa, Surat 395001"): the first part is the
 * street line, the last the city, a six-digit number the PIN, so the PDF and the e-invoice get the fields they print.
 */
export function registrationAddress(text: string): BusinessSnapshot['address'] {
  const pin = /\b[1-9]\d{5}\b/.exec(text)?.[0] ?? null;
  const parts = text
    .split(/[\r\n,]+/)
    .map((p) => (pin ? p.replace(pin, '') : p).trim().replace(/[\s-]+$/, ''))
    .filter(Boolean);
  return {
    line1: parts[0] ?? null,
    line2: parts.length > 2 ? parts.slice(1, -1).join(', ') : null,
    city: parts.length > 1 ? (parts[parts.length - 1] ?? null) : null,
    pin,
  };
}

function addressSnapshot(address: Address | null): PartySnapshot['billingAddress'] {
  if (!address) return null;
  return {
    line1: address.line1,
    line2: address.line2 ?? null,
    city: address.city,
    stateCode: address.stateCode,
    stateName: findState(address.stateCode)?.name ?? address.stateCode,
    pin: address.pin,
  };
}

/** The party as the document prints it; `shipping` is the document's delivery address, else the party's. */
export function partySnapshotOf(
  party: PartyContext,
  shipping: Address | null,
  stateCode: string | null,
): PartySnapshot {
  const foreign = party.foreignAddress;
  const state = stateCode ? findState(stateCode) : undefined;
  return {
    id: party.id,
    name: party.name,
    legalName: party.legalName,
    gstin: party.gstin,
    pan: party.pan,
    registrationType: party.registrationType,
    billingAddress: addressSnapshot(party.billingAddress),
    shippingAddress: addressSnapshot(shipping),
    state: stateCode && state ? { code: stateCode, name: state.name } : null,
    // A party outside India prints its own address lines and country.
    foreignAddress:
      party.countryCode !== INDIA
        ? {
            lines: foreign?.lines ?? [],
            postalCode: foreign?.postalCode ?? null,
            countryCode: party.countryCode,
            countryName: findCountry(party.countryCode)?.name ?? party.countryCode,
          }
        : null,
    emails: party.emails,
    phones: party.phones,
  };
}

/** The registration a document is issued under: the primary GSTIN on business settings, or a further one. */
export interface Supplier {
  registrationId: number | null;
  gstin: string | null;
  stateCode: string;
  tradeName: string | null;
  address: BusinessSnapshot['address'];
}

/** Our business as the document prints it, with the registration used. */
export function businessSnapshotOf(business: BusinessContext, supplier: Supplier): BusinessSnapshot {
  return {
    registrationId: supplier.registrationId,
    name: business.name,
    legalName: business.legalName,
    tradeName: supplier.tradeName,
    gstin: supplier.gstin,
    pan: business.pan,
    state: { code: supplier.stateCode, name: findState(supplier.stateCode)?.name ?? supplier.stateCode },
    address: supplier.address,
    bank: business.bank,
    upiId: business.upiId,
    signatoryName: business.signatoryName,
    logoSha256: business.logoSha256,
  };
}
