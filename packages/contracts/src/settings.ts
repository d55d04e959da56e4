import { z } from 'zod';
import { IsoDate, MoneyString, Timestamp } from './common';

/**
 * True for an IANA zone name the runtime knows. Not Intl.supportedValuesOf: it lists only ICU's canonical names,
 * which leaves out Asia/Kolkata (ICU keeps Asia/Calcutta).
 */
function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const OptionalText = (max: number) => z.string().trim().max(max).nullable().optional();

/** The business's own details as printed on its invoices. */
export const BusinessSettings = z.object({
  name: z.string(),
  legalName: z.string().nullable(),
  tradeName: z.string().nullable(),
  gstin: z.string().nullable(),
  /** Two-digit GST state code of the principal place of business. */
  stateCode: z.string(),
  pan: z.string().nullable(),
  address: z.object({
    line1: z.string().nullable(),
    line2: z.string().nullable(),
    city: z.string().nullable(),
    pin: z.string().nullable(),
  }),
  bank: z.object({
    accountName: z.string().nullable(),
    accountNumber: z.string().nullable(),
    ifsc: z.string().nullable(),
    bankName: z.string().nullable(),
    branch: z.string().nullable(),
  }),
  upiId: z.string().nullable(),
  /**
   * Letter of Undertaking (GST RFD-11) for exports and SEZ supplies without payment of IGST: its reference number
   * (ARN) and date, printed on such invoices dated in the LUT's financial year.
   */
  lut: z.object({ number: z.string().nullable(), date: z.string().nullable() }),
  /**
   * Consignment value (goods lines incl. tax, excluding exempt goods) from which an invoice's goods need an e-way
   * bill (Rule 138): ₹50,000 by default; states notify their own limits for movements within the state.
   */
  ewayBillThreshold: MoneyString.nullable().optional(),
  invoiceTerms: z.string().nullable(),
  signatoryName: z.string().nullable(),
  timezone: z.string(),
  /** Month (1–12) the financial year starts in; 4 (April) in India. */
  fyStartMonth: z.number().int(),
  /** TODO(logo upload): always null until the upload lands. */
  logoUrl: z.string().nullable(),
  updatedAt: Timestamp,
});
export type BusinessSettings = z.infer<typeof BusinessSettings>;

export const UpdateBusinessSettingsInput = z
  .object({
    name: z.string().trim().min(1, 'is required').max(200).optional(),
    legalName: OptionalText(200),
    tradeName: OptionalText(200),
    gstin: OptionalText(20),
    stateCode: z
      .string()
      .regex(/^\d{2}$/, 'must be a two-digit GST state code')
      .optional(),
    pan: OptionalText(12),
    address: z
      .object({
        line1: OptionalText(200),
        line2: OptionalText(200),
        city: OptionalText(100),
        pin: OptionalText(10),
      })
      .optional(),
    bank: z
      .object({
        accountName: OptionalText(200),
        accountNumber: z
          .string()
          .trim()
          .regex(/^[0-9]{6,20}$/, 'must be 6 to 20 digits')
          .nullable()
          .optional(),
        ifsc: OptionalText(15),
        bankName: OptionalText(200),
        branch: OptionalText(200),
      })
      .optional(),
    upiId: OptionalText(100),
    lut: z
      .object({
        number: OptionalText(30),
        date: IsoDate.nullable().optional(),
      })
      .optional(),
    ewayBillThreshold: MoneyString.optional(),
    invoiceTerms: OptionalText(4000),
    signatoryName: OptionalText(200),
    timezone: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .refine(isKnownTimeZone, 'is not a known time zone, such as Asia/Kolkata')
      .optional(),
    fyStartMonth: z.number().int().min(1).max(12).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export type UpdateBusinessSettingsInput = z.infer<typeof UpdateBusinessSettingsInput>;

/** A further GST registration of the business (another state); the primary one is on the business record. */
export const BusinessRegistration = z.object({
  id: z.number().int(),
  gstin: z.string(),
  stateCode: z.string(),
  tradeName: z.string().nullable(),
  address: z.string().nullable(),
  isPrimary: z.boolean(),
  archivedAt: Timestamp.nullable(),
  createdAt: Timestamp,
});
export type BusinessRegistration = z.infer<typeof BusinessRegistration>;
export const BusinessRegistrationList = z.object({ items: z.array(BusinessRegistration) });
export type BusinessRegistrationList = z.infer<typeof BusinessRegistrationList>;

export const CreateBusinessRegistrationInput = z.object({
  gstin: z.string().trim().max(20),
  tradeName: OptionalText(200),
  address: OptionalText(500),
});
export type CreateBusinessRegistrationInput = z.infer<typeof CreateBusinessRegistrationInput>;

/** Documents that are numbered from a series. */
export const SeriesDocumentType = z.enum([
  'invoice',
  'bill_of_supply',
  'credit_note',
  'debit_note',
  'receipt',
  'proforma',
  'delivery_challan',
  'quotation',
]);
export type SeriesDocumentType = z.infer<typeof SeriesDocumentType>;

export const FinancialYearLabel = z.string().regex(/^\d{4}-\d{2}$/, 'must look like 2026-27');

/**
 * A document type's number series in one financial year for one GST registration: Rule 46(b) wants a consecutive
 * series per GSTIN, so every registration numbers its own documents.
 */
export const NumberSeries = z.object({
  id: z.number().int(),
  /** The registration the series numbers for; null while the business has no GSTIN. */
  gstin: z.string().nullable(),
  /** True for the primary registration's series (the GSTIN on the business record). */
  isPrimary: z.boolean(),
  documentType: SeriesDocumentType,
  financialYear: z.string(),
  /** Such as INV/{FY}/{SEQ:4}; tokens {FY}, {FY:SHORT}, {SEQ}, {SEQ:n}. */
  template: z.string(),
  nextSequence: z.number().int(),
  /** The number the next document will get. */
  preview: z.string(),
  /** The last sequence that still renders within 16 characters. */
  maxSequence: z.number().int(),
  updatedAt: Timestamp,
});
export type NumberSeries = z.infer<typeof NumberSeries>;
export const NumberSeriesList = z.object({ items: z.array(NumberSeries) });
export type NumberSeriesList = z.infer<typeof NumberSeriesList>;

export const NumberSeriesQuery = z.object({
  financialYear: FinancialYearLabel.optional(),
  /** Only this registration's series. */
  gstin: z.string().trim().toUpperCase().max(20).optional(),
});
export type NumberSeriesQuery = z.infer<typeof NumberSeriesQuery>;

/**
 * Creates or replaces the series of one document type in one financial year (the current one if omitted) for one
 * registration (the primary GSTIN if omitted).
 */
export const SetNumberSeriesInput = z.object({
  gstin: z.string().trim().toUpperCase().max(20).optional(),
  documentType: SeriesDocumentType,
  financialYear: FinancialYearLabel.optional(),
  template: z.string().trim().min(1, 'is required').max(64),
  nextSequence: z.number().int().min(1).optional(),
});
export type SetNumberSeriesInput = z.infer<typeof SetNumberSeriesInput>;
