// The English names of the i18n-iso-countries package (ISO 3166-1 alpha-2 codes, kept up to date upstream). Read
// straight from its data file rather than through registerLocale, so importing this module changes no global state.
import en from 'i18n-iso-countries/langs/en.json';

/** A country as ISO 3166-1 names it: the alpha-2 code ("US") and its English short name. */
export interface Country {
  code: string;
  name: string;
}

/** India: the default country of a party, and the only one whose addresses carry a GST state and PIN. */
export const INDIA = 'IN';

// Some entries list alternative names; the first is the ISO short name.
const nameOf = (value: string | readonly string[]): string => (typeof value === 'string' ? value : (value[0] ?? ''));

/** Every ISO 3166-1 country, sorted by name (what the party form's Country select lists). */
export const COUNTRIES: readonly Country[] = Object.entries(en.countries)
  .map(([code, value]) => ({ code, name: nameOf(value) }))
  .sort((a, b) => a.name.localeCompare(b.name, 'en'));

const BY_CODE = new Map(COUNTRIES.map((c) => [c.code, c]));

/** The country for an ISO 3166-1 alpha-2 code (upper case), or undefined. */
export function findCountry(code: string): Country | undefined {
  return BY_CODE.get(code);
}

export function isCountryCode(code: string): boolean {
  return BY_CODE.has(code);
}
