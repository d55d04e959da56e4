import { describe, expect, it } from 'vitest';
import { splitRegistryAddress } from './registry-address';

describe('splitRegistryAddress', () => {
  it('takes the PIN from after the state and drops the state', () => {
    expect(splitRegistryAddress('12 MG Road, Pune, Maharashtra 411001', 'Maharashtra')).toEqual({
      line1: '12 MG Road',
      city: 'Pune',
      pin: '411001',
    });
  });
  it('reads a PIN on its own, with a label or a space', () => {
    expect(
      splitRegistryAddress('Plot 4, Sector 5, Salt Lake, Kolkata, West Bengal, PIN: 700 091', 'West Bengal'),
    ).toEqual({
      line1: 'Plot 4, Sector 5, Salt Lake',
      city: 'Kolkata',
      pin: '700091',
    });
    expect(splitRegistryAddress('Anna Salai, Chennai 600002', 'Tamil Nadu')).toEqual({
      line1: 'Anna Salai',
      city: 'Chennai',
      pin: '600002',
    });
  });
  it('leaves the city empty when there is only one part', () => {
    expect(splitRegistryAddress('Shop 7 Main Bazaar', null)).toEqual({
      line1: 'Shop 7 Main Bazaar',
      city: '',
      pin: '',
    });
  });
});
