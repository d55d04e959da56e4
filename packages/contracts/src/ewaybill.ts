import { z } from 'zod';
import { IsoDate } from './common';

/**
 * E-way bill (Rule 138, form GST EWB-01) as the NIC portal's bulk generation takes it: a file of
 * `{ version, billLists: [...] }`, each bill with Part A (the consignment, from the document) and Part B (the
 * conveyance, entered by the user). Keys and types are NIC's (API v1.03 schema, vendored in
 * packages/server/src/modules/invoices/ewaybill/schema): amounts are rupees as JSON numbers, state codes and PINs
 * integers, dates dd/mm/yyyy. Optional fields without a value are left out.
 */

/** Modes of transport (NIC master codes): 1 road, 2 rail, 3 air, 4 ship. */
export const TransportMode = z.enum(['road', 'rail', 'air', 'ship']);
export type TransportMode = z.infer<typeof TransportMode>;

/**
 * A vehicle registration number as the portal takes it: state letters, RTO digits, series letters and number
 * (MH12AB1234, KA01A1234, DL1CAB1234), or a temporary registration (TR…) or defence vehicle (BA…); spaces and
 * hyphens are dropped before the check.
 */
export const VEHICLE_NO_RE =
  /^(?:[A-Z]{2}\d{1,2}[A-Z]{0,3}\d{4}|[A-Z]{2}\d{2}[A-Z]{0,2}\d{1,4}|TR[A-Z0-9]{6,13}|BA[A-Z0-9]{6,13})$/;

export const normalizeVehicleNo = (text: string): string => text.replace(/[\s-]/g, '').toUpperCase();

/**
 * Part B. Road needs a vehicle number or a transporter id (then the transporter fills Part B); rail, air and ship
 * need the transport document number (RR, airway bill, bill of lading).
 */
export const EwayBillPartB = z
  .object({
    mode: TransportMode,
    /** Approximate distance in km (portal limit 4,000; 0 lets the portal compute it from the PINs). */
    distanceKm: z.number().int().min(0).max(4000),
    /** The transporter's GSTIN or TRANSIN (15 characters). */
    transporterId: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[0-9]{2}[0-9A-Z]{13}$/, 'must be a 15-character GSTIN or transporter id')
      .nullable()
      .optional(),
    transporterName: z.string().trim().max(100).nullable().optional(),
    vehicleNo: z
      .string()
      .transform(normalizeVehicleNo)
      .refine((v) => VEHICLE_NO_RE.test(v), 'must be a vehicle registration number such as MH12AB1234')
      .nullable()
      .optional(),
    /** Over-dimensional cargo. */
    overDimensionalCargo: z.boolean().optional(),
    transportDocNo: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9/-]{1,15}$/, 'must be up to 15 letters, digits, / or -')
      .nullable()
      .optional(),
    transportDocDate: IsoDate.nullable().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.mode === 'road' && !v.vehicleNo && !v.transporterId) {
      ctx.addIssue({
        code: 'custom',
        path: ['vehicleNo'],
        message: 'is required for road transport (or a transporter id)',
      });
    }
    if (v.mode !== 'road' && !v.transportDocNo) {
      ctx.addIssue({ code: 'custom', path: ['transportDocNo'], message: `is required for ${v.mode} transport` });
    }
  });
export type EwayBillPartB = z.infer<typeof EwayBillPartB>;

/** Part B as last used for a document (plain, for answers), so the dialog opens with it. */
export const SavedEwayBillPartB = z.object({
  mode: TransportMode,
  distanceKm: z.number(),
  transporterId: z.string().nullable().optional(),
  transporterName: z.string().nullable().optional(),
  vehicleNo: z.string().nullable().optional(),
  overDimensionalCargo: z.boolean().optional(),
  transportDocNo: z.string().nullable().optional(),
  transportDocDate: z.string().nullable().optional(),
});
export type SavedEwayBillPartB = z.infer<typeof SavedEwayBillPartB>;

/** POST /api/v1/invoices/{id}/ewaybill: the JSON for the portal; `force` makes it below the threshold too. */
export const GenerateEwayBillInput = z.object({
  partB: EwayBillPartB,
  force: z.boolean().optional(),
});
export type GenerateEwayBillInput = z.infer<typeof GenerateEwayBillInput>;

const Amount = z.number();
const Int = z.number().int();

export const EwayBillItem = z.object({
  itemNo: Int,
  productName: z.string().optional(),
  productDesc: z.string().optional(),
  hsnCode: Int,
  quantity: z.number(),
  qtyUnit: z.string(),
  taxableAmount: Amount,
  sgstRate: z.number(),
  cgstRate: z.number(),
  igstRate: z.number(),
  cessRate: z.number(),
  cessNonAdvol: z.number(),
});

export const EwayBill = z.object({
  userGstin: z.string(),
  supplyType: z.literal('O'),
  subSupplyType: z.string(),
  /** With sub-supply type 8 (others): what the movement is (20 characters). */
  subSupplyDesc: z.string().optional(),
  docType: z.enum(['INV', 'CHL', 'BIL', 'BOE', 'OTH']),
  docNo: z.string(),
  docDate: z.string(),
  fromGstin: z.string(),
  fromTrdName: z.string().optional(),
  fromAddr1: z.string().optional(),
  fromAddr2: z.string().optional(),
  fromPlace: z.string().optional(),
  fromPincode: Int,
  actFromStateCode: Int,
  fromStateCode: Int,
  toGstin: z.string(),
  toTrdName: z.string().optional(),
  toAddr1: z.string().optional(),
  toAddr2: z.string().optional(),
  toPlace: z.string().optional(),
  toPincode: Int,
  actToStateCode: Int,
  toStateCode: Int,
  transactionType: Int,
  totalValue: Amount,
  cgstValue: Amount,
  sgstValue: Amount,
  igstValue: Amount,
  cessValue: Amount,
  cessNonAdvolValue: Amount,
  otherValue: Amount,
  totInvValue: Amount,
  transMode: z.string().optional(),
  transDistance: z.string(),
  transporterName: z.string().optional(),
  transporterId: z.string().optional(),
  transDocNo: z.string().optional(),
  transDocDate: z.string().optional(),
  vehicleNo: z.string().optional(),
  vehicleType: z.enum(['R', 'O']).optional(),
  itemList: z.array(EwayBillItem),
});
export type EwayBill = z.infer<typeof EwayBill>;

/** The bulk-generation file. */
export const EwayBillFile = z.object({ version: z.string(), billLists: z.array(EwayBill) });
export type EwayBillFile = z.infer<typeof EwayBillFile>;

/** POST /api/v1/invoices/{id}/ewaybill/import: what the portal answered. */
export const ImportEwayBillInput = z
  .object({
    number: z
      .string()
      .transform((v) => v.replace(/\s/g, ''))
      .refine((v) => /^\d{12}$/.test(v), 'must be the 12-digit e-way bill number'),
    date: IsoDate,
    validUntil: IsoDate,
  })
  .refine((v) => v.validUntil >= v.date, { path: ['validUntil'], message: 'must not be before the e-way bill date' });
export type ImportEwayBillInput = z.infer<typeof ImportEwayBillInput>;
