import type {
  BusinessSnapshot,
  InvoiceDirection,
  InvoiceStatus,
  InvoiceType,
  LineTaxability,
} from '@bizdash/contracts/invoices';
import type { Address, ForeignAddress } from '@bizdash/contracts/parties';
import type { Paise } from '../money';
import type { RegimeDecision, SupplyKind } from './regime';

/**
 * What prepareDocument reads besides the input: the master data the input names, loaded by the caller (the server
 * from its database, the editor from what the page has fetched).
 */

export interface PartyContext {
  id: number;
  name: string;
  legalName: string | null;
  gstin: string | null;
  pan: string | null;
  /** regular, composition, unregistered, consumer, sez, overseas, uin. */
  registrationType: string;
  /** ISO 3166-1 alpha-2; IN for parties in India. */
  countryCode: string;
  billingAddress: Address | null;
  shippingAddress: Address | null;
  foreignAddress: ForeignAddress | null;
  emails: string[];
  phones: string[];
  paymentTermsDays: number | null;
  isClient: boolean;
  isSupplier: boolean;
  isArchived: boolean;
}

/** Business settings: the primary GSTIN, and what the document prints of us. */
export interface BusinessContext {
  name: string;
  legalName: string | null;
  tradeName: string | null;
  gstin: string | null;
  pan: string | null;
  stateCode: string;
  address: BusinessSnapshot['address'];
  bank: BusinessSnapshot['bank'];
  upiId: string | null;
  signatoryName: string | null;
  logoSha256: string | null;
}

/** A further GST registration of the business (another state). */
export interface RegistrationContext {
  id: number;
  gstin: string;
  stateCode: string;
  tradeName: string | null;
  /** Free text, e.g. "12 Ring Road, Athwa, Surat 395001" (see registrationAddress). */
  address: string | null;
  isArchived: boolean;
}

export interface OrderContext {
  id: number;
  clientId: number;
  number: string;
}

export interface OriginalLineContext {
  id: number;
  position: number;
  quantityMilli: number;
  taxablePaise: Paise;
  gstRateBp: number;
  cessRateBp: number;
  taxability: LineTaxability;
  /** What issued credit notes (other than the one prepared) already credit; null when unknown (limits unchecked). */
  credited: { quantityMilli: number; taxablePaise: Paise } | null;
}

/** The document a credit or debit note corrects, with the tax it decided (a note always follows it). */
export interface OriginalContext {
  id: number;
  type: InvoiceType;
  status: InvoiceStatus;
  date: string;
  financialYear: string;
  direction: InvoiceDirection;
  partyId: number;
  businessRegistrationId: number | null;
  placeOfSupply: string;
  supplierState: string;
  supplyKind: SupplyKind;
  decision: RegimeDecision;
  reverseCharge: boolean;
  lines: OriginalLineContext[];
}

export interface DocumentContext {
  /** The party the document is for: the original's on notes, else the input's; null when none or not found. */
  party: PartyContext | null;
  /** Null: the business is not set up. */
  business: BusinessContext | null;
  /** The registration the document names (the original's on notes); null when none or not found. */
  registration: RegistrationContext | null;
  /** The order the input names; null when none or not found. */
  order: OrderContext | null;
  /** Notes: the original the input names; null when none or not found. */
  original: OriginalContext | null;
  /** Items that exist among those the lines name; null: not checked. */
  knownItemIds: ReadonlySet<number> | null;
}
