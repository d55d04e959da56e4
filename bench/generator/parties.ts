import { findState } from '@bizdash/domain/states';
import { normalizeSearchText } from '../../packages/server/src/platform/db/trigram-search';
import {
  businessName,
  makeAddress,
  makeGstin,
  makeMobile,
  makePan,
  panHolderOf,
  personName,
  pickCity,
  randomInt,
  weighted,
  type AddressValue,
  type Random,
} from '../../packages/server/src/contexts/system/demo/indian-data';
import type { BulkWriter } from './bulk-writer';

export interface GeneratedParty {
  id: number;
  name: string;
  legalName: string | null;
  gstin: string | null;
  pan: string | null;
  registrationType: string;
  address: AddressValue;
  email: string;
  phone: string;
  roles: ('client' | 'supplier' | 'partner')[];
  /** A partner's default revenue share in basis points (copied onto its orders). */
  revenueShareBp: number | null;
}

const PARTY_COLUMNS = [
  'id',
  'name',
  'legal_name',
  'kind',
  'is_client',
  'is_supplier',
  'is_partner',
  'emails',
  'phones',
  'tags',
  'billing_address',
  'shipping_address',
  'gstin',
  'pan',
  'gst_registration_type',
  'payment_terms_days',
  'credit_limit_paise',
  'notes',
  'revenue_share_bp',
  'payout',
  'search_text',
  'archived_at',
  'created_at',
  'updated_at',
] as const;

type RoleMix = 'client' | 'supplier' | 'partner' | 'client+supplier';
const ROLE_MIX: readonly (readonly [RoleMix, number])[] = [
  ['client', 80],
  ['supplier', 12],
  ['partner', 3],
  ['client+supplier', 5],
];
const EMAIL_DOMAINS = ['gmail.com', 'yahoo.co.in', 'rediffmail.com', 'outlook.com'] as const;
const TAGS = ['nri', 'senior-citizen', 'corporate', 'referral', 'priority'] as const;

/**
 * Writes `count` parties (with their contact index and, on SQLite, the trigram search table) created evenly between
 * `from` and `to`. Returns them for the orders and invoices that point at them.
 */
export async function generateParties(
  writer: BulkWriter,
  random: Random,
  options: { count: number; firstId: number; from: number; to: number; log: (line: string) => void },
): Promise<GeneratedParty[]> {
  const parties: GeneratedParty[] = [];
  const BATCH = 5000;
  for (let start = 0; start < options.count; start += BATCH) {
    const rows: unknown[][] = [];
    const contacts: unknown[][] = [];
    const fts: unknown[][] = [];
    for (let n = start; n < Math.min(options.count, start + BATCH); n++) {
      const id = options.firstId + n;
      const mix = weighted(random, ROLE_MIX);
      const roles: GeneratedParty['roles'] =
        mix === 'client+supplier' ? ['client', 'supplier'] : [mix as 'client' | 'supplier' | 'partner'];
      const isPerson = (mix === 'client' && random() < 0.35) || (mix === 'partner' && random() < 0.6);
      const city = pickCity(random);
      const address = makeAddress(random, city);
      let name: string;
      let legalName: string | null = null;
      let kind: string;
      let pan: string | null;
      let gstin: string | null = null;
      let registrationType: string;
      let email: string;
      if (isPerson) {
        const person = personName(random);
        name = person.full;
        kind = 'individual';
        pan = random() < 0.7 ? makePan(n, 'P', person.last.charAt(0).toUpperCase(), random) : null;
        registrationType = mix === 'partner' && random() < 0.5 ? 'regular' : 'consumer';
        if (registrationType === 'regular' && pan) gstin = makeGstin(city.stateCode, pan);
        else registrationType = 'consumer';
        email = `${person.first}.${person.last}${n % 1000}@${EMAIL_DOMAINS[n % EMAIL_DOMAINS.length] ?? 'gmail.com'}`
          .toLowerCase()
          .replace(/[^a-z0-9.@]/g, '');
      } else {
        const biz = businessName(random);
        name = biz.name;
        kind = biz.constitution === 'company' ? 'company' : 'firm';
        legalName = biz.constitution === 'proprietorship' ? `${personName(random).full} (proprietor)` : null;
        pan = makePan(n, panHolderOf(biz.constitution), biz.slug.charAt(0).toUpperCase(), random);
        const reg = random();
        registrationType = reg < 0.9 ? 'regular' : reg < 0.95 ? 'composition' : 'unregistered';
        if (registrationType !== 'unregistered') gstin = makeGstin(city.stateCode, pan);
        email = `accounts@${biz.slug.slice(0, 24) || 'firm'}${n % 97}.in`;
      }
      const phone = makeMobile(n, random);
      const isPartner = roles.includes('partner');
      let revenueShareBp: number | null = null;
      const tags = random() < 0.08 ? [TAGS[n % TAGS.length]] : [];
      const createdAt = new Date(options.from + ((options.to - options.from) * n) / options.count).toISOString();
      const addressJson = JSON.stringify(address);
      const searchText = normalizeSearchText([name, legalName, gstin, email, phone].filter(Boolean).join(' '));
      rows.push([
        id,
        name,
        legalName,
        kind,
        roles.includes('client'),
        roles.includes('supplier'),
        isPartner,
        JSON.stringify([email]),
        JSON.stringify([phone]),
        JSON.stringify(tags),
        addressJson,
        random() < 0.9 ? addressJson : null,
        gstin,
        pan,
        registrationType,
        roles.includes('client')
          ? weighted(random, [
              [null, 2],
              [15, 3],
              [30, 4],
              [45, 1],
            ] as const)
          : 30,
        null,
        null,
        // Drawn in place, so the random sequence (and the rest of the data) is what it always was.
        (revenueShareBp = isPartner ? randomInt(random, 6, 10) * 500 : null),
        isPartner
          ? JSON.stringify({
              bankAccountName: name,
              bankAccountNumber: String(randomInt(random, 10_000_000, 99_999_999)) + String(n % 10_000),
              ifsc: 'SBIN0000300',
              upiId: null,
            })
          : null,
        searchText,
        null,
        createdAt,
        createdAt,
      ]);
      contacts.push([id, 'email', email], [id, 'phone', phone]);
      fts.push([id, searchText]);
      parties.push({
        id,
        name,
        legalName,
        gstin,
        pan,
        registrationType,
        address: { ...address },
        email,
        phone,
        roles,
        revenueShareBp,
      });
    }
    await writer.transaction(async () => {
      await writer.insert('parties', PARTY_COLUMNS, rows);
      await writer.insert('party_contacts', ['party_id', 'kind', 'value'], contacts);
      if (writer.dialect === 'sqlite') await writer.insert('parties_fts', ['rowid', 'search_text'], fts);
    });
    if ((start / BATCH) % 10 === 9) options.log(`  parties: ${Math.min(options.count, start + BATCH)}`);
  }
  return parties;
}

/** The party as an invoice prints it (contracts PartySnapshot). */
export function partySnapshot(p: GeneratedParty): string {
  const stateCode = p.gstin ? p.gstin.slice(0, 2) : p.address.stateCode;
  const address = { ...p.address, stateName: findState(p.address.stateCode)?.name ?? p.address.stateCode };
  return JSON.stringify({
    id: p.id,
    name: p.name,
    legalName: p.legalName,
    gstin: p.gstin,
    pan: p.pan,
    registrationType: p.registrationType,
    billingAddress: address,
    shippingAddress: address,
    state: { code: stateCode, name: findState(stateCode)?.name ?? stateCode },
    emails: [p.email],
    phones: [p.phone],
  });
}
