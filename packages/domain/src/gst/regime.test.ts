import { describe, expect, it } from 'vitest';
import { AppError, isAppError } from '../errors';
import {
  assertReverseChargeAllowed,
  decideRegime,
  stateTaxLabelOf,
  type RegimeInput,
  type SupplyKind,
  type TaxRegime,
} from './regime';

function decide(overrides: Partial<RegimeInput> = {}) {
  return decideRegime({ supplierState: '27', placeOfSupply: '27', supplyKind: 'B2B', ...overrides });
}

function expectValidationError(fn: () => unknown, field: string): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('VALIDATION_FAILED');
    expect((error as AppError).details).toMatchObject({ field });
    return;
  }
  throw new Error(`expected VALIDATION_FAILED on ${field}`);
}

describe('decideRegime defaults', () => {
  it('splits an intra-state supply into CGST + SGST', () => {
    expect(decide()).toEqual({
      regime: 'CGST_SGST',
      stateTaxLabel: 'SGST',
      isInterState: false,
      isZeroRated: false,
      isIgstOnIntra: false,
      overrideReason: null,
    });
    expect(decide({ supplyKind: 'B2C' }).regime).toBe('CGST_SGST');
  });

  it('levies UTGST only in the UTs without a legislature', () => {
    for (const code of ['04', '26', '31', '35', '38', '97']) {
      expect(decide({ supplierState: code, placeOfSupply: code }), code).toMatchObject({
        regime: 'CGST_UTGST',
        stateTaxLabel: 'UTGST',
      });
    }
    // Delhi, Puducherry and Jammu and Kashmir have legislatures and levy SGST.
    for (const code of ['07', '34', '01']) {
      expect(decide({ supplierState: code, placeOfSupply: code }).regime, code).toBe('CGST_SGST');
    }
  });

  it('charges IGST when the place of supply is another state, whatever the buyer GSTIN says', () => {
    expect(decide({ supplierState: '29', placeOfSupply: '24' })).toMatchObject({
      regime: 'IGST',
      stateTaxLabel: null,
      isInterState: true,
    });
    // A UT supplier selling into a state is inter-state too.
    expect(decide({ supplierState: '04', placeOfSupply: '03' }).regime).toBe('IGST');
  });

  it('treats SEZ supplies as inter-state even within the state (IGST s.7(5)(b))', () => {
    expect(decide({ supplyKind: 'SEZWP' })).toMatchObject({ regime: 'IGST', isInterState: true, isZeroRated: true });
    expect(decide({ supplyKind: 'SEZWOP' })).toMatchObject({
      regime: 'IGST_ZERO_RATED_LUT',
      stateTaxLabel: null,
      isZeroRated: true,
    });
    expect(decide({ isSupplierSez: true })).toMatchObject({ regime: 'IGST', isZeroRated: false });
  });

  it('zero-rates exports, with IGST or under LUT', () => {
    expect(decide({ placeOfSupply: '96', supplyKind: 'EXPWP' })).toMatchObject({ regime: 'IGST', isZeroRated: true });
    expect(decide({ placeOfSupply: '96', supplyKind: 'EXPWOP' }).regime).toBe('IGST_ZERO_RATED_LUT');
  });

  it('charges IGST on a non-export supply with its place of supply abroad (IGST s.7(5)(a))', () => {
    expect(decide({ placeOfSupply: '96', supplyKind: 'B2C' })).toMatchObject({ regime: 'IGST', isZeroRated: false });
  });

  it('taxes deemed exports at the normal rates', () => {
    expect(decide({ supplyKind: 'DEXP' }).regime).toBe('CGST_SGST');
    expect(decide({ supplyKind: 'DEXP', placeOfSupply: '29' }).regime).toBe('IGST');
  });
});

describe('decideRegime validation', () => {
  it('refuses unknown or special state codes', () => {
    for (const code of ['96', '99', '00', '39', 'MH', '']) {
      expectValidationError(() => decide({ supplierState: code }), 'supplierState');
    }
    for (const code of ['99', '00', '98', '7'])
      expectValidationError(() => decide({ placeOfSupply: code }), 'placeOfSupply');
  });

  it('refuses a place of supply that contradicts the supply kind', () => {
    expectValidationError(() => decide({ supplyKind: 'EXPWOP' }), 'placeOfSupply');
    expectValidationError(() => decide({ supplyKind: 'EXPWP', placeOfSupply: '24' }), 'placeOfSupply');
    expectValidationError(() => decide({ supplyKind: 'SEZWP', placeOfSupply: '96' }), 'placeOfSupply');
    expectValidationError(() => decide({ supplyKind: 'DEXP', placeOfSupply: '96' }), 'placeOfSupply');
  });

  it('refuses an unknown supply kind from untyped input', () => {
    const kind: unknown = 'B2CS';
    expectValidationError(() => decide({ supplyKind: kind as SupplyKind }), 'supplyKind'); // `as`: bad request
  });

  it('keeps retired codes usable for documents about old supplies', () => {
    expect(decide({ supplierState: '25', placeOfSupply: '25' }).regime).toBe('CGST_UTGST');
  });
});

describe('decideRegime overrides', () => {
  const igstOnIntra = { regime: 'IGST' as const, reason: '  IGST Act s.15: supply to a foreign tourist  ' };

  it('requires a reason', () => {
    expectValidationError(() => decide({ override: { regime: 'IGST', reason: '' } }), 'override.reason');
    expectValidationError(() => decide({ override: { regime: 'IGST', reason: '   ' } }), 'override.reason');
    const noReason: unknown = { regime: 'IGST' };
    expectValidationError(
      () => decide({ override: noReason as { regime: TaxRegime; reason: string } }), // `as`: bad request
      'override.reason',
    );
  });

  it('charges IGST on an intra-state supply and flags IgstOnIntra', () => {
    expect(decide({ override: igstOnIntra })).toEqual({
      regime: 'IGST',
      stateTaxLabel: null,
      isInterState: false,
      isZeroRated: false,
      isIgstOnIntra: true,
      overrideReason: 'IGST Act s.15: supply to a foreign tourist',
    });
  });

  it('allows restating the matching intra-state regime with a reason', () => {
    expect(
      decide({ supplierState: '04', placeOfSupply: '04', override: { regime: 'CGST_UTGST', reason: 'x' } }),
    ).toMatchObject({ regime: 'CGST_UTGST', overrideReason: 'x' });
  });

  it('refuses overrides the law does not allow', () => {
    const reason = 'because';
    // Zero rating follows from the supply kind, not an override.
    expectValidationError(() => decide({ override: { regime: 'IGST_ZERO_RATED_LUT', reason } }), 'override.regime');
    // Exports and SEZ supplies are inter-state by law.
    expectValidationError(() => decide({ supplyKind: 'SEZWOP', override: igstOnIntra }), 'override.regime');
    // Intra-state tax needs the place of supply in the supplier state and a supplier outside an SEZ.
    const intra = { regime: 'CGST_SGST' as const, reason };
    expectValidationError(() => decide({ placeOfSupply: '29', override: intra }), 'override.regime');
    expectValidationError(() => decide({ isSupplierSez: true, override: intra }), 'override.regime');
    // SGST versus UTGST is a fact of the territory.
    expectValidationError(
      () => decide({ supplierState: '04', placeOfSupply: '04', override: intra }),
      'override.regime',
    );
    expectValidationError(() => decide({ override: { regime: 'CGST_UTGST', reason } }), 'override.regime');
    const unknown: unknown = 'VAT';
    expectValidationError(
      () => decide({ override: { regime: unknown as TaxRegime, reason } }), // `as`: bad request
      'override.regime',
    );
  });
});

describe('stateTaxLabelOf', () => {
  it('labels the SGST slot only when the regime uses it', () => {
    expect(stateTaxLabelOf('CGST_SGST')).toBe('SGST');
    expect(stateTaxLabelOf('CGST_UTGST')).toBe('UTGST');
    expect(stateTaxLabelOf('IGST')).toBeNull();
    expect(stateTaxLabelOf('IGST_ZERO_RATED_LUT')).toBeNull();
  });
});

describe('assertReverseChargeAllowed', () => {
  const fieldOf = (fn: () => void) => {
    try {
      fn();
    } catch (error) {
      return isAppError(error) ? error.details?.field : 'not an AppError';
    }
    return undefined;
  };

  it('refuses reverse charge on a sale to a consumer, naming reverseCharge', () => {
    expect(fieldOf(() => assertReverseChargeAllowed({ supplyKind: 'B2C', isOutward: true, reverseCharge: true }))).toBe(
      'reverseCharge',
    );
  });

  it('allows it on a B2B sale, on a purchase from an unregistered supplier (s.9(4)), and B2C without it', () => {
    expect(() => assertReverseChargeAllowed({ supplyKind: 'B2B', isOutward: true, reverseCharge: true })).not.toThrow();
    expect(() =>
      assertReverseChargeAllowed({ supplyKind: 'B2C', isOutward: false, reverseCharge: true }),
    ).not.toThrow();
    expect(() =>
      assertReverseChargeAllowed({ supplyKind: 'B2C', isOutward: true, reverseCharge: false }),
    ).not.toThrow();
  });
});
