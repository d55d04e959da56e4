import { describe, expect, it } from 'vitest';
import { COUNTRIES, findCountry, INDIA, isCountryCode } from './countries';

describe('countries (ISO 3166-1 alpha-2)', () => {
  it('knows India and common export destinations by code', () => {
    expect(findCountry(INDIA)?.name).toBe('India');
    expect(findCountry('AE')?.name).toBe('United Arab Emirates');
    expect(findCountry('US')?.name).toBe('United States of America');
  });

  it('refuses codes that are not ISO 3166-1 alpha-2', () => {
    expect(isCountryCode('XX')).toBe(false);
    expect(isCountryCode('us')).toBe(false);
    expect(isCountryCode('USA')).toBe(false);
    expect(isCountryCode('GB')).toBe(true);
  });

  it('lists every country once, sorted by name', () => {
    const codes = COUNTRIES.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.length).toBeGreaterThan(240);
    const names = COUNTRIES.map((c) => c.name);
    expect([...names].sort((a, b) => a.localeCompare(b, 'en'))).toEqual(names);
  });
});
