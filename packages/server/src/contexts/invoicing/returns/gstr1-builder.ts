import type { Gstr1Return } from '@bizdash/contracts/returns';
import { DocumentRanges } from './gstr1-doc-issue';
import { b2bSection, b2clSection, cdnrSection, cdnurSection, expSection, type DocAcc } from './gstr1-documents';
import { OFFLINE_TOOL_HASH, OFFLINE_TOOL_VERSION, filingPeriod } from './gstr1-format';
import { hsnSection } from './gstr1-hsn';
import type { B2csRow, DocumentNumberRow, DocumentRateRow, HsnRow, NilRow } from './gstr1-rows';
import { b2csSection, nilSection } from './gstr1-summaries';

export type {
  B2csRow,
  DocumentNumberRow,
  DocumentRateRow,
  DocumentSection,
  HsnRow,
  NilKind,
  NilRow,
  TaxSums,
} from './gstr1-rows';
export { seriesPrefix } from './gstr1-doc-issue';
export { OFFLINE_TOOL_HASH, OFFLINE_TOOL_VERSION, filingPeriod, itemDetail, portalDate, rupees } from './gstr1-format';
export { HSN_DESC_PATTERN, HSN_SPLIT_FROM, portalHsnDescription } from './gstr1-hsn';

/**
 * Pure assembly of the portal's GSTR-1 JSON from rows the database has already aggregated (per document and rate,
 * per B2CS bucket, per HSN and rate, per number series). Amounts arrive in paise and are converted to rupee numbers
 * only at the edge (gst-rules.md 7.1). Rows may arrive in chunks; documents are keyed by id. Each table is built in
 * its own file: documents (b2b, b2cl, exp, cdnr, cdnur), summaries (b2cs, nil), HSN, and document ranges.
 */
export class Gstr1Builder {
  readonly #docs = new Map<number, DocAcc>();
  readonly #b2cs: B2csRow[] = [];
  readonly #hsn: HsnRow[] = [];
  readonly #ranges = new DocumentRanges();
  readonly #hsnMaster: (hsn: string) => string | null;

  /**
   * `hsnMaster`: the HSN master's description of a code (Table 12 `desc` from May 2025). BizDash ships no HSN master
   * yet, so by default there is none and `desc` carries the user's own text, cleaned, as before May 2025.
   */
  constructor(options: { hsnMaster?: (hsn: string) => string | null } = {}) {
    this.#hsnMaster = options.hsnMaster ?? (() => null);
  }
  readonly #nil: NilRow[] = [];

  addDocumentRate(row: DocumentRateRow): void {
    const acc = this.#docs.get(row.id);
    if (acc) acc.rates.push(row);
    else this.#docs.set(row.id, { head: row, rates: [row] });
  }

  /** Recipient names by GSTIN, for the workbook's "Receiver Name" column (the JSON has no names). */
  partyNames(): Map<string, string> {
    const names = new Map<string, string>();
    for (const { head } of this.#docs.values()) if (head.partyGstin) names.set(head.partyGstin, head.partyName);
    return names;
  }

  addB2cs(row: B2csRow): void {
    this.#b2cs.push(row);
  }

  addHsn(row: HsnRow): void {
    this.#hsn.push(row);
  }

  /**
   * Table 13 from the documents themselves: one range per (nature, series prefix), counting the rows actually
   * numbered (issued and cancelled) rather than the span between the first and last number.
   */
  addDocumentNumber(row: DocumentNumberRow): void {
    this.#ranges.add(row);
  }

  addNil(row: NilRow): void {
    this.#nil.push(row);
  }

  build(gstin: string, period: string): Gstr1Return {
    const out: Gstr1Return = {
      gstin,
      fp: filingPeriod(period),
      version: OFFLINE_TOOL_VERSION,
      hash: OFFLINE_TOOL_HASH,
    };
    const docs = this.#docs.values.bind(this.#docs);

    const b2b = b2bSection(docs());
    if (b2b) out.b2b = b2b;
    const b2cl = b2clSection(docs());
    if (b2cl) out.b2cl = b2cl;
    if (this.#b2cs.length > 0) out.b2cs = b2csSection(this.#b2cs);
    const exp = expSection(docs());
    if (exp) out.exp = exp;
    const cdnr = cdnrSection(docs());
    if (cdnr) out.cdnr = cdnr;
    const cdnur = cdnurSection(docs());
    if (cdnur) out.cdnur = cdnur;
    if (this.#nil.length > 0) {
      const nil = nilSection(this.#nil);
      if (nil) out.nil = nil;
    }
    if (this.#hsn.length > 0) out.hsn = hsnSection(this.#hsn, period, this.#hsnMaster);
    if (this.#ranges.size > 0) out.doc_issue = this.#ranges.section();
    return out;
  }
}
