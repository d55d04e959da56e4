/**
 * GST Unique Quantity Codes (UQC): the units GSTR-1 HSN summaries and e-invoices accept (the GST portal's UQC list,
 * as used by the e-invoice schema). Services have no quantity in this sense; they are usually entered as OTH or
 * NOS.
 */
export const UQC_CODES = {
  BAG: 'Bags',
  BAL: 'Bale',
  BDL: 'Bundles',
  BKL: 'Buckles',
  BOU: 'Billion of units',
  BOX: 'Box',
  BTL: 'Bottles',
  BUN: 'Bunches',
  CAN: 'Cans',
  CBM: 'Cubic metres',
  CCM: 'Cubic centimetres',
  CMS: 'Centimetres',
  CTN: 'Cartons',
  DOZ: 'Dozens',
  DRM: 'Drums',
  GGK: 'Great gross',
  GMS: 'Grammes',
  GRS: 'Gross',
  GYD: 'Gross yards',
  KGS: 'Kilograms',
  KLR: 'Kilolitre',
  KME: 'Kilometre',
  LTR: 'Litres',
  MLT: 'Millilitre',
  MTR: 'Metres',
  MTS: 'Metric ton',
  NOS: 'Numbers',
  OTH: 'Others',
  PAC: 'Packs',
  PCS: 'Pieces',
  PRS: 'Pairs',
  QTL: 'Quintal',
  ROL: 'Rolls',
  SET: 'Sets',
  SQF: 'Square feet',
  SQM: 'Square metres',
  SQY: 'Square yards',
  TBS: 'Tablets',
  TGM: 'Ten gross',
  THD: 'Thousands',
  TON: 'Tonnes',
  TUB: 'Tubes',
  UGS: 'US gallons',
  UNT: 'Units',
  YDS: 'Yards',
} as const;

export type Uqc = keyof typeof UQC_CODES;

/** True when `code` (already upper-cased) is a GST UQC. */
export function isUqc(code: string): code is Uqc {
  return Object.hasOwn(UQC_CODES, code);
}

/** Upper-cases and trims a typed unit and returns it when it is a UQC, else null. */
export function normalizeUqc(input: string): Uqc | null {
  const code = input.trim().toUpperCase();
  return isUqc(code) ? code : null;
}

/**
 * GST rates (total, in basis points) BizDash accepts on items and order types: india-compliance's set plus the 40 %
 * slab of GST 2.0 (gst-rules.md 4.1).
 */
export const ALLOWED_GST_RATES_BP: readonly number[] = [
  0, 10, 25, 100, 150, 300, 500, 600, 750, 1200, 1800, 2800, 4000,
];

export function isAllowedGstRateBp(rateBp: number): boolean {
  return ALLOWED_GST_RATES_BP.includes(rateBp);
}
