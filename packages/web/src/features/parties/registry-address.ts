/**
 * Splits a one-line registry address ("12 MG Road, Pune, Maharashtra 411001") into the form's lines, city and PIN.
 * Registries write the PIN alone, after the state, or after the city; the state itself is dropped because the form
 * takes it from the GSTIN.
 */
export function splitRegistryAddress(address: string, stateName: string | null) {
  let pin = '';
  const parts: string[] = [];
  for (const raw of address.split(',')) {
    let part = raw.trim();
    const m = /^(.*?)[\s-]*(?:PIN[: -]*)?(\d{3}\s?\d{3})$/i.exec(part);
    if (m?.[2]) {
      pin = m[2].replace(/\s/g, '');
      part = (m[1] ?? '').trim();
    }
    if (!part) continue;
    if (stateName && part.toLowerCase() === stateName.toLowerCase()) continue;
    parts.push(part);
  }
  const city = parts.length > 1 ? (parts.pop() ?? '') : '';
  return { line1: parts.join(', ').slice(0, 200), city: city.slice(0, 100), pin };
}
