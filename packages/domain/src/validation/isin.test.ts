import { describe, expect, it } from 'vitest';
import { validateIsin } from './isin';

describe('validateIsin', () => {
  it('accepts real Indian ISINs', () => {
    for (const isin of ['INE002A01018', 'INE009A01021', 'INE040A01034', 'ine467b01029']) {
      expect(validateIsin(isin)).toMatchObject({ valid: true, normalized: isin.toUpperCase() });
    }
  });

  it('refuses a wrong length, a foreign prefix and a bad check digit', () => {
    expect(validateIsin('INE002A0101').errors[0]?.code).toBe('LENGTH');
    expect(validateIsin('US0378331005').errors[0]?.code).toBe('FORMAT');
    expect(validateIsin('INE002A01019').errors[0]?.code).toBe('CHECKSUM');
  });
});
