import { z } from 'zod';

/**
 * E-invoice JSON, schema version 1.1 (Form GST INV-01) as the NIC Invoice Registration Portal takes it
 * (gst-rules.md 6.2). Amounts are rupees as JSON numbers with at most two decimals (the IRP's format), state
 * codes two-digit strings, dates DD/MM/YYYY. Keys are NIC's. Optional fields without a value are left out, never
 * sent as null: the schema types them as strings or numbers. The published schema itself is vendored in
 * packages/server/src/modules/invoices/einvoice/schema and every generated e-invoice is tested against it.
 */
const Amount = z.number().multipleOf(0.01).min(0);
const SignedAmount = z.number().multipleOf(0.01);
const DdMmYyyy = z.string().regex(/^\d{2}\/\d{2}\/\d{4}$/, 'must be DD/MM/YYYY');
const StateCode = z.string().regex(/^\d{2}$/);
const YesNo = z.enum(['Y', 'N']);

export const EInvoiceParty = z.object({
  Gstin: z.string().min(3).max(15),
  LglNm: z.string().min(3).max(100),
  TrdNm: z.string().min(3).max(100).optional(),
  Addr1: z.string().min(1).max(100),
  Addr2: z.string().min(3).max(100).optional(),
  /** 50 characters for the seller, 100 for the buyer (schema 1.1). */
  Loc: z.string().min(3).max(100),
  /** 999999 for a buyer outside India. */
  Pin: z.number().int().min(100000).max(999999),
  /** "96" for a buyer outside India. */
  Stcd: StateCode,
  Ph: z.string().min(6).max(12).optional(),
  Em: z.string().min(6).max(100).optional(),
});

export const EInvoiceItem = z.object({
  SlNo: z.string().max(6),
  PrdDesc: z.string().min(3).max(300).optional(),
  IsServc: YesNo,
  HsnCd: z.string().regex(/^\d{4,8}$/),
  Qty: z.number().min(0).optional(),
  Unit: z.string().min(3).max(8).optional(),
  UnitPrice: Amount,
  TotAmt: Amount,
  Discount: Amount,
  AssAmt: Amount,
  GstRt: z.number().min(0).max(100),
  IgstAmt: Amount,
  CgstAmt: Amount,
  SgstAmt: Amount,
  CesRt: z.number().min(0),
  CesAmt: Amount,
  CesNonAdvlAmt: Amount,
  StateCesRt: z.number().min(0),
  StateCesAmt: Amount,
  StateCesNonAdvlAmt: Amount,
  OthChrg: Amount,
  TotItemVal: Amount,
});

/** GET /api/v1/invoices/{id}/einvoice: the request body to send to the IRP. */
export const EInvoicePayload = z.object({
  Version: z.literal('1.1'),
  TranDtls: z.object({
    TaxSch: z.literal('GST'),
    SupTyp: z.enum(['B2B', 'SEZWP', 'SEZWOP', 'EXPWP', 'EXPWOP', 'DEXP']),
    RegRev: YesNo,
    EcmGstin: z.string().length(15).optional(),
    IgstOnIntra: YesNo,
  }),
  DocDtls: z.object({
    Typ: z.enum(['INV', 'CRN', 'DBN']),
    No: z.string().regex(/^[A-Za-z1-9][A-Za-z0-9/-]{0,15}$/),
    Dt: DdMmYyyy,
  }),
  SellerDtls: EInvoiceParty,
  BuyerDtls: EInvoiceParty.extend({ Pos: StateCode }),
  ItemList: z.array(EInvoiceItem).min(1).max(1000),
  ValDtls: z.object({
    AssVal: Amount,
    CgstVal: Amount,
    SgstVal: Amount,
    IgstVal: Amount,
    CesVal: Amount,
    StCesVal: Amount,
    Discount: Amount,
    OthChrg: Amount,
    RndOffAmt: SignedAmount.min(-99.99).max(99.99),
    TotInvVal: Amount,
  }),
  RefDtls: z.object({ PrecDocDtls: z.array(z.object({ InvNo: z.string(), InvDt: DdMmYyyy })) }).optional(),
  ExpDtls: z
    .object({
      ShipBNo: z.string().optional(),
      ShipBDt: DdMmYyyy.optional(),
      Port: z.string().optional(),
      /** ISO 3166-1 alpha-2 country of the foreign buyer. */
      CntCode: z
        .string()
        .regex(/^[A-Z]{2}$/)
        .optional(),
      ForCur: z.string().optional(),
    })
    .optional(),
});
export type EInvoicePayload = z.infer<typeof EInvoicePayload>;

/** The IRP's (decrypted) answer to "generate IRN", as NIC documents it; other fields are ignored. */
export const IrpResponse = z.looseObject({
  Irn: z.string().trim(),
  /** A number in NIC's JSON; some GSPs send it as a string. */
  AckNo: z.union([
    z.number().int().nonnegative(),
    z
      .string()
      .trim()
      .regex(/^\d{1,20}$/, 'must be digits'),
  ]),
  /** yyyy-MM-dd HH:mm:ss (IST). */
  AckDt: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'must be yyyy-MM-dd HH:mm:ss'),
  SignedQRCode: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'must be the signed JWS the IRP returned')
    .max(8000),
  SignedInvoice: z.string().optional(),
  /** ACT (active) or CNL (cancelled). */
  Status: z.enum(['ACT', 'CNL']).optional(),
});
export type IrpResponse = z.infer<typeof IrpResponse>;

/**
 * POST /api/v1/invoices/{id}/einvoice/response: the IRP response as saved from the portal or a GSP, either bare or
 * wrapped the way NIC's API wraps it ({ "Status": 1, "Data": {…} }).
 */
export const ImportIrpResponseInput = z.union([IrpResponse, z.looseObject({ Data: IrpResponse })]);
export type ImportIrpResponseInput = z.infer<typeof ImportIrpResponseInput>;
