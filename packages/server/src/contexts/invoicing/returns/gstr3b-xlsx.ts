import { loadExcelJs } from '../../../platform/export/exceljs';
import type { Gstr3bReturn } from '@bizdash/contracts/returns';
import { findState } from '@bizdash/domain/states';
import { INDIAN_MONEY_FORMAT } from '../../../platform/export/register-xlsx';

/**
 * GSTR-3B as a workbook a person reads before filing: one sheet per table (3.1, 3.2, 4, 5, 6.1) with the portal's
 * row labels, amounts in rupees with Indian grouping. A return is a few dozen rows, so the workbook is built in
 * memory (unlike GSTR-1's streamed sheets).
 */

type Cell = string | number;

const TAX_HEADINGS = ['Integrated tax', 'Central tax', 'State/UT tax', 'Cess'];
const MONTH_NAMES = 'January February March April May June July August September October November December'.split(' ');

interface Heads {
  iamt: number;
  camt: number;
  samt: number;
  csamt: number;
}
const tax = (h: Heads): Cell[] => [h.iamt, h.camt, h.samt, h.csamt];
const pos = (code: string) => `${code}-${findState(code)?.name ?? ''}`;

export async function gstr3bWorkbook(ret: Gstr3bReturn): Promise<Buffer> {
  const wb = new (await loadExcelJs()).Workbook();
  const period = `${MONTH_NAMES[Number(ret.ret_period.slice(0, 2)) - 1] ?? ''} ${ret.ret_period.slice(2)}`;

  const sheet = (name: string, title: string, headings: string[], rows: Cell[][]) => {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 3 }] });
    ws.addRow([`${title} · GSTIN ${ret.gstin} · ${period}`]).font = { bold: true };
    ws.addRow([]);
    ws.addRow(headings).font = { bold: true };
    for (const r of rows) ws.addRow(r);
    ws.columns.forEach((col, i) => {
      col.width = i === 0 ? 62 : 18;
      if (i > 0) col.numFmt = INDIAN_MONEY_FORMAT;
    });
  };

  const s = ret.sup_details;
  sheet(
    '3.1',
    '3.1 Details of outward supplies and inward supplies liable to reverse charge',
    ['Nature of supplies', 'Total taxable value', ...TAX_HEADINGS],
    [
      [
        '(a) Outward taxable supplies (other than zero rated, nil rated and exempted)',
        s.osup_det.txval,
        ...tax(s.osup_det),
      ],
      ['(b) Outward taxable supplies (zero rated)', s.osup_zero.txval, s.osup_zero.iamt, '', '', s.osup_zero.csamt],
      ['(c) Other outward supplies (nil rated, exempted)', s.osup_nil_exmp.txval, '', '', '', ''],
      ['(d) Inward supplies (liable to reverse charge)', s.isup_rev.txval, ...tax(s.isup_rev)],
      ['(e) Non-GST outward supplies', s.osup_nongst.txval, '', '', '', ''],
    ],
  );

  const i = ret.inter_sup;
  sheet(
    '3.2',
    '3.2 Inter-state supplies to unregistered persons, composition taxable persons and UIN holders',
    ['Supplies made to', 'Place of supply', 'Total taxable value', 'Integrated tax'],
    [
      ...i.unreg_details.map((r) => ['Unregistered persons', pos(r.pos), r.txval, r.iamt]),
      ...i.comp_details.map((r) => ['Composition taxable persons', pos(r.pos), r.txval, r.iamt]),
      ...i.uin_details.map((r) => ['UIN holders', pos(r.pos), r.txval, r.iamt]),
    ],
  );

  const itc = ret.itc_elg;
  const avl = (ty: string) => itc.itc_avl.find((r) => r.ty === ty);
  const row4 = (label: string, h: Heads | undefined): Cell[] => [label, ...(h ? tax(h) : ['', '', '', ''])];
  sheet(
    '4',
    '4 Eligible ITC',
    ['Details', ...TAX_HEADINGS],
    [
      ['(A) ITC available (whether in full or part)', '', '', '', ''],
      row4('(1) Import of goods', avl('IMPG')),
      row4('(2) Import of services', avl('IMPS')),
      row4('(3) Inward supplies liable to reverse charge (other than 1 & 2 above)', avl('ISRC')),
      row4('(4) Inward supplies from ISD', avl('ISD')),
      row4('(5) All other ITC', avl('OTH')),
      ['(B) ITC reversed', '', '', '', ''],
      row4(
        '(1) As per rules 38, 42 & 43 of CGST Rules and section 17(5)',
        itc.itc_rev.find((r) => r.ty === 'RUL'),
      ),
      row4(
        '(2) Others',
        itc.itc_rev.find((r) => r.ty === 'OTH'),
      ),
      row4('(C) Net ITC available (A) − (B)', itc.itc_net),
      ['(D) Other details', '', '', '', ''],
      row4(
        '(1) ITC reclaimed / as per section 17(5)',
        itc.itc_inelg.find((r) => r.ty === 'RUL'),
      ),
      row4(
        '(2) Ineligible ITC',
        itc.itc_inelg.find((r) => r.ty === 'OTH'),
      ),
    ],
  );

  const inward = (ty: 'GST' | 'NONGST') => ret.inward_sup.isup_details.find((r) => r.ty === ty);
  sheet(
    '5',
    '5 Values of exempt, nil-rated and non-GST inward supplies',
    ['Nature of supplies', 'Inter-state', 'Intra-state'],
    [
      [
        'From a supplier under composition scheme, exempt and nil rated supply',
        inward('GST')?.inter ?? 0,
        inward('GST')?.intra ?? 0,
      ],
      ['Non-GST supply', inward('NONGST')?.inter ?? 0, inward('NONGST')?.intra ?? 0],
    ],
  );

  const p = ret.tax_pmt;
  const payable = (ty: 'OTH' | 'RCM') => p.tx_py.find((r) => r.ty === ty);
  const cash = (ty: 'OTH' | 'RCM' | 'TOTAL') => p.pdcash.find((r) => r.ty === ty);
  const d = p.pditc;
  // One row per head, as the portal's 6.1: payable, credit used from each head, cash.
  const headRow = (
    label: string,
    ty: 'OTH' | 'RCM',
    key: keyof Heads,
    used: [number, number, number, number],
  ): Cell[] => [label, payable(ty)?.[key] ?? 0, ...used, cash(ty)?.[key] ?? 0];
  sheet(
    '6.1',
    '6.1 Payment of tax (computed by BizDash in the portal set-off order)',
    ['Description', 'Tax payable', 'Paid through ITC: Integrated', 'Central', 'State/UT', 'Cess', 'Tax paid in cash'],
    [
      ['Other than reverse charge', '', '', '', '', '', ''],
      headRow('Integrated tax', 'OTH', 'iamt', [d.i_pdi, d.c_pdi, d.s_pdi, 0]),
      headRow('Central tax', 'OTH', 'camt', [d.i_pdc, d.c_pdc, 0, 0]),
      headRow('State/UT tax', 'OTH', 'samt', [d.i_pds, 0, d.s_pds, 0]),
      headRow('Cess', 'OTH', 'csamt', [0, 0, 0, d.cs_pdcs]),
      ['Reverse charge (paid in cash only)', '', '', '', '', '', ''],
      headRow('Integrated tax', 'RCM', 'iamt', [0, 0, 0, 0]),
      headRow('Central tax', 'RCM', 'camt', [0, 0, 0, 0]),
      headRow('State/UT tax', 'RCM', 'samt', [0, 0, 0, 0]),
      headRow('Cess', 'RCM', 'csamt', [0, 0, 0, 0]),
      [],
      ['Credit available (net ITC)', '', ...tax(p.itc_avl), ''],
      ['Cash payable in total', '', '', '', '', '', ''],
      ...(['iamt', 'camt', 'samt', 'csamt'] as const).map((k, n): Cell[] => [
        `  ${['Integrated tax', 'Central tax', 'State/UT tax', 'Cess'][n]}`,
        '',
        '',
        '',
        '',
        '',
        cash('TOTAL')?.[k] ?? 0,
      ]),
      ['Credit carried forward', '', ...tax(p.itc_bal), ''],
    ],
  );

  return Buffer.from(await wb.xlsx.writeBuffer());
}
