import { computeInvoice } from '../gst/compute-invoice';
import { decideRegime, type SupplyKind, type TaxRegime } from '../gst/regime';
import { QTY_SCALE } from '../gst/units';
import type { Paise } from '../money';

export interface OrderBillInput {
  /** Fees, or base charges once failed (settlements amountDue: the revenue before GST). */
  basePaise: Paise;
  /** The order type's GST rate in basis points (18 % is 1800). */
  gstRateBp: number;
  regime: TaxRegime;
}

/**
 * What the client will be billed for an order before its invoice exists: one service line of `basePaise` at the
 * order type's rate, computed by the same engine and with the same rounding to the rupee as "Invoice fees"
 * (invoice-from-order.ts), so the estimate equals the invoice's grand total.
 */
export function orderBillTotal(input: OrderBillInput): Paise {
  if (input.basePaise <= 0) return 0;
  const { totals } = computeInvoice({
    regime: input.regime,
    reverseCharge: false,
    roundToRupee: true,
    lines: [{ quantityMilli: QTY_SCALE, unitPrice: input.basePaise, gstRateBp: input.gstRateBp }],
  });
  return totals.grandTotal;
}

/**
 * The regime an order's invoice would get, as the invoice editor decides it by default: supplier state against the
 * client's state (GSTIN first, then billing address), an SEZ client zero-rated. Unknown states fall back to
 * intra-state, which taxes the same total as inter-state on one line (CGST + SGST at half rate each).
 */
export function orderBillRegime(input: {
  supplierState: string | null;
  clientState: string | null;
  isClientRegistered: boolean;
  isClientSez: boolean;
}): TaxRegime {
  if (!input.supplierState) return 'CGST_SGST';
  const supplyKind: SupplyKind = input.isClientSez ? 'SEZWOP' : input.isClientRegistered ? 'B2B' : 'B2C';
  try {
    return decideRegime({
      supplierState: input.supplierState,
      placeOfSupply: input.clientState ?? input.supplierState,
      supplyKind,
    }).regime;
  } catch {
    return 'CGST_SGST';
  }
}
