import type { GstRegistrationType, PartyKind, PartyRole } from '@bizdash/contracts/parties';
import { ADDRESS_STATES, findState } from '@bizdash/domain/states';
import { isApiError } from '../../lib/api';
import { errorMessage } from '../../lib/errors';

export const ROLE_LABELS: Record<PartyRole, string> = { client: 'Client', supplier: 'Supplier', partner: 'Partner' };
export const ROLE_COLORS: Record<PartyRole, string> = { client: 'indigo', supplier: 'orange', partner: 'grape' };

export const KIND_OPTIONS: { value: PartyKind; label: string }[] = [
  { value: 'company', label: 'Company' },
  { value: 'firm', label: 'Firm / LLP' },
  { value: 'individual', label: 'Individual' },
  { value: 'trust', label: 'Trust / society' },
  { value: 'other', label: 'Other' },
];

export const REGISTRATION_OPTIONS: { value: GstRegistrationType; label: string }[] = [
  { value: 'regular', label: 'Regular' },
  { value: 'composition', label: 'Composition' },
  { value: 'unregistered', label: 'Unregistered business' },
  { value: 'consumer', label: 'Consumer' },
  { value: 'sez', label: 'SEZ' },
  { value: 'overseas', label: 'Overseas' },
  { value: 'uin', label: 'UIN holder (embassy, UN body)' },
];

export function kindLabel(kind: PartyKind): string {
  return KIND_OPTIONS.find((o) => o.value === kind)?.label ?? kind;
}

export function registrationLabel(type: GstRegistrationType): string {
  return REGISTRATION_OPTIONS.find((o) => o.value === type)?.label ?? type;
}

/** "27 · Maharashtra" */
export function stateLabel(code: string | null | undefined): string {
  if (!code) return '';
  const state = findState(code);
  return state ? `${state.code} · ${state.name}` : code;
}

export const STATE_OPTIONS = ADDRESS_STATES.map((s) => ({ value: s.code, label: `${s.code} · ${s.name}` }));

/** Plain words for the party error codes. */
export function partyErrorMessage(error: unknown): string {
  if (isApiError(error)) {
    if (error.code === 'NOT_FOUND') return 'This party no longer exists.';
    if (error.code === 'IN_USE')
      return `${error.detail}. A party that orders or invoices name can't be archived; it stays for those records.`;
  }
  return errorMessage(error);
}

/**
 * Field messages from a 400 problem, keyed by the full field path ("billingAddress.pin", "phones.1"). The server
 * sends "path: message" or "path message"; the path is dropped, the first letter capitalised.
 */
export function partyFieldErrors(error: unknown): Record<string, string> {
  if (!isApiError(error)) return {};
  const out: Record<string, string> = {};
  for (const { field, message } of error.errors) {
    let text = message;
    if (text.startsWith(`${field}: `)) text = text.slice(field.length + 2);
    else if (text.startsWith(`${field} `)) text = text.slice(field.length + 1);
    text = text.trim();
    out[field] ??= text.charAt(0).toUpperCase() + text.slice(1);
  }
  return out;
}

/** An Indian E.164 number as people write it: "+919876543210" → "+91 98765 43210"; anything else unchanged. */
export function displayPhone(phone: string): string {
  const mobile = /^\+91([6-9]\d{4})(\d{5})$/.exec(phone);
  return mobile ? `+91 ${mobile[1]} ${mobile[2]}` : phone;
}
