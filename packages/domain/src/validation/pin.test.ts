import { describe, expect, it } from 'vitest';
import { ADDRESS_STATES } from '../states';
import { PIN_PREFIX_RANGES, pinFitsState, validatePin } from './pin';

describe('validatePin', () => {
  it('accepts 6-digit PINs, also written with a space', () => {
    expect(validatePin('110001')).toEqual({ valid: true, normalized: '110001', errors: [], warnings: [] });
    expect(validatePin(' 400 001 ')).toMatchObject({ valid: true, normalized: '400001' });
  });

  it('rejects wrong lengths, non-digits and a leading 0', () => {
    const code = (input: string) => validatePin(input).errors.map((e) => e.code);
    expect(code('11000')).toEqual(['LENGTH']);
    expect(code('1100011')).toEqual(['LENGTH']);
    expect(code('')).toEqual(['LENGTH']);
    expect(code('11000A')).toEqual(['CHARSET']);
    expect(code('012345')).toEqual(['FORMAT']);
  });

  it('warns, but stays valid, when the PIN does not fit the state', () => {
    const result = validatePin('560001', { stateCode: '27' });
    expect(result.valid).toBe(true);
    expect(result.warnings.map((w) => w.code)).toEqual(['STATE_MISMATCH']);
    expect(result.warnings[0]?.message).toMatch(/Maharashtra/);
    expect(validatePin('400001', { stateCode: '27' }).warnings).toEqual([]);
    expect(validatePin('400001', { stateCode: '97' }).warnings).toEqual([]);
  });
});

describe('pinFitsState', () => {
  it('matches the examples of gst-rules.md section 2', () => {
    expect(pinFitsState('110001', '07')).toBe('fits');
    expect(pinFitsState('403001', '30')).toBe('fits');
    expect(pinFitsState('360001', '24')).toBe('fits');
    expect(pinFitsState('396001', '24')).toBe('fits');
    expect(pinFitsState('110001', '24')).toBe('mismatch');
  });

  it('knows the split and merged states', () => {
    expect(pinFitsState('500001', '36')).toBe('fits');
    expect(pinFitsState('530001', '36')).toBe('mismatch');
    expect(pinFitsState('530001', '37')).toBe('fits');
    expect(pinFitsState('194101', '38')).toBe('fits');
    expect(pinFitsState('396210', '26')).toBe('fits');
    expect(pinFitsState('362520', '26')).toBe('fits');
    expect(pinFitsState('160017', '04')).toBe('fits');
    expect(pinFitsState('673310', '34')).toBe('fits');
    expect(pinFitsState('744101', '35')).toBe('fits');
  });

  it('stays permissive where the postal map overlaps', () => {
    expect(pinFitsState('403001', '27')).toBe('fits');
    expect(pinFitsState('160017', '03')).toBe('fits');
  });

  it('says unknown rather than guessing', () => {
    expect(pinFitsState('110001', '97')).toBe('unknown');
    expect(pinFitsState('110001', '99')).toBe('unknown');
    expect(pinFitsState('110001', '42')).toBe('unknown');
    expect(pinFitsState('900045', '07')).toBe('unknown');
    expect(pinFitsState('11000', '07')).toBe('unknown');
  });

  it('treats 999999 as the export PIN for state 96', () => {
    expect(pinFitsState('999999', '96')).toBe('fits');
    expect(pinFitsState('110001', '96')).toBe('mismatch');
    expect(validatePin('110001', { stateCode: '96' }).warnings[0]?.message).toMatch(/999999/);
  });

  it('has well-formed ranges for every address state except Other Territory', () => {
    for (const state of ADDRESS_STATES) {
      const ranges = PIN_PREFIX_RANGES[state.code];
      if (state.code === '97') {
        expect(ranges).toBeUndefined();
        continue;
      }
      expect(ranges, state.name).toBeDefined();
      for (const [from, to] of ranges ?? []) {
        expect(from).toBeLessThanOrEqual(to);
        expect(from).toBeGreaterThanOrEqual(110);
        expect(to).toBeLessThanOrEqual(899);
      }
    }
  });
});
