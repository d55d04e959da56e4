import type { z } from 'zod';
import { Gstr1Return } from '@bizdash/contracts/returns';
import { ALLOWED_GST_RATES_BP, isUqc } from '@bizdash/domain/gst/uqc';
import { seriesPrefix } from './gstr1-doc-issue';
import { HSN_DESC_PATTERN } from './gstr1-hsn';

/**
 * The GST portal's GSTR-1 structure with the rules its offline tool enforces beyond the shape (gst-rules.md 7.1):
 * two-decimal amounts, notified rates, a regular GSTIN per counterparty, IGST xor CGST+SGST per row, equal CGST and
 * SGST, B2CL above the limit, dd-mm-yyyy dates within the period, and Table 13 arithmetic. Tests validate the
 * endpoint's output against it; the contract (`Gstr1Return`) alone checks only the shape.
 *
 * The offline tool's field patterns (its JSON schema as the portal validates an upload) are checked here too:
 * document numbers (Rule 46(b): 16 letters, digits, "-" or "/"), port code and shipping bill, Table 12 descriptions,
 * services as UQC "NA" with quantity 0 from May 2025, and tax per row equal to taxable value × rate within ₹1 (the
 * tool's tolerance), reverse-charge rows included: under RCM the supplier still reports the tax, the recipient pays it.
 */

/** Rule 46(b): up to 16 characters, letters, digits, "-" and "/". */
const DOC_NUMBER_RE = /^[A-Za-z0-9/-]{1,16}$/;
const PORT_CODE_RE = /^[A-Za-z0-9]{6}$/;
const SHIPPING_BILL_RE = /^[0-9]{1,7}$/;

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

/** The tool's tolerance: each tax within ₹1 of taxable value × rate (rounding per line on the invoice). */
function checkTaxAmounts(
  row: { txval: number; rt: number; iamt?: number | undefined; camt?: number | undefined; samt?: number | undefined },
  path: (string | number)[],
  ctx: Ctx,
): void {
  const expected = (row.txval * row.rt) / 100;
  const charged = (row.iamt ?? 0) + (row.camt ?? 0) + (row.samt ?? 0);
  if (Math.abs(charged - expected) > 1 + Math.abs(row.txval) * 0.0001) {
    ctx.addIssue({
      code: 'custom',
      path,
      message: `tax ${charged} is not ${row.rt}% of ${row.txval} (${expected.toFixed(2)})`,
    });
  }
}

function checkNumber(value: string, path: (string | number)[], ctx: Ctx): void {
  if (!DOC_NUMBER_RE.test(value)) {
    ctx.addIssue({ code: 'custom', path, message: `${value} is not a document number (16 of A-Z 0-9 / -)` });
  }
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
      checkNumber(inv.inum, ['b2b', p, 'inv', i, 'inum'], ctx);
      inv.itms.forEach((it, k) => {
        checkTaxRow(it.itm_det, ['b2b', p, 'inv', i, 'itms', k], ctx);
        // SEZ and deemed exports without payment carry no tax at their rate; every other row (RCM too) does.
        if (inv.inv_typ !== 'SEWOP') checkTaxAmounts(it.itm_det, ['b2b', p, 'inv', i, 'itms', k], ctx);
      });
      // Under reverse charge the invoice value is what the recipient pays the supplier: the taxable value (the tax
      // goes to the government), never less than it beyond round-off.
      const txval = inv.itms.reduce((sum, it) => sum + it.itm_det.txval, 0);
      if (inv.val < txval - 1) {
        ctx.addIssue({ code: 'custom', path: ['b2b', p, 'inv', i, 'val'], message: 'val below the taxable value' });
      }
    });
  });
  ret.b2cl?.forEach((group, p) => {
    group.inv.forEach((inv, i) => {
      date(inv.idt, ['b2cl', p, 'inv', i, 'idt']);
      checkNumber(inv.inum, ['b2cl', p, 'inv', i, 'inum'], ctx);
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
      checkNumber(inv.inum, ['exp', p, 'inv', i, 'inum'], ctx);
      if (inv.sbpcode !== undefined && !PORT_CODE_RE.test(inv.sbpcode)) {
        ctx.addIssue({ code: 'custom', path: ['exp', p, 'inv', i, 'sbpcode'], message: 'port code is 6 characters' });
      }
      if (inv.sbnum !== undefined && !SHIPPING_BILL_RE.test(inv.sbnum)) {
        ctx.addIssue({ code: 'custom', path: ['exp', p, 'inv', i, 'sbnum'], message: 'shipping bill is 1-7 digits' });
      }
      if (group.exp_typ === 'WPAY') {
        inv.itms.forEach((it, k) => checkTaxAmounts(it, ['exp', p, 'inv', i, 'itms', k], ctx));
      }
      if (group.exp_typ === 'WOPAY' && inv.itms.some((it) => it.iamt !== 0)) {
        ctx.addIssue({ code: 'custom', path: ['exp', p, 'inv', i], message: 'WOPAY exports carry no IGST' });
      }
    }),
  );
  ret.cdnr?.forEach((party, p) => {
    if (!GSTIN_RE.test(party.ctin)) ctx.addIssue({ code: 'custom', path: ['cdnr', p, 'ctin'], message: 'not a GSTIN' });
    party.nt.forEach((nt, i) => {
      date(nt.nt_dt, ['cdnr', p, 'nt', i, 'nt_dt']);
      checkNumber(nt.nt_num, ['cdnr', p, 'nt', i, 'nt_num'], ctx);
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
  const split = Number(ret.fp.slice(2)) * 100 + Number(ret.fp.slice(0, 2)) >= 202505;
  hsnRows.forEach((row, i) => {
    const isService = row.hsn_sc.startsWith('99');
    if (split && isService && (row.uqc !== 'NA' || row.qty !== 0)) {
      ctx.addIssue({ code: 'custom', path: ['hsn', i, 'uqc'], message: 'services report UQC NA and quantity 0' });
    } else if (!(split && row.uqc === 'NA' && isService) && !isUqc(row.uqc)) {
      ctx.addIssue({ code: 'custom', path: ['hsn', i, 'uqc'], message: `${row.uqc} is not a UQC` });
    }
    for (const key of ['desc', 'user_desc'] as const) {
      const text = row[key];
      if (text !== undefined && !HSN_DESC_PATTERN.test(text)) {
        ctx.addIssue({ code: 'custom', path: ['hsn', i, key], message: `${key} does not match the tool's pattern` });
      }
    }
    if (!split && row.user_desc !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['hsn', i, 'user_desc'], message: 'user_desc exists from May 2025' });
    }
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
      const path = ['doc_issue', 'doc_det', d, 'docs', i];
      checkNumber(doc.from, [...path, 'from'], ctx);
      checkNumber(doc.to, [...path, 'to'], ctx);
      // One range is one series: a template change within the year starts a new range.
      const from = seriesPrefix(doc.from);
      const to = seriesPrefix(doc.to);
      if (from.prefix !== to.prefix) {
        ctx.addIssue({ code: 'custom', path, message: `${doc.from} and ${doc.to} are in different series` });
      } else if (from.serial !== null && to.serial !== null && BigInt(doc.totnum) > to.serial - from.serial + 1n) {
        ctx.addIssue({ code: 'custom', path, message: 'totnum exceeds the numbers in the range' });
      }
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
