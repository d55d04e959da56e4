/**
 * Who may do what. This table is the single source of truth: every API route declares one action, the server's
 * guard checks it here, and the web app hides what a role cannot open using the same table.
 */
export const ROLES = ['owner', 'admin', 'manager', 'staff', 'accountant', 'partner'] as const;
export type Role = (typeof ROLES)[number];

/** Roles held by people inside the firm; partner is an external login tied to one partner party. */
export const STAFF_ROLES = ['owner', 'admin', 'manager', 'staff', 'accountant'] as const satisfies readonly Role[];

export const ACTIONS = [
  'users.read',
  'users.manage',
  'api_keys.manage',
  'audit.read',
  'settings.read',
  'settings.manage',
  'dashboard.read',
  'dashboard.money',
  'parties.read',
  'parties.write',
  'masters.read',
  'masters.write',
  'orders.read',
  'orders.write',
  'orders.reopen',
  'money.read',
  'money.write',
  'settlements.approve',
  'payouts.read',
  'payouts.manage',
  'invoices.read',
  'invoices.write',
  'invoices.issue',
  /** Issue a document dated before the latest of its series (audited), as Tally allows with a warning. */
  'invoices.backdate',
  'reports.read',
  'accounts.read',
  'accounts.manage',
  'jobs.manage',
  'portal.read',
] as const;
export type Action = (typeof ACTIONS)[number];

const ALL: readonly Action[] = ACTIONS.filter((a) => a !== 'portal.read');

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Action[]>> = {
  owner: ALL,
  admin: ALL,
  manager: [
    'users.read',
    'settings.read',
    'dashboard.read',
    'dashboard.money',
    'parties.read',
    'parties.write',
    'masters.read',
    'masters.write',
    'orders.read',
    'orders.write',
    'orders.reopen',
    'money.read',
    'money.write',
    'settlements.approve',
    'payouts.read',
    'payouts.manage',
    'invoices.read',
    'invoices.write',
    'invoices.issue',
    'reports.read',
    'accounts.read',
  ],
  // Staff run the orders day to day but see no money figures.
  staff: ['dashboard.read', 'parties.read', 'parties.write', 'masters.read', 'orders.read', 'orders.write'],
  // The accountant keeps the books and reads the audit log; partner payouts stay hidden unless granted.
  accountant: [
    'audit.read',
    'settings.read',
    'dashboard.read',
    'dashboard.money',
    'parties.read',
    'parties.write',
    'masters.read',
    'orders.read',
    'money.read',
    'money.write',
    'invoices.read',
    'invoices.write',
    'invoices.issue',
    'invoices.backdate',
    'reports.read',
    // The book is the accountant's own: chart of accounts, ledgers, trial balance, Tally export.
    'accounts.read',
    'accounts.manage',
  ],
  partner: ['portal.read'],
};

/**
 * Field-level visibility: classes of response fields, each readable only with one of the listed actions. A route's
 * access says who may call it; this table says which of its fields they then see. The server hides the fields of
 * a class a role cannot read in every JSON answer and every export (a null, an omitted key, a dropped column), and
 * the contracts name each field's class, so a field is hidden wherever it appears.
 */
export const FIELD_CLASSES = ['money', 'bank', 'payouts'] as const;
export type FieldClass = (typeof FIELD_CLASSES)[number];

export const FIELD_READERS: Readonly<Record<FieldClass, readonly Action[]>> = {
  // Amounts, prices, fees, balances, values and revenue-share percentages, plus what they imply (payment status).
  // portal.read: the partner portal's routes are scoped to the partner's own orders, so the money there is theirs.
  money: ['money.read', 'portal.read'],
  // A partner's bank account, IFSC and UPI id: read by those who handle the firm's money.
  bank: ['money.read'],
  // What was paid out to partners, and the payouts themselves; a partner sees their own in the portal.
  payouts: ['payouts.read', 'portal.read'],
};

/** True when `role` may read fields of class `fieldClass`; a caller without a role (anonymous) reads none. */
export function canReadField(role: Role | null, fieldClass: FieldClass): boolean {
  return role !== null && FIELD_READERS[fieldClass].some((action) => can(role, action));
}

/**
 * The class of an audit entry as a whole, by its action or entity: a payout entry is payouts whatever its
 * fields, so a role without payouts.read does not see it at all (it is left out of the list).
 */
export function auditEntryClass(entry: { action: string; entity: string }): FieldClass | null {
  if (entry.entity === 'payout' || entry.action.startsWith('payout.')) return 'payouts';
  return null;
}

const PAYOUT_NAME = /paid_?out|payout/i;
const BANK_NAME = /bank_?account|ifsc|upi/i;
const MONEY_NAME =
  /amount|fees?$|fees?_|charges?$|charges?_|price|balance|total|value|paise|revenue|share_?percent|percent|credit_?limit|partner_?share|business_?share|net$|expenses|payment_?status/i;

/**
 * The class of a field known only by its name: the keys of an audit entry's `changes`, written by every module in
 * its own casing. Errs on the side of hiding; a name this misses is still hidden where a contract classifies it.
 */
export function fieldClassOfName(name: string): FieldClass | null {
  if (PAYOUT_NAME.test(name)) return 'payouts';
  if (BANK_NAME.test(name)) return 'bank';
  if (MONEY_NAME.test(name)) return 'money';
  return null;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** True when `role` may take `action`. */
export function can(role: Role, action: Action): boolean {
  return ROLE_PERMISSIONS[role].includes(action);
}

/** Roles that `actorRole` may hand out. Only an owner makes another owner. */
export function assignableRoles(actorRole: Role): readonly Role[] {
  if (actorRole === 'owner') return ROLES;
  if (actorRole === 'admin') return ROLES.filter((r) => r !== 'owner');
  return [];
}
