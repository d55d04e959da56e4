import { gstinCheckChar } from '@bizdash/domain/gstin/validate-gstin';

/**
 * Reference data and identifier builders for realistic Indian parties: shared by `bizdash demo` and the bench data
 * generator (bench/generator), so both produce the same kind of firm. Pure: no I/O, no clock.
 */

/** A source of randomness in [0, 1); the demo and the generator pass a seeded one so runs repeat exactly. */
export type Random = () => number;

/** mulberry32: a tiny, fast, well-mixed 32-bit PRNG; enough for test data, never for secrets. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new RangeError('pick from an empty list');
  return item;
}

/** Picks by weight: `[['a', 3], ['b', 1]]` gives a three times in four. */
export function weighted<T>(random: Random, choices: readonly (readonly [T, number])[]): T {
  const total = choices.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [value, weight] of choices) {
    r -= weight;
    if (r < 0) return value;
  }
  const last = choices[choices.length - 1];
  if (!last) throw new RangeError('weighted pick from an empty list');
  return last[0];
}

export interface City {
  name: string;
  /** GST state code. */
  stateCode: string;
  /** First three digits of the city's PINs (inside the state's range in domain/validation/pin.ts). */
  pinPrefix: string;
  /** ROC code as printed in a CIN. */
  rocState: string;
  /** Relative share of parties located here. */
  weight: number;
}

export const CITIES: readonly City[] = [
  { name: 'Mumbai', stateCode: '27', pinPrefix: '400', rocState: 'MH', weight: 14 },
  { name: 'Pune', stateCode: '27', pinPrefix: '411', rocState: 'MH', weight: 8 },
  { name: 'Thane', stateCode: '27', pinPrefix: '400', rocState: 'MH', weight: 4 },
  { name: 'Nagpur', stateCode: '27', pinPrefix: '440', rocState: 'MH', weight: 3 },
  { name: 'Nashik', stateCode: '27', pinPrefix: '422', rocState: 'MH', weight: 2 },
  { name: 'Aurangabad', stateCode: '27', pinPrefix: '431', rocState: 'MH', weight: 1 },
  { name: 'Ahmedabad', stateCode: '24', pinPrefix: '380', rocState: 'GJ', weight: 5 },
  { name: 'Surat', stateCode: '24', pinPrefix: '395', rocState: 'GJ', weight: 3 },
  { name: 'Vadodara', stateCode: '24', pinPrefix: '390', rocState: 'GJ', weight: 2 },
  { name: 'Rajkot', stateCode: '24', pinPrefix: '360', rocState: 'GJ', weight: 1 },
  { name: 'Bengaluru', stateCode: '29', pinPrefix: '560', rocState: 'KA', weight: 6 },
  { name: 'Mysuru', stateCode: '29', pinPrefix: '570', rocState: 'KA', weight: 1 },
  { name: 'Chennai', stateCode: '33', pinPrefix: '600', rocState: 'TN', weight: 5 },
  { name: 'Coimbatore', stateCode: '33', pinPrefix: '641', rocState: 'TN', weight: 2 },
  { name: 'Hyderabad', stateCode: '36', pinPrefix: '500', rocState: 'TG', weight: 5 },
  { name: 'New Delhi', stateCode: '07', pinPrefix: '110', rocState: 'DL', weight: 7 },
  { name: 'Gurugram', stateCode: '06', pinPrefix: '122', rocState: 'HR', weight: 2 },
  { name: 'Noida', stateCode: '09', pinPrefix: '201', rocState: 'UP', weight: 2 },
  { name: 'Lucknow', stateCode: '09', pinPrefix: '226', rocState: 'UP', weight: 2 },
  { name: 'Kanpur', stateCode: '09', pinPrefix: '208', rocState: 'UP', weight: 1 },
  { name: 'Kolkata', stateCode: '19', pinPrefix: '700', rocState: 'WB', weight: 5 },
  { name: 'Jaipur', stateCode: '08', pinPrefix: '302', rocState: 'RJ', weight: 3 },
  { name: 'Udaipur', stateCode: '08', pinPrefix: '313', rocState: 'RJ', weight: 1 },
  { name: 'Indore', stateCode: '23', pinPrefix: '452', rocState: 'MP', weight: 2 },
  { name: 'Bhopal', stateCode: '23', pinPrefix: '462', rocState: 'MP', weight: 1 },
  { name: 'Kochi', stateCode: '32', pinPrefix: '682', rocState: 'KL', weight: 2 },
  { name: 'Thiruvananthapuram', stateCode: '32', pinPrefix: '695', rocState: 'KL', weight: 1 },
  { name: 'Chandigarh', stateCode: '04', pinPrefix: '160', rocState: 'CH', weight: 1 },
  { name: 'Ludhiana', stateCode: '03', pinPrefix: '141', rocState: 'PB', weight: 1 },
  { name: 'Patna', stateCode: '10', pinPrefix: '800', rocState: 'BR', weight: 1 },
  { name: 'Bhubaneswar', stateCode: '21', pinPrefix: '751', rocState: 'OR', weight: 1 },
  { name: 'Visakhapatnam', stateCode: '37', pinPrefix: '530', rocState: 'AP', weight: 1 },
  { name: 'Guwahati', stateCode: '18', pinPrefix: '781', rocState: 'AS', weight: 1 },
  { name: 'Panaji', stateCode: '30', pinPrefix: '403', rocState: 'GA', weight: 1 },
  { name: 'Raipur', stateCode: '22', pinPrefix: '492', rocState: 'CT', weight: 1 },
  { name: 'Dehradun', stateCode: '05', pinPrefix: '248', rocState: 'UR', weight: 1 },
];

const CITY_WEIGHTS = CITIES.map((c) => [c, c.weight] as const);

export function pickCity(random: Random): City {
  return weighted(random, CITY_WEIGHTS);
}

export const FIRST_NAMES = [
  'Aarav',
  'Abhishek',
  'Aditi',
  'Amit',
  'Ananya',
  'Anil',
  'Anjali',
  'Arjun',
  'Ashok',
  'Ayesha',
  'Bhavna',
  'Chetan',
  'Deepak',
  'Dinesh',
  'Divya',
  'Farhan',
  'Ganesh',
  'Gaurav',
  'Geeta',
  'Gurpreet',
  'Harish',
  'Harpreet',
  'Hemant',
  'Imran',
  'Isha',
  'Jaspreet',
  'Jayesh',
  'Jitendra',
  'Joseph',
  'Karthik',
  'Kavita',
  'Kiran',
  'Kunal',
  'Lakshmi',
  'Madhuri',
  'Mahesh',
  'Manoj',
  'Mary',
  'Meera',
  'Mohan',
  'Nandini',
  'Neha',
  'Nikhil',
  'Nitin',
  'Pankaj',
  'Pooja',
  'Pradeep',
  'Prakash',
  'Priya',
  'Rahul',
  'Rajesh',
  'Ramesh',
  'Ravi',
  'Rekha',
  'Rohit',
  'Rupali',
  'Sachin',
  'Sameer',
  'Sana',
  'Sandeep',
  'Sanjay',
  'Sarita',
  'Shilpa',
  'Shreya',
  'Sneha',
  'Srinivas',
  'Sunil',
  'Suresh',
  'Swati',
  'Tanvi',
  'Tejas',
  'Thomas',
  'Uday',
  'Umesh',
  'Vaishali',
  'Varun',
  'Venkatesh',
  'Vijay',
  'Vikram',
  'Vinod',
  'Yogesh',
  'Zoya',
] as const;

export const SURNAMES = [
  'Agarwal',
  'Ansari',
  'Arora',
  'Banerjee',
  'Bansal',
  'Bhatia',
  'Bhattacharya',
  'Bhosale',
  'Bose',
  'Chatterjee',
  'Chauhan',
  'Chaudhary',
  'Chopra',
  'Das',
  'Desai',
  'Deshpande',
  'Dhillon',
  'Dubey',
  "D'Souza",
  'Fernandes',
  'Gaikwad',
  'Ghosh',
  'Gill',
  'Gowda',
  'Goyal',
  'Gupta',
  'Hegde',
  'Iyer',
  'Iyengar',
  'Jadhav',
  'Jain',
  'Joshi',
  'Kamat',
  'Kapoor',
  'Khan',
  'Khanna',
  'Krishnan',
  'Kulkarni',
  'Kumar',
  'Malhotra',
  'Mathew',
  'Mehta',
  'Menon',
  'Mishra',
  'Mittal',
  'More',
  'Mukherjee',
  'Naidu',
  'Naik',
  'Nair',
  'Pandey',
  'Patel',
  'Patil',
  'Pawar',
  'Pereira',
  'Pillai',
  'Qureshi',
  'Rao',
  'Rathore',
  'Reddy',
  'Sandhu',
  'Saxena',
  'Sen',
  'Sethi',
  'Shah',
  'Shaikh',
  'Sharma',
  'Shetty',
  'Shinde',
  'Singh',
  'Singhal',
  'Srivastava',
  'Subramanian',
  'Thakur',
  'Tiwari',
  'Verma',
  'Yadav',
] as const;

const COMPANY_PREFIXES = [
  'Shree',
  'Sri',
  'Jai',
  'Om',
  'Sai',
  'Laxmi',
  'Ganesh',
  'Balaji',
  'Krishna',
  'Mahalaxmi',
  'Siddhi',
  'Vinayak',
  'Tirupati',
  'Ambika',
  'Durga',
  'Annapurna',
  'Bharat',
  'Hindustan',
  'National',
  'Royal',
  'Supreme',
  'Apex',
  'Prime',
  'Sunrise',
  'Silverline',
  'Navkar',
  'Kohinoor',
  'Everest',
  'Himalaya',
  'Ganga',
  'Narmada',
  'Kaveri',
  'Sahyadri',
  'Deccan',
  'Konkan',
  'Coastal',
  'Metro',
  'Unity',
  'Pioneer',
  'Precision',
  'Modern',
  'United',
  'Classic',
  'Vishal',
  'Rajdhani',
  'Shubham',
  'Mangalam',
  'Swastik',
  'Suvidha',
  'Kalpataru',
] as const;

const COMPANY_TRADES = [
  'Traders',
  'Enterprises',
  'Industries',
  'Textiles',
  'Agro Foods',
  'Pharma',
  'Chemicals',
  'Steel',
  'Polymers',
  'Plastics',
  'Electricals',
  'Engineering',
  'Infotech',
  'Logistics',
  'Exports',
  'Impex',
  'Spices',
  'Builders',
  'Motors',
  'Auto Parts',
  'Paper Products',
  'Garments',
  'Jewellers',
  'Hardware',
  'Distributors',
  'Marketing',
  'Solutions',
  'Ventures',
  'Associates',
  'Consultants',
  'Packaging',
  'Stationers',
] as const;

export type Constitution = 'company' | 'llp' | 'proprietorship' | 'partnership';

const CONSTITUTIONS: readonly (readonly [Constitution, number])[] = [
  ['company', 5],
  ['llp', 1],
  ['partnership', 2],
  ['proprietorship', 3],
];

const SUFFIX: Record<Constitution, readonly string[]> = {
  company: ['Private Limited', 'Pvt Ltd', 'Limited'],
  llp: ['LLP'],
  partnership: ['& Co.', '& Associates', '& Sons'],
  proprietorship: [''],
};

/** The PAN holder-type letter (4th character) for each constitution. */
const PAN_HOLDER: Record<Constitution, string> = { company: 'C', llp: 'F', partnership: 'F', proprietorship: 'P' };

export interface PersonName {
  first: string;
  last: string;
  full: string;
}

export function personName(random: Random): PersonName {
  const first = pick(random, FIRST_NAMES);
  const last = pick(random, SURNAMES);
  return { first, last, full: `${first} ${last}` };
}

export interface BusinessName {
  name: string;
  constitution: Constitution;
  /** Lower-case letters only, for made-up email domains. */
  slug: string;
}

export function businessName(random: Random): BusinessName {
  const constitution = weighted(random, CONSTITUTIONS);
  const suffix = pick(random, SUFFIX[constitution]);
  const first =
    constitution === 'partnership' || random() < 0.25 ? pick(random, SURNAMES) : pick(random, COMPANY_PREFIXES);
  const trade = constitution === 'partnership' ? '' : pick(random, COMPANY_TRADES);
  const name = [first, trade, suffix].filter(Boolean).join(' ');
  const slug = `${first}${trade}`.toLowerCase().replace(/[^a-z]/g, '');
  return { name, constitution, slug };
}

export function panHolderOf(constitution: Constitution): string {
  return PAN_HOLDER[constitution];
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * A PAN unique for each `serial` (0 … 17 million): three letters and the four digits come from the serial, so no two
 * generated parties share one; the 5th letter is the holder's initial and the 10th a letter (its check algorithm is
 * not published, so any letter passes validation).
 */
export function makePan(serial: number, holderType: string, initial: string, random: Random): string {
  const digits = (serial % 9999) + 1;
  let block = Math.floor(serial / 9999) + 1234;
  let letters = '';
  for (let i = 0; i < 3; i++) {
    letters = (LETTERS[block % 26] ?? 'A') + letters;
    block = Math.floor(block / 26);
  }
  const fifth = /^[A-Z]$/.test(initial) ? initial : 'A';
  return `${letters}${holderType}${fifth}${String(digits).padStart(4, '0')}${pick(random, LETTERS.split(''))}`;
}

/** A GSTIN of `pan` in `stateCode` with a correct check character (entity number 1, default Z). */
export function makeGstin(stateCode: string, pan: string, entity = '1'): string {
  const first14 = `${stateCode}${pan}${entity}Z`;
  return first14 + gstinCheckChar(first14);
}

/**
 * A mobile number unique for each `serial` below 10^9: multiplying by a prime coprime with 10^9 permutes the nine
 * digits, so numbers do not run in sequence but never repeat. E.164, as parties store them.
 */
export function makeMobile(serial: number, random: Random): string {
  const nine = (serial * 7919 + 104_729) % 1_000_000_000;
  return `+91${randomInt(random, 6, 9)}${String(nine).padStart(9, '0')}`;
}

/** A Company Identification Number in the MCA layout (validateCin accepts it). */
export function makeCin(
  random: Random,
  options: { listed: boolean; rocState: string; year: number; serial: number },
): string {
  const nic = String(randomInt(random, 10000, 99999));
  const ownership = options.listed ? 'PLC' : 'PTC';
  return `${options.listed ? 'L' : 'U'}${nic}${options.rocState}${options.year}${ownership}${String(options.serial % 1_000_000).padStart(6, '0')}`;
}

const STREETS = [
  'MG Road',
  'Station Road',
  'Linking Road',
  'Nehru Nagar',
  'Gandhi Chowk',
  'Shivaji Nagar',
  'Ring Road',
  'Industrial Estate',
  'MIDC Area',
  'Civil Lines',
  'Sector 18',
  'Anna Salai',
  'Park Street',
  'Residency Road',
  'Camp Area',
  'Market Yard',
  'Ashram Road',
  'Lal Bagh',
  'Koregaon Park',
  'Andheri East',
] as const;

export interface AddressValue {
  line1: string;
  line2: string | null;
  city: string;
  stateCode: string;
  pin: string;
}

export function makeAddress(random: Random, city: City): AddressValue {
  const building = `${randomInt(random, 1, 450)}, ${pick(random, ['Shanti', 'Krishna', 'Sai', 'Ganga', 'Om', 'Laxmi', 'Navjivan', 'Sagar'])} ${pick(random, ['Bhavan', 'Complex', 'Apartments', 'Chambers', 'Plaza', 'Towers'])}`;
  return {
    line1: building,
    line2: pick(random, STREETS),
    city: city.name,
    stateCode: city.stateCode,
    pin: `${city.pinPrefix}${String(randomInt(random, 1, 99)).padStart(3, '0')}`,
  };
}

/** Registrars and share-transfer agents (RTAs) an Indian share-services firm deals with. */
export const REGISTRARS = [
  {
    name: 'Link Intime India',
    email: 'rnt.helpdesk@linkintime.co.in',
    address: 'C-101, 247 Park, LBS Marg, Vikhroli West, Mumbai 400083',
    website: 'https://linkintime.co.in',
  },
  {
    name: 'KFin Technologies',
    email: 'einward.ris@kfintech.com',
    address: 'Selenium Tower B, Plot 31-32, Gachibowli, Hyderabad 500032',
    website: 'https://www.kfintech.com',
  },
  {
    name: 'Bigshare Services',
    email: 'investor@bigshareonline.com',
    address: 'Office No S6-2, Pinnacle Business Park, Andheri East, Mumbai 400093',
    website: 'https://www.bigshareonline.com',
  },
  {
    name: 'Cameo Corporate Services',
    email: 'investor@cameoindia.com',
    address: 'Subramanian Building, 1 Club House Road, Chennai 600002',
    website: 'https://cameoindia.com',
  },
] as const;

/** Document types of share services (transfer, transmission, demat, duplicates). */
export const DOCUMENT_TYPES = [
  { name: 'PAN Card', description: 'Self-attested copy of the holder’s PAN' },
  { name: 'Aadhaar Card', description: 'Self-attested copy, masked' },
  { name: 'Original Share Certificate', description: 'Physical certificate(s) to be transferred or dematerialised' },
  { name: 'Transfer Deed (SH-4)', description: 'Securities transfer form, stamped and signed' },
  { name: 'Death Certificate', description: 'Of the deceased holder, attested' },
  { name: 'Succession Certificate', description: 'Or legal heir certificate / probate' },
  { name: 'Cancelled Cheque', description: 'With the holder’s name printed' },
  { name: 'Client Master List (CML)', description: 'From the depository participant, attested' },
  { name: 'Affidavit', description: 'On non-judicial stamp paper, notarised' },
  { name: 'Indemnity Bond', description: 'On stamp paper as per the registrar’s format' },
] as const;

export type DocumentTypeName = (typeof DOCUMENT_TYPES)[number]['name'];

/** Order types with their required documents, default fees and turnaround (rupees). */
export const ORDER_TYPES: readonly {
  name: string;
  description: string;
  documents: readonly DocumentTypeName[];
  defaultFee: number;
  baseCharge: number;
  turnaroundDays: number;
}[] = [
  {
    name: 'Share Transfer',
    description: 'Transfer of physical shares between holders',
    documents: [
      'PAN Card',
      'Aadhaar Card',
      'Original Share Certificate',
      'Transfer Deed (SH-4)',
      'Client Master List (CML)',
    ],
    defaultFee: 25000,
    baseCharge: 3000,
    turnaroundDays: 45,
  },
  {
    name: 'Transmission of Shares',
    description: 'Shares of a deceased holder to the legal heirs',
    documents: [
      'Death Certificate',
      'Succession Certificate',
      'PAN Card',
      'Aadhaar Card',
      'Affidavit',
      'Indemnity Bond',
    ],
    defaultFee: 45000,
    baseCharge: 5000,
    turnaroundDays: 90,
  },
  {
    name: 'Dematerialisation',
    description: 'Physical certificates into the holder’s demat account',
    documents: ['Original Share Certificate', 'Client Master List (CML)', 'PAN Card'],
    defaultFee: 15000,
    baseCharge: 2000,
    turnaroundDays: 30,
  },
  {
    name: 'Duplicate Share Certificate',
    description: 'Replacement of lost or damaged certificates',
    documents: ['Affidavit', 'Indemnity Bond', 'PAN Card'],
    defaultFee: 20000,
    baseCharge: 2500,
    turnaroundDays: 60,
  },
  {
    name: 'KYC Update',
    description: 'Bank, address and signature update with the registrar',
    documents: ['PAN Card', 'Aadhaar Card', 'Cancelled Cheque'],
    defaultFee: 5000,
    baseCharge: 1000,
    turnaroundDays: 15,
  },
];

/** Fictional listed companies whose shares the firm handles; CINs are generated in the valid layout. */
export const LISTED_COMPANIES = [
  { name: 'Deccan Cements Limited', rocState: 'TG', year: 1979 },
  { name: 'Sahyadri Chemicals Limited', rocState: 'MH', year: 1986 },
  { name: 'Konkan Textile Mills Limited', rocState: 'MH', year: 1962 },
  { name: 'Narmada Power Holdings Limited', rocState: 'GJ', year: 1994 },
  { name: 'Kaveri Agro Industries Limited', rocState: 'KA', year: 1989 },
  { name: 'Ganga Steel and Wires Limited', rocState: 'WB', year: 1971 },
  { name: 'Himalaya Paper Mills Limited', rocState: 'UR', year: 1983 },
  { name: 'Coromandel Fertilisers Limited', rocState: 'TN', year: 1965 },
] as const;

/** Goods the firm trades in (stationery and office supplies) and services it bills, for invoices and bills. */
export const ITEMS = [
  { name: 'Share transfer service fee', kind: 'services', hsnSac: '998399', unit: 'OTH', gstRate: '18', price: 25000 },
  { name: 'Documentation charges', kind: 'services', hsnSac: '998399', unit: 'OTH', gstRate: '18', price: 1500 },
  { name: 'Courier and handling', kind: 'services', hsnSac: '996812', unit: 'OTH', gstRate: '18', price: 350 },
  { name: 'Non-judicial stamp paper set', kind: 'goods', hsnSac: '49070030', unit: 'NOS', gstRate: '0', price: 500 },
  { name: 'A4 copier paper 75 GSM (ream)', kind: 'goods', hsnSac: '48025690', unit: 'PAC', gstRate: '12', price: 260 },
  { name: 'Box file, foolscap', kind: 'goods', hsnSac: '48203000', unit: 'NOS', gstRate: '12', price: 95 },
  { name: 'Toner cartridge 88A', kind: 'goods', hsnSac: '84439959', unit: 'NOS', gstRate: '18', price: 2450 },
  { name: 'Document scanner', kind: 'goods', hsnSac: '84716060', unit: 'NOS', gstRate: '18', price: 18500 },
] as const;
