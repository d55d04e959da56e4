import { AppError } from '../errors';
import { findState } from '../states';

/**
 * How an invoice is taxed (gst-rules.md 3.1). The names are the ones invoice-vectors.json uses.
 * - CGST_SGST: intra-state, two equal halves of the rate.
 * - CGST_UTGST: intra-state in a UT without a legislature; the UTGST amount sits in the SGST slot (2).
 * - IGST: inter-state, exports and SEZ supplies with payment, or IGST charged on an intra-state supply.
 * - IGST_ZERO_RATED_LUT: export or SEZ supply under LUT/bond; the rate is stated, the tax is 0 (IGST Act s.16).
 */
export const TAX_REGIMES = ['CGST_SGST', 'CGST_UTGST', 'IGST', 'IGST_ZERO_RATED_LUT'] as const;
export type TaxRegime = (typeof TAX_REGIMES)[number];

/**
 * What is being supplied to whom, in e-invoice `SupTyp` terms (6.2) with B2B and B2C kept apart. B2CS/B2CL are
 * GSTR-1 tables chosen later from the invoice value, so they are not a supply kind.
 */
export const SUPPLY_KINDS = ['B2B', 'B2C', 'SEZWP', 'SEZWOP', 'EXPWP', 'EXPWOP', 'DEXP'] as const;
export type SupplyKind = (typeof SUPPLY_KINDS)[number];

/** Label of the state-level tax slot: UTGST in the UTs without a legislature, SGST elsewhere. */
export type StateTaxLabel = 'SGST' | 'UTGST';

/** The place-of-supply code for exports ("Other Countries", 2). */
export const EXPORT_POS = '96';

export interface RegimeOverride {
  regime: TaxRegime;
  /** Why the default is set aside (e.g. "IGST Act s.15: supply to a foreign tourist"); required, kept for audit. */
  reason: string;
}

export interface RegimeInput {
  /** Two-digit state code of the supplier's registration (GSTIN characters 1–2). */
  supplierState: string;
  /** Two-digit place-of-supply code (3.2/3.3); "96" for exports. */
  placeOfSupply: string;
  supplyKind: SupplyKind;
  /** The supplier is an SEZ unit or developer: its supplies are inter-state by law (IGST Act s.7(5)(b)). */
  isSupplierSez?: boolean;
  override?: RegimeOverride | null;
}

export interface RegimeDecision {
  regime: TaxRegime;
  /** Label for the SGST slot, or null when the regime puts nothing there (IGST, zero-rated). */
  stateTaxLabel: StateTaxLabel | null;
  /** Inter-state in law (IGST Act s.7): different State/UT, SEZ, export, or a place of supply outside India. */
  isInterState: boolean;
  /** Export or SEZ supply (IGST Act s.16), with or without payment of IGST. */
  isZeroRated: boolean;
  /** IGST charged although the supply is intra-state: e-invoice `IgstOnIntra = "Y"` (3.1, IGST Act s.15). */
  isIgstOnIntra: boolean;
  /** The override reason when an override decided the regime, else null. */
  overrideReason: string | null;
}

/** Decides CGST+SGST, CGST+UTGST, IGST or zero-rated for one invoice (gst-rules.md 3.1). Throws VALIDATION_FAILED. */
export function decideRegime(input: RegimeInput): RegimeDecision {
  const { supplierState, placeOfSupply, supplyKind, isSupplierSez = false, override } = input;
  const supplier = findState(supplierState);
  // 96 and 99 are not places a registration can be in. Retired codes (25, 28) stay accepted so that credit notes
  // against old invoices still compute; whether a code is current for a new document is the address layer's check.
  if (!supplier || supplier.isSpecial) {
    throw invalid('supplierState', `supplier state ${supplierState} is not a GST state or UT code`);
  }
  const pos = findState(placeOfSupply);
  if (!pos || (pos.isSpecial && placeOfSupply !== EXPORT_POS)) {
    throw invalid('placeOfSupply', `place of supply ${placeOfSupply} is not a GST state or UT code, or 96`);
  }
  if (!isSupplyKind(supplyKind)) throw invalid('supplyKind', `unknown supply kind ${String(supplyKind)}`);

  const isExportPos = placeOfSupply === EXPORT_POS;
  const isSameState = placeOfSupply === supplierState;
  const intraRegime: TaxRegime = pos.isUtgst ? 'CGST_UTGST' : 'CGST_SGST';

  let regime: TaxRegime;
  let isZeroRated = false;
  switch (supplyKind) {
    case 'SEZWP':
    case 'SEZWOP':
      // An SEZ sits in India: its place of supply is its State, never 96.
      if (isExportPos) {
        throw invalid('placeOfSupply', 'a supply to an SEZ has the SEZ state as place of supply, not 96');
      }
      // IGST Act s.7(5)(b): a supply to an SEZ is inter-state even inside the supplier's own state (vector INV-05).
      regime = supplyKind === 'SEZWP' ? 'IGST' : 'IGST_ZERO_RATED_LUT';
      isZeroRated = true;
      break;
    case 'EXPWP':
    case 'EXPWOP':
      if (!isExportPos) throw invalid('placeOfSupply', 'an export has place of supply 96 (Other Countries)');
      regime = supplyKind === 'EXPWP' ? 'IGST' : 'IGST_ZERO_RATED_LUT';
      isZeroRated = true;
      break;
    case 'DEXP':
      // Deemed exports (CGST Act s.147) stay in India and are taxed at the normal intra- or inter-state rates.
      if (isExportPos) {
        throw invalid('placeOfSupply', 'a deemed export is supplied in India; its place of supply is not 96');
      }
      regime = !isSupplierSez && isSameState ? intraRegime : 'IGST';
      break;
    case 'B2B':
    case 'B2C':
      // POS 96 without export status (e.g. services paid in rupees, s.13) is still inter-state: IGST s.7(5)(a).
      regime = !isSupplierSez && isSameState ? intraRegime : 'IGST';
      break;
    default:
      return assertNever(supplyKind);
  }
  const isInterState = regime !== intraRegime;

  if (override !== undefined && override !== null) {
    return applyOverride(override, { isSameState, isSupplierSez, intraRegime, isInterState, isZeroRated });
  }
  return {
    regime,
    stateTaxLabel: stateTaxLabelOf(regime),
    isInterState,
    isZeroRated,
    isIgstOnIntra: false,
    overrideReason: null,
  };
}

/** The label of the SGST slot for a regime, or null when that slot stays empty. */
export function stateTaxLabelOf(regime: TaxRegime): StateTaxLabel | null {
  switch (regime) {
    case 'CGST_SGST':
      return 'SGST';
    case 'CGST_UTGST':
      return 'UTGST';
    case 'IGST':
    case 'IGST_ZERO_RATED_LUT':
      return null;
    default:
      return assertNever(regime);
  }
}

/** Type guard for TaxRegime, for values read from JSON or a database. */
export function isTaxRegime(value: unknown): value is TaxRegime {
  return typeof value === 'string' && (TAX_REGIMES as readonly string[]).includes(value);
}

/** Type guard for SupplyKind, for values read from JSON or a database. */
export function isSupplyKind(value: unknown): value is SupplyKind {
  return typeof value === 'string' && (SUPPLY_KINDS as readonly string[]).includes(value);
}

interface DefaultFacts {
  isSameState: boolean;
  isSupplierSez: boolean;
  intraRegime: TaxRegime;
  isInterState: boolean;
  isZeroRated: boolean;
}

/**
 * An override exists for the legal exceptions the state codes cannot show, chiefly IGST on an intra-state supply
 * (IGST Act s.15, e-invoice IgstOnIntra). It may not contradict the law it cannot know better than: exports and SEZ
 * supplies are inter-state and choose payment through the supply kind (WP/WOP), intra-state tax needs the place of
 * supply in the supplier's state and a supplier outside an SEZ (s.7(5)(b)), and CGST+UTGST versus CGST+SGST is a fact of the territory, not a choice.
 */
function applyOverride(override: RegimeOverride, facts: DefaultFacts): RegimeDecision {
  const reason = typeof override.reason === 'string' ? override.reason.trim() : '';
  if (reason === '') throw invalid('override.reason', 'a tax regime override must give a reason');
  const { regime } = override;
  if (!isTaxRegime(regime)) throw invalid('override.regime', `unknown tax regime ${String(regime)}`);
  if (facts.isZeroRated) {
    throw invalid('override.regime', 'exports and SEZ supplies are inter-state by law; pick the WP or WOP supply kind');
  }
  if (regime === 'IGST_ZERO_RATED_LUT') {
    throw invalid('override.regime', 'zero rating applies only to exports and SEZ supplies (IGST Act s.16)');
  }
  if (regime === 'IGST') {
    return {
      regime,
      stateTaxLabel: null,
      isInterState: facts.isInterState,
      isZeroRated: false,
      isIgstOnIntra: !facts.isInterState,
      overrideReason: reason,
    };
  }
  if (!facts.isSameState || facts.isSupplierSez) {
    throw invalid(
      'override.regime',
      'intra-state tax needs the place of supply in the supplier state and a supplier outside an SEZ',
    );
  }
  if (regime !== facts.intraRegime) {
    throw invalid('override.regime', `this place of supply levies ${facts.intraRegime}, not ${regime}`);
  }
  return {
    regime,
    stateTaxLabel: stateTaxLabelOf(regime),
    isInterState: false,
    isZeroRated: false,
    isIgstOnIntra: false,
    overrideReason: reason,
  };
}

function invalid(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, { field });
}

function assertNever(value: never): never {
  throw new AppError('VALIDATION_FAILED', `unexpected value ${String(value)}`, { value: String(value) });
}

export interface ReverseChargeInput {
  supplyKind: SupplyKind;
  /** A document the business issues (a sale), as opposed to a bill it receives (a purchase). */
  isOutward: boolean;
  reverseCharge: boolean;
}

/**
 * Reverse charge makes the recipient liable for the tax (CGST s.9(3)/(4), gst-rules.md 5.6), and only a registered
 * recipient can discharge it: its liability goes to GSTR-1 `b2b` with `rchrg = "Y"` and GSTR-3B 3.1(d), and there is
 * no reverse-charge row for consumers. A sale to a consumer under reverse charge would charge no tax yet be reported
 * as the supplier's B2C liability, so it is refused. Purchases stay open: s.9(4) and the notified s.9(3) services
 * (e.g. an unregistered advocate) put reverse charge on bills from unregistered suppliers, which are B2C from their
 * side. Throws VALIDATION_FAILED naming `reverseCharge`.
 */
export function assertReverseChargeAllowed({ supplyKind, isOutward, reverseCharge }: ReverseChargeInput): void {
  if (reverseCharge && isOutward && supplyKind === 'B2C') {
    throw new AppError(
      'VALIDATION_FAILED',
      'reverseCharge: a consumer (unregistered recipient) cannot pay tax under reverse charge; charge the tax on the invoice',
      { field: 'reverseCharge' },
    );
  }
}
