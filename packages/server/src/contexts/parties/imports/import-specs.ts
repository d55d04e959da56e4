import type { z } from 'zod';
import type { ImportEntity, ImportField, ImportOptions } from '@bizdash/contracts/imports';
import { CreateItemInput } from '@bizdash/contracts/masters';
import { CreatePartyInput } from '@bizdash/contracts/parties';
import type { Action } from '@bizdash/domain/permissions';
import { ADDRESS_STATES } from '@bizdash/domain/states';
import type { Transaction } from 'kysely';
import type { Executor } from '../../../platform/db/database';
import type { DB } from '../../../db-schema';
import type { RequestContext } from '../../../platform/request-context';
import type { MastersService } from '../masters/masters.service';
import type { PartiesService } from '../parties/parties.service';
import { existingItemNames } from './imports.repo';

export interface FieldSpec extends ImportField {
  /** Other headings that mean this field, lower-case. */
  aliases: string[];
}

export interface CellError {
  field: string;
  message: string;
}

/** How one entity is read from a row of text cells and written. */
export interface ImportSpec<I = unknown> {
  entity: ImportEntity;
  /** Who may import: the same action that may create one record. */
  action: Action;
  fields: FieldSpec[];
  schema: z.ZodType<I>;
  /** Turns the mapped cells into the API's create input (before validation); cells it cannot read are errors. */
  toRaw(cells: Record<string, string>, options: ImportOptions): { raw: Record<string, unknown>; errors: CellError[] };
  /** Which import field a validation error path (`billingAddress.pin`) belongs to. */
  fieldForPath(path: string): string;
  /** The service's own rules, without writing. Throws AppError. */
  validate(input: I): void;
  /** Errors that need the database or the other rows (uniqueness), by row index. */
  checkBatch?(executor: Executor, inputs: readonly (I | null)[]): Promise<Map<number, CellError[]>>;
  createIn(tx: Transaction<DB>, ctx: RequestContext, input: I): Promise<unknown>;
}

const f = (key: string, label: string, opts: { required?: boolean; hint?: string; aliases?: string[] } = {}) =>
  ({
    key,
    label,
    required: opts.required ?? false,
    hint: opts.hint ?? null,
    aliases: opts.aliases ?? [],
  }) satisfies FieldSpec;

/** Splits a multi-value cell: "a; b", "a, b" and "a | b" all work. */
function list(cell: string | undefined): string[] {
  return (cell ?? '')
    .split(/[;,|]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** "₹1,23,456.50" → "123456.50": people paste amounts as their books print them. */
function amount(cell: string | undefined): string | undefined {
  if (!cell) return undefined;
  return cell.replace(/[₹,\s]|Rs\.?|INR/gi, '');
}

function percent(cell: string | undefined): string | undefined {
  return cell ? cell.replace(/[%\s]/g, '') : undefined;
}

function blankToUndefined(cell: string | undefined): string | undefined {
  return cell === undefined || cell === '' ? undefined : cell;
}

const STATE_BY_NAME = new Map(ADDRESS_STATES.flatMap((s) => [[s.name.toLowerCase(), s.code] as const]));
const STATE_BY_ALPHA = new Map(
  ADDRESS_STATES.filter((s) => s.alpha).map((s) => [String(s.alpha).toLowerCase(), s.code] as const),
);

/** A state as a GST code ("27", "7"), a name ("Maharashtra") or its letters ("MH"). */
export function readStateCode(cell: string): string | null {
  const text = cell.trim().toLowerCase();
  if (/^\d{1,2}$/.test(text)) return text.padStart(2, '0');
  return STATE_BY_NAME.get(text) ?? STATE_BY_ALPHA.get(text) ?? null;
}

const PARTY_PATHS: Record<string, string> = {
  'billingAddress.line1': 'addressLine1',
  'billingAddress.line2': 'addressLine2',
  'billingAddress.city': 'city',
  'billingAddress.stateCode': 'state',
  'billingAddress.pin': 'pin',
  billingAddress: 'addressLine1',
  'payout.bankAccountName': 'bankAccountName',
  'payout.bankAccountNumber': 'bankAccountNumber',
  'payout.ifsc': 'ifsc',
  'payout.upiId': 'upiId',
  payout: 'bankAccountNumber',
  creditLimit: 'creditLimit',
};

export function partySpec(parties: PartiesService): ImportSpec<CreatePartyInput> {
  return {
    entity: 'parties',
    action: 'parties.write',
    schema: CreatePartyInput,
    fields: [
      f('name', 'Name', { required: true, aliases: ['party name', 'client name', 'customer name', 'display name'] }),
      f('legalName', 'Legal name', { aliases: ['legal name', 'registered name'] }),
      f('kind', 'Kind', { hint: 'individual, company, firm, trust or other', aliases: ['type', 'party type'] }),
      f('roles', 'Roles', { hint: 'client; supplier; partner', aliases: ['role'] }),
      f('emails', 'Email', { hint: 'several separated by ;', aliases: ['email', 'e-mail', 'email address'] }),
      f('phones', 'Phone', { hint: 'several separated by ;', aliases: ['phone', 'mobile', 'phone number'] }),
      f('gstin', 'GSTIN', { aliases: ['gst number', 'gst no', 'gstin/uin'] }),
      f('pan', 'PAN', { aliases: ['pan number', 'pan no'] }),
      f('gstRegistrationType', 'GST registration type', {
        hint: 'regular, composition, unregistered, consumer, sez, overseas or uin',
        aliases: ['registration type', 'gst treatment'],
      }),
      f('addressLine1', 'Address line 1', { aliases: ['address', 'address 1', 'billing address', 'street'] }),
      f('addressLine2', 'Address line 2', { aliases: ['address 2'] }),
      f('city', 'City', { aliases: ['town'] }),
      f('state', 'State', { hint: '27, Maharashtra or MH', aliases: ['state code', 'state name'] }),
      f('pin', 'PIN', { aliases: ['pincode', 'pin code', 'postal code', 'zip'] }),
      f('paymentTermsDays', 'Payment terms (days)', { aliases: ['payment terms', 'credit days', 'terms'] }),
      f('creditLimit', 'Credit limit', { hint: '150000.00', aliases: [] }),
      f('tags', 'Tags', { hint: 'separated by ;', aliases: ['tag'] }),
      f('notes', 'Notes', { aliases: ['note', 'remarks'] }),
      f('revenueShare', 'Revenue share %', { hint: 'partners: 40.00', aliases: ['share', 'revenue share'] }),
      f('bankAccountName', 'Bank account name', { aliases: ['account name'] }),
      f('bankAccountNumber', 'Bank account number', { aliases: ['account number', 'bank account'] }),
      f('ifsc', 'IFSC', { aliases: ['ifsc code'] }),
      f('upiId', 'UPI ID', { aliases: ['upi', 'vpa'] }),
    ],
    toRaw(c, options) {
      const errors: CellError[] = [];
      const gstin = blankToUndefined(c.gstin?.toUpperCase());
      let stateCode: string | undefined;
      if (c.state) {
        const code = readStateCode(c.state);
        if (code) stateCode = code;
        else errors.push({ field: 'state', message: `"${c.state}" is not a state name or GST state code` });
      } else if (gstin && /^\d{2}/.test(gstin)) {
        stateCode = gstin.slice(0, 2);
      }
      const hasAddress = Boolean(c.addressLine1 || c.city || c.pin);
      let paymentTermsDays: number | undefined;
      if (c.paymentTermsDays) {
        if (/^\d+$/.test(c.paymentTermsDays)) paymentTermsDays = Number(c.paymentTermsDays);
        else errors.push({ field: 'paymentTermsDays', message: 'must be a whole number of days' });
      }
      const roles = list(c.roles).map((r) => r.toLowerCase().replace(/^customer$/, 'client'));
      const hasPayout = Boolean(c.bankAccountName || c.bankAccountNumber || c.ifsc || c.upiId);
      return {
        errors,
        raw: {
          name: c.name ?? '',
          legalName: blankToUndefined(c.legalName),
          kind: blankToUndefined(c.kind?.toLowerCase()),
          roles: roles.length > 0 ? roles : [options.defaultRole],
          emails: list(c.emails),
          phones: list(c.phones),
          gstin,
          pan: blankToUndefined(c.pan?.toUpperCase()),
          gstRegistrationType:
            blankToUndefined(c.gstRegistrationType?.toLowerCase()) ?? (gstin ? 'regular' : 'unregistered'),
          billingAddress: hasAddress
            ? {
                line1: c.addressLine1 ?? '',
                line2: blankToUndefined(c.addressLine2),
                city: c.city ?? '',
                stateCode: stateCode ?? '',
                pin: c.pin ?? '',
              }
            : undefined,
          paymentTermsDays,
          creditLimit: amount(c.creditLimit),
          tags: list(c.tags),
          notes: blankToUndefined(c.notes),
          revenueShare: percent(c.revenueShare),
          payout: hasPayout
            ? {
                bankAccountName: blankToUndefined(c.bankAccountName),
                bankAccountNumber: blankToUndefined(c.bankAccountNumber?.replace(/\s/g, '')),
                ifsc: blankToUndefined(c.ifsc?.toUpperCase()),
                upiId: blankToUndefined(c.upiId),
              }
            : undefined,
        },
      };
    },
    fieldForPath(path) {
      const exact = PARTY_PATHS[path];
      if (exact) return exact;
      return path.split('.')[0] ?? path;
    },
    validate: (input) => parties.validate(input),
    // No duplicate check per row: it costs three lookups a row and an import's warnings are not shown anyway.
    createIn: (tx, ctx, input) => parties.createIn(tx, ctx, input, { duplicateCheck: false }),
  };
}

function yesNo(cell: string | undefined): boolean | string | undefined {
  if (!cell) return undefined;
  const text = cell.toLowerCase();
  if (['yes', 'y', 'true', '1', 'active'].includes(text)) return true;
  if (['no', 'n', 'false', '0', 'inactive'].includes(text)) return false;
  return cell;
}

export function itemSpec(masters: MastersService): ImportSpec<CreateItemInput> {
  return {
    entity: 'items',
    action: 'masters.write',
    schema: CreateItemInput,
    fields: [
      f('name', 'Name', { required: true, aliases: ['item', 'item name', 'product', 'service'] }),
      f('description', 'Description', {}),
      f('kind', 'Kind', { hint: 'goods or services; SAC codes (99…) mean services', aliases: ['type'] }),
      f('hsnSac', 'HSN/SAC', { required: true, aliases: ['hsn', 'sac', 'hsn code', 'sac code', 'hsn/sac code'] }),
      f('unit', 'Unit (UQC)', { hint: 'NOS, KGS, MTR…', aliases: ['unit', 'uqc', 'uom'] }),
      f('gstRate', 'GST rate %', { required: true, aliases: ['gst rate', 'gst', 'tax rate', 'gst %'] }),
      f('cessRate', 'Cess %', { aliases: ['cess', 'cess rate'] }),
      f('cessPerUnit', 'Cess per unit', { aliases: [] }),
      f('salePrice', 'Sale price', { aliases: ['price', 'selling price', 'rate'] }),
      f('purchasePrice', 'Purchase price', { aliases: ['cost', 'cost price', 'buying price'] }),
      f('isActive', 'Active', { hint: 'yes or no', aliases: ['active', 'status'] }),
    ],
    toRaw(c) {
      const code = (c.hsnSac ?? '').replace(/\s/g, '');
      const kind = blankToUndefined(c.kind?.toLowerCase()) ?? (code.startsWith('99') ? 'services' : 'goods');
      return {
        errors: [],
        raw: {
          name: c.name ?? '',
          description: blankToUndefined(c.description),
          kind: kind === 'service' ? 'services' : kind,
          hsnSac: code,
          unit: blankToUndefined(c.unit?.toUpperCase()),
          gstRate: percent(c.gstRate) ?? '',
          cessRate: percent(c.cessRate),
          cessPerUnit: amount(c.cessPerUnit),
          salePrice: amount(c.salePrice),
          purchasePrice: amount(c.purchasePrice),
          isActive: yesNo(c.isActive),
        },
      };
    },
    fieldForPath: (path) => path.split('.')[0] ?? path,
    validate: (input) => masters.items.validate(input),
    async checkBatch(executor, inputs) {
      const errors = new Map<number, CellError[]>();
      const seen = new Map<string, number>();
      inputs.forEach((input, i) => {
        if (!input) return;
        const first = seen.get(input.name);
        if (first !== undefined) {
          errors.set(i, [{ field: 'name', message: `repeats the name in row ${first + 2}` }]);
        } else seen.set(input.name, i);
      });
      const names = [...seen.keys()];
      for (let start = 0; start < names.length; start += 500) {
        const chunk = names.slice(start, start + 500);
        for (const name of await existingItemNames(executor, chunk)) {
          const i = seen.get(name);
          if (i !== undefined) errors.set(i, [{ field: 'name', message: `an item named "${name}" already exists` }]);
        }
      }
      return errors;
    },
    createIn: (tx, ctx, input) => masters.items.createIn(tx, ctx, input),
  };
}
