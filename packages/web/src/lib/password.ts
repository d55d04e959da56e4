// No 0/O, 1/l/I: temporary passwords are read out or typed from a screenshot.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A random temporary password from the browser's CSPRNG, grouped in fours for reading out: "Hk7q-2mZp-…". */
export function generatePassword(groups = 4): string {
  const chars = groups * 4;
  const limit = 256 - (256 % ALPHABET.length); // reject bytes that would bias the modulo
  const out: string[] = [];
  while (out.length < chars) {
    const bytes = crypto.getRandomValues(new Uint8Array(chars * 2));
    for (const byte of bytes) {
      if (byte < limit && out.length < chars) out.push(ALPHABET[byte % ALPHABET.length] ?? '');
    }
  }
  const grouped: string[] = [];
  for (let i = 0; i < chars; i += 4) grouped.push(out.slice(i, i + 4).join(''));
  return grouped.join('-');
}
