import { describe, expect, it } from 'vitest';
import { validateGstin } from '@bizdash/domain/gstin/validate-gstin';
import { validateCin } from '@bizdash/domain/validation/cin';
import { validatePan } from '@bizdash/domain/validation/pan';
import { validatePhone } from '@bizdash/domain/validation/phone';
import { validatePin } from '@bizdash/domain/validation/pin';
import {
  CITIES,
  LISTED_COMPANIES,
  makeAddress,
  makeCin,
  makeGstin,
  makeMobile,
  makePan,
  seededRandom,
} from './indian-data';

describe('generated Indian identifiers', () => {
  it('makes PANs and GSTINs the domain accepts, unique per serial', () => {
    const random = seededRandom(1);
    const seen = new Set<string>();
    for (let serial = 0; serial < 20_000; serial += 7) {
      const pan = makePan(serial, serial % 2 ? 'C' : 'P', 'K', random);
      expect(validatePan(pan).valid, pan).toBe(true);
      const city = CITIES[serial % CITIES.length];
      const gstin = makeGstin(city?.stateCode ?? '27', pan);
      expect(validateGstin(gstin).valid, gstin).toBe(true);
      expect(seen.has(gstin)).toBe(false);
      seen.add(gstin);
    }
  });

  it('makes mobiles, CINs and addresses whose PIN fits the state', () => {
    const random = seededRandom(2);
    const phones = new Set<string>();
    for (let serial = 0; serial < 5000; serial++) {
      const phone = makeMobile(serial, random);
      expect(validatePhone(phone)).toMatchObject({ valid: true, normalized: phone });
      phones.add(phone.slice(-9));
    }
    expect(phones.size).toBe(5000);
    for (const c of LISTED_COMPANIES) {
      const cin = validateCin(makeCin(random, { listed: true, rocState: c.rocState, year: c.year, serial: 123 }));
      expect(cin.valid).toBe(true);
      expect(cin.warnings).toEqual([]);
    }
    for (const city of CITIES) {
      const address = makeAddress(random, city);
      const pin = validatePin(address.pin, { stateCode: address.stateCode });
      expect(pin.valid, `${city.name} ${address.pin}`).toBe(true);
      expect(pin.warnings, `${city.name} ${address.pin}`).toEqual([]);
    }
  });
});
