import { CreatePartyInput } from '@bizdash/contracts/parties';
import type { DemoWorld } from './demo-world';
import {
  businessName,
  CITIES,
  makeAddress,
  makeGstin,
  makeMobile,
  makePan,
  panHolderOf,
  personName,
  pickCity,
  randomInt,
} from './indian-data';

const SUPPLIERS = [
  'Navkar Stationers',
  'Blue Dart Courier Franchise',
  'Shree Printers and Binders',
  'Modern Office Systems',
  'Deccan Notary Services',
  'Konkan IT Solutions',
  'Laxmi Stamp Vendors',
  'Metro Xerox Centre',
  'Sahyadri Legal Associates',
  'Unity Facility Services',
] as const;

/** The demo firm's parties: 40 clients, 8 partners, 10 suppliers. */
export async function seedParties({ random, ownerCtx, parties }: Pick<DemoWorld, 'random' | 'ownerCtx' | 'parties'>) {
  let serial = 5000;
  const clients: { id: number; name: string }[] = [];
  for (let i = 0; i < 40; i++) {
    const isPerson = i % 8 < 5;
    const city = i % 3 === 0 ? pickCity(random) : (CITIES[i % 6] ?? pickCity(random));
    const phone = makeMobile(serial, random);
    if (isPerson) {
      const p = personName(random);
      const pan = makePan(serial++, 'P', p.last.charAt(0).toUpperCase(), random);
      const created = await parties.create(
        ownerCtx,
        CreatePartyInput.parse({
          name: p.full,
          kind: 'individual',
          roles: ['client'],
          emails: [`${p.first}.${p.last}${i}@gmail.com`.toLowerCase().replace(/[^a-z0-9.@]/g, '')],
          phones: [phone],
          pan,
          gstRegistrationType: 'consumer',
          billingAddress: makeAddress(random, city),
          tags: i % 7 === 0 ? ['senior-citizen'] : i % 11 === 0 ? ['nri'] : [],
        }),
      );
      clients.push({ id: created.id, name: created.name });
    } else {
      const b = businessName(random);
      const pan = makePan(serial++, panHolderOf(b.constitution), b.slug.charAt(0).toUpperCase() || 'A', random);
      const created = await parties.create(
        ownerCtx,
        CreatePartyInput.parse({
          name: b.name,
          kind: b.constitution === 'company' ? 'company' : 'firm',
          roles: ['client'],
          emails: [`accounts@${b.slug.slice(0, 20) || 'firm'}.in`],
          phones: [phone],
          pan,
          gstin: makeGstin(city.stateCode, pan),
          gstRegistrationType: 'regular',
          billingAddress: makeAddress(random, city),
          paymentTermsDays: 15,
        }),
      );
      clients.push({ id: created.id, name: created.name });
    }
  }
  const partnerIds: number[] = [];
  const shares = ['30', '35', '40', '40', '45', '50', '50', '30'];
  for (let i = 0; i < 8; i++) {
    const p = personName(random);
    const city = CITIES[i % 4] ?? pickCity(random);
    const created = await parties.create(
      ownerCtx,
      CreatePartyInput.parse({
        name: `${p.full}${i % 2 === 0 ? ' (Sub-broker)' : ''}`,
        kind: 'individual',
        roles: ['partner'],
        emails: [`${p.first}.${p.last}.partner${i}@gmail.com`.toLowerCase().replace(/[^a-z0-9.@]/g, '')],
        phones: [makeMobile(serial++, random)],
        gstRegistrationType: 'consumer',
        billingAddress: makeAddress(random, city),
        revenueShare: shares[i] ?? '40',
        payout: {
          bankAccountName: p.full,
          bankAccountNumber: `3${randomInt(random, 100000000, 999999999)}`,
          ifsc: 'SBIN0000300',
        },
      }),
    );
    partnerIds.push(created.id);
  }
  const supplierIds: number[] = [];
  for (const [i, name] of SUPPLIERS.entries()) {
    const city = CITIES[i % 2] ?? pickCity(random);
    const pan = makePan(serial++, i % 3 === 0 ? 'C' : 'F', name.charAt(0), random);
    const created = await parties.create(
      ownerCtx,
      CreatePartyInput.parse({
        name,
        kind: i % 3 === 0 ? 'company' : 'firm',
        roles: ['supplier'],
        emails: [
          `billing@${name
            .toLowerCase()
            .replace(/[^a-z]/g, '')
            .slice(0, 18)}.in`,
        ],
        phones: [makeMobile(serial++, random)],
        pan,
        gstin: makeGstin(city.stateCode, pan),
        gstRegistrationType: 'regular',
        billingAddress: makeAddress(random, city),
        paymentTermsDays: 30,
      }),
    );
    supplierIds.push(created.id);
  }
  return { clients, partnerIds, supplierIds };
}
