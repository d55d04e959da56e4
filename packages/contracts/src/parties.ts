import { z } from 'zod';
import { IsoDate, MoneyString, PageQuery, Timestamp, pageOf, Id } from './common';
import { classified } from './visibility';

export const PARTY_ROLES = ['client', 'supplier', 'partner'] as const;
export const PartyRole = z.enum(PARTY_ROLES);
export type PartyRole = z.infer<typeof PartyRole>;

export const PartyKind = z.enum(['individual', 'company', 'firm', 'trust', 'other']);
export type PartyKind = z.infer<typeof PartyKind>;

export const GstRegistrationType = z.enum([
  'regular',
  'composition',
  'unregistered',
  'consumer',
  'sez',
  'overseas',
  'uin',
]);
export type GstRegistrationType = z.infer<typeof GstRegistrationType>;

/**
 * A percentage with up to two decimals, 0 to 100, as a decimal string ("40.00", "12.5"). Stored as integer basis
 * points; always returned with two decimals.
 */
export const PercentString = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,2})?$/, 'must be a percentage with at most two decimals, such as "40.00"')
  .refine((v) => Number(v) <= 100, 'must be between 0 and 100');

export const Address = z.object({
  line1: z.string().trim().min(1, 'is required').max(200),
  line2: z.string().trim().max(200).nullish(),
  city: z.string().trim().min(1, 'is required').max(100),
  /** GST state code, two digits ("27" Maharashtra). */
  stateCode: z.string().regex(/^\d{2}$/, 'must be a two-digit GST state code'),
  pin: z.string().trim().min(1, 'is required').max(10),
});
export type Address = z.infer<typeof Address>;

/**
 * An address outside India: free-form lines as the country writes them, and its postal code. It has no GST state;
 * its place of supply is 96 (Other Countries).
 */
export const ForeignAddress = z.object({
  lines: z.array(z.string().trim().min(1, 'is required').max(100)).min(1, 'needs at least one line').max(4),
  postalCode: z.string().trim().max(20).nullish(),
});
export type ForeignAddress = z.infer<typeof ForeignAddress>;

/** ISO 3166-1 alpha-2 country code, upper case ("IN", "US"). */
export const CountryCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'must be a two-letter ISO 3166 country code');

export const Payout = z.object({
  bankAccountName: z.string().trim().max(200).nullish(),
  bankAccountNumber: z
    .string()
    .trim()
    .regex(/^\d{6,18}$/, 'must be 6 to 18 digits')
    .nullish(),
  ifsc: z.string().trim().max(20).nullish(),
  upiId: z.string().trim().max(300).nullish(),
});
export type Payout = z.infer<typeof Payout>;

const Name = z.string().trim().min(1, 'is required').max(200);

const PartyFields = {
  name: Name,
  legalName: z.string().trim().max(200).nullish(),
  kind: PartyKind,
  roles: z.array(PartyRole).min(1, 'needs at least one role').max(3),
  emails: z.array(z.email('must be an email address').trim().toLowerCase().max(200)).max(10),
  /** Indian numbers in any common notation; stored and returned as E.164 (+919876543210). */
  phones: z.array(z.string().trim().max(30)).max(10),
  /** Country of the party (ISO 3166-1 alpha-2); default IN. Outside India the address is `foreignAddress`. */
  countryCode: CountryCode.optional(),
  billingAddress: Address.nullish(),
  shippingAddress: Address.nullish(),
  /** The address of a party outside India (refused for IN, where `billingAddress` holds the address). */
  foreignAddress: ForeignAddress.nullish(),
  gstin: z.string().trim().max(20).nullish(),
  pan: z.string().trim().max(20).nullish(),
  gstRegistrationType: GstRegistrationType,
  paymentTermsDays: z.number().int().min(0).max(3650).nullish(),
  creditLimit: MoneyString.nullish(),
  /**
   * What stood between the business and the party when the books started in BizDash: positive, the party owes the
   * business (a debtor); negative, the business owes the party (a creditor). Posted to the book against opening
   * balance equity.
   */
  openingBalance: MoneyString.nullish(),
  /** The date the opening balance stands on (required with a non-zero balance). */
  openingBalanceDate: IsoDate.nullish(),
  tags: z.array(z.string().trim().min(1).max(50)).max(30),
  notes: z.string().max(5000).nullish(),
  /** Partners only: the default share of revenue, "40.00". */
  revenueShare: classified('money', PercentString).nullish(),
  payout: classified('bank', Payout).nullish(),
  /** Send this party overdue-payment reminder emails (opt-in). */
  emailReminders: z.boolean().optional(),
};

export const CreatePartyInput = z.object({
  ...PartyFields,
  emails: PartyFields.emails.default([]),
  phones: PartyFields.phones.default([]),
  tags: PartyFields.tags.default([]),
  kind: PartyKind.default('company'),
  gstRegistrationType: GstRegistrationType.default('regular'),
});
export type CreatePartyInput = z.infer<typeof CreatePartyInput>;

export const UpdatePartyInput = z
  .object({
    name: PartyFields.name.optional(),
    legalName: PartyFields.legalName,
    kind: PartyFields.kind.optional(),
    roles: PartyFields.roles.optional(),
    emails: PartyFields.emails.optional(),
    phones: PartyFields.phones.optional(),
    countryCode: PartyFields.countryCode,
    billingAddress: PartyFields.billingAddress,
    shippingAddress: PartyFields.shippingAddress,
    foreignAddress: PartyFields.foreignAddress,
    gstin: PartyFields.gstin,
    pan: PartyFields.pan,
    gstRegistrationType: PartyFields.gstRegistrationType.optional(),
    paymentTermsDays: PartyFields.paymentTermsDays,
    creditLimit: PartyFields.creditLimit,
    openingBalance: PartyFields.openingBalance,
    openingBalanceDate: PartyFields.openingBalanceDate,
    tags: PartyFields.tags.optional(),
    notes: PartyFields.notes,
    revenueShare: PartyFields.revenueShare,
    payout: PartyFields.payout,
    emailReminders: PartyFields.emailReminders,
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export type UpdatePartyInput = z.infer<typeof UpdatePartyInput>;

export const Party = z.object({
  id: z.number().int(),
  name: z.string(),
  legalName: z.string().nullable(),
  kind: PartyKind,
  roles: z.array(PartyRole),
  emails: z.array(z.string()),
  phones: z.array(z.string()),
  /** ISO 3166-1 alpha-2; IN for parties in India. */
  countryCode: z.string(),
  billingAddress: Address.nullable(),
  shippingAddress: Address.nullable(),
  /** Set for a party outside India (countryCode not IN). */
  foreignAddress: ForeignAddress.nullable(),
  gstin: z.string().nullable(),
  pan: z.string().nullable(),
  gstRegistrationType: GstRegistrationType,
  paymentTermsDays: z.number().int().nullable(),
  creditLimit: MoneyString.nullable(),
  /** Null for roles that may not read money (field visibility, issue 16). */
  openingBalance: MoneyString.nullable(),
  openingBalanceDate: IsoDate.nullable(),
  tags: z.array(z.string()),
  notes: z.string().nullable(),
  /** A percentage of revenue: money, null for roles that may not read it (issue 16). */
  revenueShare: classified('money', z.string()).nullable(),
  /** Bank details: null for roles that may not read the class `bank` (issue 16). */
  payout: classified('bank', Payout).nullable(),
  emailReminders: z.boolean(),
  isArchived: z.boolean(),
  archivedAt: Timestamp.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Party = z.infer<typeof Party>;

/** Something worth a look that does not block saving: a PIN outside its state, or a likely duplicate party. */
export const PartyWarning = z.object({
  code: z.enum(['PIN_STATE_MISMATCH', 'DUPLICATE_GSTIN', 'DUPLICATE_PHONE', 'DUPLICATE_EMAIL']),
  field: z.string(),
  message: z.string(),
  /** For duplicates: the other party. */
  party: z.object({ id: z.number().int(), name: z.string() }).optional(),
});
export type PartyWarning = z.infer<typeof PartyWarning>;

/** Create and update answer with the saved record plus its warnings. */
export const PartyWithWarnings = Party.extend({ warnings: z.array(PartyWarning) });
export type PartyWithWarnings = z.infer<typeof PartyWithWarnings>;

export const ListPartiesQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  role: PartyRole.optional(),
  archived: z.enum(['false', 'true', 'all']).default('false'),
  tag: z.string().trim().max(50).optional(),
  /** `relevance`: best match for q first (then by name); without q it sorts by name. */
  sort: z.enum(['name', 'createdAt', 'updatedAt', 'relevance']).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type ListPartiesQuery = z.infer<typeof ListPartiesQuery>;

/**
 * A party in the list, with its balance from the book (debit positive: it owes the business; negative: the
 * business owes it); null for roles that may not see money.
 */
export const PartyListItem = Party.extend({ balance: MoneyString.nullable() });
export type PartyListItem = z.infer<typeof PartyListItem>;
export const PartyPage = pageOf(PartyListItem);
export type PartyPage = z.infer<typeof PartyPage>;

export const DuplicateCheckQuery = z.object({
  gstin: z.string().trim().max(20).optional(),
  phone: z.string().trim().max(30).optional(),
  email: z.string().trim().max(200).optional(),
  /** The party being edited, so it is not reported as its own duplicate. */
  excludeId: Id.optional(),
});
export type DuplicateCheckQuery = z.infer<typeof DuplicateCheckQuery>;

export const DuplicateCheckResult = z.object({ warnings: z.array(PartyWarning) });
export type DuplicateCheckResult = z.infer<typeof DuplicateCheckResult>;
