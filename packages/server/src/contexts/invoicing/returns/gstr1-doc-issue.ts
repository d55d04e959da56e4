import type { Gstr1Return } from '@bizdash/contracts/returns';
import { groupBy } from './gstr1-format';
import type { DocumentNumberRow } from './gstr1-rows';

/** GSTR-1 Table 13 (documents issued during the period). */

/**
 * The number's series prefix: the number without its trailing run of digits ("INV/2026-27/0002" -> "INV/2026-27/").
 * A change of numbering template within the year gives a new prefix and so a new Table 13 range.
 */
export function seriesPrefix(number: string): { prefix: string; serial: bigint | null } {
  const m = /^(.*?)(\d+)$/.exec(number);
  return m ? { prefix: m[1] ?? '', serial: BigInt(m[2] ?? '0') } : { prefix: number, serial: null };
}

interface RangeAcc {
  nature: DocumentNumberRow['nature'];
  prefix: string;
  from: { number: string; serial: bigint | null };
  to: { number: string; serial: bigint | null };
  total: number;
  cancelled: number;
}

/** Order within one prefix: by the trailing number, then the text (numbers without one). */
function before(a: { number: string; serial: bigint | null }, b: { number: string; serial: bigint | null }): boolean {
  if (a.serial !== null && b.serial !== null && a.serial !== b.serial) return a.serial < b.serial;
  return a.number < b.number;
}

const DOC_NATURES: Record<DocumentNumberRow['nature'], string> = {
  1: 'Invoices for outward supply',
  4: 'Debit Note',
  5: 'Credit Note',
};

/**
 * Table 13 from the documents themselves: one range per (nature, series prefix), counting the rows actually
 * numbered (issued and cancelled) rather than the span between the first and last number.
 */
export class DocumentRanges {
  readonly #ranges = new Map<string, RangeAcc>();

  add(row: DocumentNumberRow): void {
    const { prefix, serial } = seriesPrefix(row.number);
    const key = `${row.nature}|${prefix}`;
    const at = { number: row.number, serial };
    const acc = this.#ranges.get(key);
    if (!acc) {
      this.#ranges.set(key, {
        nature: row.nature,
        prefix,
        from: at,
        to: at,
        total: 1,
        cancelled: row.cancelled ? 1 : 0,
      });
      return;
    }
    acc.total += 1;
    if (row.cancelled) acc.cancelled += 1;
    if (before(at, acc.from)) acc.from = at;
    if (before(acc.to, at)) acc.to = at;
  }

  get size(): number {
    return this.#ranges.size;
  }

  section(): NonNullable<Gstr1Return['doc_issue']> {
    const natures = groupBy(
      [...this.#ranges.values()].sort(
        (a, b) => a.nature - b.nature || a.from.number.localeCompare(b.from.number) || a.prefix.localeCompare(b.prefix),
      ),
      (r) => r.nature,
    );
    return {
      doc_det: [...natures].map(([nature, ranges]) => ({
        doc_num: nature,
        doc_typ: DOC_NATURES[nature],
        docs: ranges.map((r, i) => ({
          num: i + 1,
          from: r.from.number,
          to: r.to.number,
          totnum: r.total,
          cancel: r.cancelled,
          net_issue: r.total - r.cancelled,
        })),
      })),
    };
  }
}
