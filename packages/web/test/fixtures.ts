/**
 * Contract-checked records for component tests: each builder fills a realistic record and parses it through the
 * contract's zod schema, so a fixture that drifts from the API fails where it is built.
 */
import { OrderDetail } from '@bizdash/contracts/orders';
import { Party, PartyListItem } from '@bizdash/contracts/parties';

const PARTY_DEFAULTS = {
  legalName: null,
  kind: 'company',
  roles: ['client'],
  emails: [],
  phones: [],
  countryCode: 'IN',
  billingAddress: null,
  shippingAddress: null,
  foreignAddress: null,
  gstin: null,
  pan: null,
  gstRegistrationType: 'unregistered',
  paymentTermsDays: null,
  creditLimit: null,
  openingBalance: null,
  openingBalanceDate: null,
  tags: [],
  notes: null,
  revenueShare: null,
  payout: null,
  emailReminders: false,
  isArchived: false,
  archivedAt: null,
  createdAt: '2026-11-10T06:30:00Z',
  updatedAt: '2026-11-10T06:30:00Z',
} as const;

export function partyFixture(patch: Partial<Party> & Pick<Party, 'id' | 'name'>): Party {
  return Party.parse({ ...PARTY_DEFAULTS, ...patch });
}

export function partyListItemFixture(
  patch: Partial<PartyListItem> & Pick<PartyListItem, 'id' | 'name'>,
): PartyListItem {
  return PartyListItem.parse({ ...PARTY_DEFAULTS, balance: null, ...patch });
}

const ORDER_DEFAULTS = {
  description: null,
  stage: { code: 'in_progress', label: 'In progress', isTerminal: false },
  stageChangedAt: '2026-11-02T06:30:00Z',
  closedAt: null,
  client: { id: 5, name: 'Acme Traders' },
  partner: null,
  orderType: { id: 1, name: 'Share transfer' },
  company: null,
  shareCount: null,
  sharePrice: null,
  orderValue: null,
  fees: '100000.00',
  baseCharges: '10000.00',
  amountDue: '118000.00',
  amountReceived: '25000.00',
  balanceDue: '93000.00',
  paymentStatus: 'partial',
  sharePercent: null,
  invoiceIds: [],
  invoices: [],
  assignee: null,
  priority: 'normal',
  tags: [],
  dueDate: '2026-12-15',
  isOverdue: false,
  documents: { required: 0, received: 0, submitted: 0, accepted: 0, rejected: 0, isComplete: true },
  createdBy: null,
  createdAt: '2026-11-01T06:30:00Z',
  updatedAt: '2026-11-02T06:30:00Z',
  allowedTransitions: [],
  suggestedTransition: null,
} as const;

/** An order as GET /orders/:id sends it; `staffView` blanks the money fields as the server does without money.read. */
export function orderDetailFixture(
  patch: Partial<OrderDetail> & Pick<OrderDetail, 'id' | 'number' | 'title'>,
  { staffView = false } = {},
): OrderDetail {
  const hidden = staffView
    ? {
        fees: null,
        baseCharges: null,
        amountDue: null,
        amountReceived: null,
        balanceDue: null,
        paymentStatus: null,
        sharePercent: null,
        invoiceIds: [],
        invoices: [],
      }
    : {};
  return OrderDetail.parse({ ...ORDER_DEFAULTS, ...hidden, ...patch });
}
