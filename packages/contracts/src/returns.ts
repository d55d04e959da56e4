import { z } from 'zod';
import { IsoDate } from './common';

/**
 * GST returns. GSTR-1 is returned in the GST portal's own JSON (the offline tool's import format): keys are GSTN's,
 * amounts are rupees as JSON numbers with two decimals, dates dd-mm-yyyy, place of supply a two-digit code
 * (gst-rules.md 7.1). BizDash computes every figure from integer paise and converts only at this edge.
 */

export const ReturnPeriod = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as yyyy-mm, such as 2026-10');

export const Gstr1Query = z.object({
  period: ReturnPeriod,
  /** json (default): the portal's JSON; xlsx: the same sections as a workbook, one sheet per section. */
  format: z.enum(['json', 'xlsx']).default('json'),
  /** Which of the business's GSTINs files the return; default the primary GSTIN in business settings. */
  gstin: z.string().trim().length(15, 'must be a 15-character GSTIN').optional(),
});
export type Gstr1Query = z.infer<typeof Gstr1Query>;

const Amount = z.number().describe('rupees with two decimals');
const Rate = z.number().min(0).max(100);
const PortalDate = z.string().regex(/^\d{2}-\d{2}-\d{4}$/, 'must be dd-mm-yyyy');
const Pos = z.string().regex(/^\d{2}$/);
const YesNo = z.enum(['Y', 'N']);

/** Tax amounts of one rate: iamt for IGST documents, camt + samt for CGST + SGST/UTGST ones. */
export const Gstr1ItemDetail = z.strictObject({
  txval: Amount,
  rt: Rate,
  iamt: Amount.optional(),
  camt: Amount.optional(),
  samt: Amount.optional(),
  csamt: Amount,
});
export type Gstr1ItemDetail = z.infer<typeof Gstr1ItemDetail>;

/** `num` is the portal's per-invoice row key: rate × 100 + 1 (1801 for 18 %), as the offline tool writes it. */
export const Gstr1Item = z.strictObject({ num: z.number().int().positive(), itm_det: Gstr1ItemDetail });

export const Gstr1B2bInvoice = z.strictObject({
  inum: z.string().min(1).max(16),
  idt: PortalDate,
  val: Amount,
  pos: Pos,
  rchrg: YesNo,
  /** R regular, SEWP / SEWOP SEZ with / without payment, DE deemed export. */
  inv_typ: z.enum(['R', 'SEWP', 'SEWOP', 'DE']),
  itms: z.array(Gstr1Item).min(1),
});

export const Gstr1B2b = z.strictObject({ ctin: z.string().length(15), inv: z.array(Gstr1B2bInvoice).min(1) });

export const Gstr1B2clInvoice = z.strictObject({
  inum: z.string().min(1).max(16),
  idt: PortalDate,
  val: Amount,
  itms: z.array(Gstr1Item).min(1),
});
export const Gstr1B2cl = z.strictObject({ pos: Pos, inv: z.array(Gstr1B2clInvoice).min(1) });

export const Gstr1B2cs = z.strictObject({
  sply_ty: z.enum(['INTRA', 'INTER']),
  pos: Pos,
  /** OE: not through an e-commerce operator. */
  typ: z.enum(['OE', 'E']),
  rt: Rate,
  txval: Amount,
  iamt: Amount.optional(),
  camt: Amount.optional(),
  samt: Amount.optional(),
  csamt: Amount,
});

export const Gstr1ExpItem = z.strictObject({ txval: Amount, rt: Rate, iamt: Amount, csamt: Amount });
export const Gstr1ExpInvoice = z.strictObject({
  inum: z.string().min(1).max(16),
  idt: PortalDate,
  val: Amount,
  sbpcode: z.string().optional(),
  sbnum: z.string().optional(),
  sbdt: PortalDate.optional(),
  itms: z.array(Gstr1ExpItem).min(1),
});
export const Gstr1Exp = z.strictObject({ exp_typ: z.enum(['WPAY', 'WOPAY']), inv: z.array(Gstr1ExpInvoice).min(1) });

export const Gstr1Note = z.strictObject({
  ntty: z.enum(['C', 'D']),
  nt_num: z.string().min(1).max(16),
  nt_dt: PortalDate,
  val: Amount,
  pos: Pos,
  rchrg: YesNo,
  inv_typ: z.enum(['R', 'SEWP', 'SEWOP', 'DE']),
  itms: z.array(Gstr1Item).min(1),
});
export const Gstr1Cdnr = z.strictObject({ ctin: z.string().length(15), nt: z.array(Gstr1Note).min(1) });

export const Gstr1Cdnur = z.strictObject({
  typ: z.enum(['B2CL', 'EXPWP', 'EXPWOP']),
  ntty: z.enum(['C', 'D']),
  nt_num: z.string().min(1).max(16),
  nt_dt: PortalDate,
  val: Amount,
  pos: Pos.optional(),
  itms: z.array(Gstr1Item).min(1),
});

/**
 * Table 8: nil-rated, exempt and non-GST outward supplies, one row per supply type: inter/intra-state to registered
 * (INTRB2B / INTRAB2B) or unregistered (INTRB2C / INTRAB2C) persons.
 */
export const Gstr1NilRow = z.strictObject({
  sply_ty: z.enum(['INTRB2B', 'INTRAB2B', 'INTRB2C', 'INTRAB2C']),
  nil_amt: Amount,
  expt_amt: Amount,
  ngsup_amt: Amount,
});
export type Gstr1NilRow = z.infer<typeof Gstr1NilRow>;
export const Gstr1Nil = z.strictObject({ inv: z.array(Gstr1NilRow).min(1) });

/** The offline tool's pattern for Table 12 descriptions. */
const HsnDescription = z.string().regex(/^[ A-Za-z0-9_@./&-]{0,30}$/, 'must be 30 letters, digits or " _@./&-"');

export const Gstr1HsnRow = z.strictObject({
  num: z.number().int().positive(),
  hsn_sc: z.string().regex(/^\d{4,8}$/),
  /** Up to April 2025 the user's description; from May 2025 the HSN master's (the user's text then in user_desc). */
  desc: HsnDescription.optional(),
  user_desc: HsnDescription.optional(),
  /** A UQC; "NA" for services from May 2025 (OTH before). */
  uqc: z.string().min(2).max(5),
  qty: z.number(),
  rt: Rate,
  txval: Amount,
  iamt: Amount,
  camt: Amount,
  samt: Amount,
  csamt: Amount,
});
export type Gstr1HsnRow = z.infer<typeof Gstr1HsnRow>;

/** Table 12: one list up to April 2025; B2B and B2C tabs from May 2025 (gst-rules.md 4.2). */
export const Gstr1Hsn = z.union([
  z.strictObject({ hsn_b2b: z.array(Gstr1HsnRow), hsn_b2c: z.array(Gstr1HsnRow) }),
  z.strictObject({ data: z.array(Gstr1HsnRow) }),
]);

export const Gstr1DocRange = z.strictObject({
  num: z.number().int().positive(),
  from: z.string().min(1),
  to: z.string().min(1),
  totnum: z.number().int().nonnegative(),
  cancel: z.number().int().nonnegative(),
  net_issue: z.number().int().nonnegative(),
});
export const Gstr1DocDetail = z.strictObject({
  /** 1 invoices for outward supply, 4 debit notes, 5 credit notes (GSTN document natures). */
  doc_num: z.number().int().min(1).max(12),
  doc_typ: z.string(),
  docs: z.array(Gstr1DocRange).min(1),
});

/** GET /api/v1/returns/gstr1?period=yyyy-mm: the portal's GSTR-1 JSON. Empty sections are left out. */
export const Gstr1Return = z.strictObject({
  gstin: z.string().length(15),
  /** Filing period as MMYYYY. */
  fp: z.string().regex(/^(0[1-9]|1[0-2])\d{4}$/),
  /** The offline tool's format version ("GST3.x") and its hash placeholder, as the tool writes them. */
  version: z.string().regex(/^GST\d+(\.\d+)*$/),
  hash: z.string(),
  b2b: z.array(Gstr1B2b).optional(),
  b2cl: z.array(Gstr1B2cl).optional(),
  b2cs: z.array(Gstr1B2cs).optional(),
  exp: z.array(Gstr1Exp).optional(),
  cdnr: z.array(Gstr1Cdnr).optional(),
  cdnur: z.array(Gstr1Cdnur).optional(),
  nil: Gstr1Nil.optional(),
  hsn: Gstr1Hsn.optional(),
  doc_issue: z.strictObject({ doc_det: z.array(Gstr1DocDetail) }).optional(),
});
export type Gstr1Return = z.infer<typeof Gstr1Return>;

export const RegisterQuery = z.object({
  type: z.enum(['sales', 'purchase']),
  from: IsoDate,
  to: IsoDate,
  format: z.enum(['xlsx']).default('xlsx'),
});
export type RegisterQuery = z.infer<typeof RegisterQuery>;

// ---- GSTR-3B

/** GET /api/v1/returns/gstr3b: same choices as GSTR-1 (month, format, which registration files it). */
export const Gstr3bQuery = z.object({
  period: ReturnPeriod,
  /** json (default): the portal's GSTR-3B JSON plus tax_pmt; xlsx: one readable sheet per table. */
  format: z.enum(['json', 'xlsx']).default('json'),
  gstin: z.string().trim().length(15, 'must be a 15-character GSTIN').optional(),
});
export type Gstr3bQuery = z.infer<typeof Gstr3bQuery>;

/**
 * Field names are GSTN's, checked against the GSTR-3B JSON that India Compliance writes for the offline tool
 * (`gstr_3b_report_template.json` and its test): 3.1(a) and (d) carry all five amounts, (b) txval/iamt/csamt, (c)
 * and (e) txval only, as the portal file has them.
 */
const Tax3b = z.strictObject({ txval: Amount, iamt: Amount, camt: Amount, samt: Amount, csamt: Amount });
const Heads3b = z.strictObject({ iamt: Amount, camt: Amount, samt: Amount, csamt: Amount });
const InterSup = z.strictObject({ pos: Pos, txval: Amount, iamt: Amount });

export const Gstr3bReturn = z.strictObject({
  gstin: z.string().length(15),
  /** MMYYYY. */
  ret_period: z.string().regex(/^(0[1-9]|1[0-2])\d{4}$/),
  sup_details: z.strictObject({
    osup_det: Tax3b,
    osup_zero: z.strictObject({ txval: Amount, iamt: Amount, csamt: Amount }),
    osup_nil_exmp: z.strictObject({ txval: Amount }),
    isup_rev: Tax3b,
    osup_nongst: z.strictObject({ txval: Amount }),
  }),
  inter_sup: z.strictObject({
    unreg_details: z.array(InterSup),
    comp_details: z.array(InterSup),
    uin_details: z.array(InterSup),
  }),
  itc_elg: z.strictObject({
    itc_avl: z.array(Heads3b.extend({ ty: z.enum(['IMPG', 'IMPS', 'ISRC', 'ISD', 'OTH']) })),
    itc_rev: z.array(Heads3b.extend({ ty: z.enum(['RUL', 'OTH']) })),
    itc_net: Heads3b,
    itc_inelg: z.array(Heads3b.extend({ ty: z.enum(['RUL', 'OTH']) })),
  }),
  inward_sup: z.strictObject({
    isup_details: z.array(z.strictObject({ ty: z.enum(['GST', 'NONGST']), inter: Amount, intra: Amount })),
  }),
  /**
   * 6.1, computed by BizDash (the portal computes it itself; the offline file has no such key): tax payable per head
   * other than reverse charge (OTH) and under reverse charge (RCM), the credit available, the credit used in the
   * portal's set-off order (`pditc`, named after GSTN's offset keys: `i_pdc` is IGST credit paying CGST), the cash
   * still payable and the credit carried forward.
   */
  tax_pmt: z.strictObject({
    tx_py: z.array(Heads3b.extend({ ty: z.enum(['OTH', 'RCM']) })),
    itc_avl: Heads3b,
    pditc: z.strictObject({
      i_pdi: Amount,
      i_pdc: Amount,
      i_pds: Amount,
      c_pdc: Amount,
      c_pdi: Amount,
      s_pds: Amount,
      s_pdi: Amount,
      cs_pdcs: Amount,
    }),
    pdcash: z.array(Heads3b.extend({ ty: z.enum(['OTH', 'RCM', 'TOTAL']) })),
    itc_bal: Heads3b,
  }),
});
export type Gstr3bReturn = z.infer<typeof Gstr3bReturn>;
