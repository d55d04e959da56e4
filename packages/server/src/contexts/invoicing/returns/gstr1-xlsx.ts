import { PassThrough } from 'node:stream';
import { loadExcelJs } from '../../../platform/export/exceljs';
import type { Gstr1HsnRow, Gstr1Return } from '@bizdash/contracts/returns';
import { findState } from '@bizdash/domain/states';

/**
 * GSTR-1 as a workbook in the layout of the GST offline tool's Excel template: one sheet per section (b2b, b2cl,
 * b2cs, exp, cdnr, cdnur, hsn(b2b)/hsn(b2c) or hsn, docs) with the template's column headings, one row per rate.
 * Written with exceljs's streaming writer, so a large month never holds the whole workbook model in memory.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The template's date style: dd-mm-yyyy -> 06-Oct-2025. */
function templateDate(portalDate: string): string {
  const [d, m, y] = portalDate.split('-');
  return `${d}-${MONTHS[Number(m) - 1] ?? m}-${y}`;
}

/** The template's place of supply: "27-Maharashtra". */
function templatePos(code: string | undefined): string {
  if (!code) return '';
  if (code === '96') return '96-Other Countries';
  return `${code}-${findState(code)?.name ?? ''}`;
}

const NOTE_TYPE = { C: 'C', D: 'D' } as const;
const INV_TYPE = {
  R: 'Regular B2B',
  SEWP: 'SEZ supplies with payment',
  SEWOP: 'SEZ supplies without payment',
  DE: 'Deemed Exp',
};

type Row = (string | number)[];

export async function gstr1Workbook(ret: Gstr1Return, partyNames: ReadonlyMap<string, string>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new (await loadExcelJs()).stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
  });

  const sheet = (name: string, headings: string[], rows: Iterable<Row>) => {
    const ws = wb.addWorksheet(name);
    ws.columns = headings.map((h) => ({ header: h, width: Math.max(12, Math.min(40, h.length + 4)) }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    for (const row of rows) ws.addRow(row).commit();
    ws.commit();
  };

  sheet(
    'b2b',
    [
      'GSTIN/UIN of Recipient',
      'Receiver Name',
      'Invoice Number',
      'Invoice date',
      'Invoice Value',
      'Place Of Supply',
      'Reverse Charge',
      'Applicable % of Tax Rate',
      'Invoice Type',
      'E-Commerce GSTIN',
      'Rate',
      'Taxable Value',
      'Cess Amount',
    ],
    (function* () {
      for (const p of ret.b2b ?? [])
        for (const inv of p.inv)
          for (const it of inv.itms)
            yield [
              p.ctin,
              partyNames.get(p.ctin) ?? '',
              inv.inum,
              templateDate(inv.idt),
              inv.val,
              templatePos(inv.pos),
              inv.rchrg,
              '',
              INV_TYPE[inv.inv_typ],
              '',
              it.itm_det.rt,
              it.itm_det.txval,
              it.itm_det.csamt,
            ];
    })(),
  );

  sheet(
    'b2cl',
    [
      'Invoice Number',
      'Invoice date',
      'Invoice Value',
      'Place Of Supply',
      'Applicable % of Tax Rate',
      'Rate',
      'Taxable Value',
      'Cess Amount',
      'E-Commerce GSTIN',
    ],
    (function* () {
      for (const g of ret.b2cl ?? [])
        for (const inv of g.inv)
          for (const it of inv.itms)
            yield [
              inv.inum,
              templateDate(inv.idt),
              inv.val,
              templatePos(g.pos),
              '',
              it.itm_det.rt,
              it.itm_det.txval,
              it.itm_det.csamt,
              '',
            ];
    })(),
  );

  sheet(
    'b2cs',
    ['Type', 'Place Of Supply', 'Applicable % of Tax Rate', 'Rate', 'Taxable Value', 'Cess Amount', 'E-Commerce GSTIN'],
    (ret.b2cs ?? []).map((r) => [r.typ, templatePos(r.pos), '', r.rt, r.txval, r.csamt, '']),
  );

  sheet(
    'exp',
    [
      'Export Type',
      'Invoice Number',
      'Invoice date',
      'Invoice Value',
      'Port Code',
      'Shipping Bill Number',
      'Shipping Bill Date',
      'Applicable % of Tax Rate',
      'Rate',
      'Taxable Value',
      'Cess Amount',
    ],
    (function* () {
      for (const g of ret.exp ?? [])
        for (const inv of g.inv)
          for (const it of inv.itms)
            yield [
              g.exp_typ,
              inv.inum,
              templateDate(inv.idt),
              inv.val,
              inv.sbpcode ?? '',
              inv.sbnum ?? '',
              inv.sbdt ? templateDate(inv.sbdt) : '',
              '',
              it.rt,
              it.txval,
              it.csamt,
            ];
    })(),
  );

  sheet(
    'cdnr',
    [
      'GSTIN/UIN of Recipient',
      'Receiver Name',
      'Note Number',
      'Note Date',
      'Note Type',
      'Place Of Supply',
      'Reverse Charge',
      'Note Supply Type',
      'Note Value',
      'Applicable % of Tax Rate',
      'Rate',
      'Taxable Value',
      'Cess Amount',
    ],
    (function* () {
      for (const p of ret.cdnr ?? [])
        for (const nt of p.nt)
          for (const it of nt.itms)
            yield [
              p.ctin,
              partyNames.get(p.ctin) ?? '',
              nt.nt_num,
              templateDate(nt.nt_dt),
              NOTE_TYPE[nt.ntty],
              templatePos(nt.pos),
              nt.rchrg,
              INV_TYPE[nt.inv_typ],
              nt.val,
              '',
              it.itm_det.rt,
              it.itm_det.txval,
              it.itm_det.csamt,
            ];
    })(),
  );

  sheet(
    'cdnur',
    [
      'UR Type',
      'Note Number',
      'Note Date',
      'Note Type',
      'Place Of Supply',
      'Note Value',
      'Applicable % of Tax Rate',
      'Rate',
      'Taxable Value',
      'Cess Amount',
    ],
    (function* () {
      for (const nt of ret.cdnur ?? [])
        for (const it of nt.itms)
          yield [
            nt.typ,
            nt.nt_num,
            templateDate(nt.nt_dt),
            NOTE_TYPE[nt.ntty],
            templatePos(nt.pos),
            nt.val,
            '',
            it.itm_det.rt,
            it.itm_det.txval,
            it.itm_det.csamt,
          ];
    })(),
  );

  // Table 8 always lists its four supply types, as the offline tool's template does; absent types read 0.
  const NIL_ROWS = [
    ['INTRB2B', 'Inter-State supplies to registered persons'],
    ['INTRAB2B', 'Intra-State supplies to registered persons'],
    ['INTRB2C', 'Inter-State supplies to unregistered persons'],
    ['INTRAB2C', 'Intra-State supplies to unregistered persons'],
  ] as const;
  sheet(
    'exemp',
    ['Description', 'Nil Rated Supplies', 'Exempted(other than nil rated/non GST supply)', 'Non-GST Supplies'],
    NIL_ROWS.map(([type, label]) => {
      const row = ret.nil?.inv.find((r) => r.sply_ty === type);
      return [label, row?.nil_amt ?? 0, row?.expt_amt ?? 0, row?.ngsup_amt ?? 0];
    }),
  );

  const hsnHeadings = [
    'HSN',
    'Description',
    'UQC',
    'Total Quantity',
    'Total Value',
    'Rate',
    'Taxable Value',
    'Integrated Tax Amount',
    'Central Tax Amount',
    'State/UT Tax Amount',
    'Cess Amount',
  ];
  const hsnRows = (rows: Gstr1HsnRow[]): Row[] =>
    rows.map((r) => [
      r.hsn_sc,
      r.desc ?? '',
      r.uqc,
      r.qty,
      // Total value = taxable value + taxes; each term has two decimals, so summing whole paise is exact.
      [r.txval, r.iamt, r.camt, r.samt, r.csamt].reduce((s, v) => s + Math.round(v * 100), 0) / 100,
      r.rt,
      r.txval,
      r.iamt,
      r.camt,
      r.samt,
      r.csamt,
    ]);
  if (ret.hsn && 'data' in ret.hsn) sheet('hsn', hsnHeadings, hsnRows(ret.hsn.data));
  else {
    sheet('hsn(b2b)', hsnHeadings, hsnRows(ret.hsn?.hsn_b2b ?? []));
    sheet('hsn(b2c)', hsnHeadings, hsnRows(ret.hsn?.hsn_b2c ?? []));
  }

  sheet(
    'docs',
    ['Nature of Document', 'Sr. No. From', 'Sr. No. To', 'Total Number', 'Cancelled'],
    (function* () {
      for (const det of ret.doc_issue?.doc_det ?? [])
        for (const d of det.docs) yield [det.doc_typ, d.from, d.to, d.totnum, d.cancel];
    })(),
  );

  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}
