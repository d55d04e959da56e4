import type { z } from 'zod';
import { Gstr1Return } from '@bizdash/contracts/returns';
import { ALLOWED_GST_RATES_BP, isUqc } from '@bizdash/domain/gst/uqc';

/**
 * The GST portal's GSTR-1 structure with the rules its offline tool enforces beyond the shape (gst-rules.md 7.1):
 * two-decimal amounts, notified rates, a regular GSTIN per counterparty, IGST xor CGST+SGST per row, equal CGST and
 * SGST, B2CL above the limit, dd-mm-yyyy dates within the period, and Table 13 arithmetic. Tests validate the
 * endpoint's output against it; the contract (`Gstr1Return`) alone checks only the shape.
 */

const GSTIN_RE = /^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z][Z1-9ABD-J][0-9A-Z]$/;
const isTwoDecimals = (n: number) => Number.isFinite(n) && Math.abs(Math.round(n * 100) / 100 - n) < 1e-9;
const isRate = (rt: number) => ALLOWED_GST_RATES_BP.includes(Math.round(rt * 100));

type Ctx = z.core.$RefinementCtx<Gstr1Return>;

function checkAmounts(value: unknown, path: (string | number)[], ctx: Ctx): void {
  if (typeof value === 'number') {
    const key = path[path.length - 1];
    const isMoney = ['txval', 'iamt', 'camt', 'samt', 'csamt', 'val', 'nil_amt', 'expt_amt', 'ngsup_amt'].includes(
      String(key),
    );
    if (isMoney && !isTwoDecimals(value)) ctx.addIssue({ code: 'custom', path, message: 'more than two decimals' });
    return;
  }
  if (Array.isArray(value)) value.forEach((v, i) => checkAmounts(v, [...path, i], ctx));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) checkAmounts(v, [...path, k], ctx);
  }
}

interface TaxRow {
  rt: number;
  iamt?: number | undefined;
  camt?: number | undefined;
  samt?: number | undefined;
}

function checkTaxRow(row: TaxRow, path: (string | number)[], ctx: Ctx): void {
  if (!isRate(row.rt))
    ctx.addIssue({ code: 'custom', path: [...path, 'rt'], message: `rate ${row.rt} is not notified` });
  const hasIgst = row.iamt !== undefined;
  const hasIntra = row.camt !== undefined || row.samt !== undefined;
  if (hasIgst === hasIntra && !(hasIgst && row.iamt === 0)) {
    ctx.addIssue({ code: 'custom', path, message: 'report either iamt or camt + samt' });
  }
  if (hasIntra && row.camt !== row.samt) ctx.addIssue({ code: 'custom', path, message: 'camt must equal samt' });
}

function inPeriod(date: string, fp: string): boolean {
  const [, m, y] = date.split('-');
  return `${m}${y}` === fp;
}

export const Gstr1PortalSchema = Gstr1Return.superRefine((ret, ctx) => {
  checkAmounts(ret, [], ctx);
  const b2clLimit = Number(ret.fp.slice(2)) * 100 + Number(ret.fp.slice(0, 2)) <= 202407 ? 250000 : 100000;
  const date = (d: string, path: (string | number)[]) => {
    if (!inPeriod(d, ret.fp)) ctx.addIssue({ code: 'custom', path, message: `${d} is outside the period ${ret.fp}` });
  };
  ret.b2b?.forEach((party, p) => {
    if (!GSTIN_RE.test(party.ctin)) ctx.addIssue({ code: 'custom', path: ['b2b', p, 'ctin'], message: 'not a GSTIN' });
    if (party.ctin === ret.gstin) ctx.addIssue({ code: 'custom', path: ['b2b', p], message: 'supply to self' });
    party.inv.forEach((inv, i) => {
      date(inv.idt, ['b2b', p, 'inv', i, 'idt']);
      inv.itms.forEach((it, k) => checkTaxRow(it.itm_det, ['b2b', p, 'inv', i, 'itms', k], ctx));
    });
  });
  ret.b2cl?.forEach((group, p) => {
    group.inv.forEach((inv, i) => {
      date(inv.idt, ['b2cl', p, 'inv', i, 'idt']);
      if (!(inv.val > b2clLimit)) {
        ctx.addIssue({
          code: 'custom',
          path: ['b2cl', p, 'inv', i, 'val'],
          message: `B2CL needs a value above ${b2clLimit}`,
        });
      }
      inv.itms.forEach((it, k) => {
        if (it.itm_det.camt !== undefined || it.itm_det.samt !== undefined) {
          ctx.addIssue({ code: 'custom', path: ['b2cl', p, 'inv', i, 'itms', k], message: 'B2CL is IGST only' });
        }
      });
    });
  });
  ret.b2cs?.forEach((row, i) => {
    checkTaxRow(row, ['b2cs', i], ctx);
    if (row.sply_ty === 'INTER' && row.camt !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['b2cs', i], message: 'an INTER row carries IGST only' });
    }
  });
  ret.exp?.forEach((group, p) =>
    group.inv.forEach((inv, i) => {
      date(inv.idt, ['exp', p, 'inv', i, 'idt']);
      if (group.exp_typ === 'WOPAY' && inv.itms.some((it) => it.iamt !== 0)) {
        ctx.addIssue({ code: 'custom', path: ['exp', p, 'inv', i], message: 'WOPAY exports carry no IGST' });
      }
    }),
  );
  ret.cdnr?.forEach((party, p) => {
    if (!GSTIN_RE.test(party.ctin)) ctx.addIssue({ code: 'custom', path: ['cdnr', p, 'ctin'], message: 'not a GSTIN' });
    party.nt.forEach((nt, i) => {
      date(nt.nt_dt, ['cdnr', p, 'nt', i, 'nt_dt']);
      nt.itms.forEach((it, k) => checkTaxRow(it.itm_det, ['cdnr', p, 'nt', i, 'itms', k], ctx));
    });
  });
  ret.cdnur?.forEach((nt, i) => {
    date(nt.nt_dt, ['cdnur', i, 'nt_dt']);
    if (nt.typ === 'B2CL' && !nt.pos)
      ctx.addIssue({ code: 'custom', path: ['cdnur', i, 'pos'], message: 'B2CL needs pos' });
  });
  const nilTypes = new Set<string>();
  ret.nil?.inv.forEach((row, i) => {
    if (nilTypes.has(row.sply_ty)) {
      ctx.addIssue({ code: 'custom', path: ['nil', 'inv', i, 'sply_ty'], message: `${row.sply_ty} appears twice` });
    }
    nilTypes.add(row.sply_ty);
  });
  const hsnRows = ret.hsn ? ('data' in ret.hsn ? ret.hsn.data : [...ret.hsn.hsn_b2b, ...ret.hsn.hsn_b2c]) : [];
  hsnRows.forEach((row, i) => {
    if (!isUqc(row.uqc)) ctx.addIssue({ code: 'custom', path: ['hsn', i, 'uqc'], message: `${row.uqc} is not a UQC` });
    if (!isRate(row.rt))
      ctx.addIssue({ code: 'custom', path: ['hsn', i, 'rt'], message: `rate ${row.rt} is not notified` });
  });
  if (ret.hsn && 'data' in ret.hsn === Number(ret.fp.slice(2)) * 100 + Number(ret.fp.slice(0, 2)) >= 202505) {
    ctx.addIssue({
      code: 'custom',
      path: ['hsn'],
      message: 'from May 2025 Table 12 is split into hsn_b2b and hsn_b2c',
    });
  }
  ret.doc_issue?.doc_det.forEach((det, d) =>
    det.docs.forEach((doc, i) => {
      if (doc.net_issue !== doc.totnum - doc.cancel || doc.cancel > doc.totnum) {
        ctx.addIssue({
          code: 'custom',
          path: ['doc_issue', 'doc_det', d, 'docs', i],
          message: 'net_issue != totnum - cancel',
        });
      }
    }),
  );
});
