import { auditActionLabel, type AuditEntry } from '@bizdash/contracts/audit';

/** Plain words for an action; the server sends them too (entry.actionLabel), this covers filters and old entries. */
export function actionLabel(action: string): string {
  return auditActionLabel(action);
}

/** A colour for the kind of action: failures red, removals orange, creations green. */
export function actionColor(action: string): string {
  if (/failed|reuse|denied/.test(action)) return 'red';
  if (/disabled|revoked|deleted|removed|cancel|reset/.test(action)) return 'orange';
  if (/created|enabled|completed/.test(action)) return 'teal';
  if (action.startsWith('auth.')) return 'gray';
  return 'indigo';
}

export const ACTOR_TYPE_LABELS: Record<AuditEntry['actor']['type'], string> = {
  user: 'User',
  api_key: 'API key',
  system: 'System',
  anonymous: 'Anonymous',
};

export function actorName(actor: AuditEntry['actor']): string {
  if (actor.type === 'system') return 'System';
  if (actor.name) return actor.name;
  if (actor.type === 'anonymous') return 'Anonymous';
  return actor.id === null ? ACTOR_TYPE_LABELS[actor.type] : `${ACTOR_TYPE_LABELS[actor.type]} #${actor.id}`;
}

/** "role, isActive" — the changed field names, for a table cell. */
export function changedFieldsSummary(changes: AuditEntry['changes'], max = 3): string {
  if (!changes) return '';
  const fields = Object.keys(changes);
  if (fields.length === 0) return '';
  const shown = fields.slice(0, max).map(fieldLabel).join(', ');
  return fields.length > max ? `${shown} +${fields.length - max} more` : shown;
}

/** What kind of record an entry is about, in words: "order_document" → "Order document". */
const ENTITY_NOUNS: Record<string, string> = {
  parties: 'Party',
  items: 'Item',
  api_key: 'API key',
  public_link: 'Public link',
  number_series: 'Number series',
  settlement_entry: 'Settlement entry',
  sales_document: 'Quotation, proforma or challan',
};

/** Records that live on an order (order money and collaboration): their entries name the order in `orderId`. */
const ORDER_CHILD_ENTITIES = new Set(['receipt', 'expense', 'comment', 'settlement_entry', 'task']);

/** The order a receipt, expense or comment entry belongs to, from its recorded changes. */
function parentOrderId(entry: Partial<Pick<AuditEntry, 'entity' | 'changes'>>): number | null {
  if (!entry.entity || !ORDER_CHILD_ENTITIES.has(entry.entity)) return null;
  const change = entry.changes?.orderId;
  const id = change ? (change.after ?? change.before) : null;
  return typeof id === 'number' && Number.isSafeInteger(id) ? id : null;
}

export function entityNoun(entity: string): string {
  return ENTITY_NOUNS[entity] ?? capitalise(entity.replace(/[_-]+/g, ' '));
}

/**
 * "Invoice INV/2026-27/0007 · Acme Traders", or "Invoice #64" when the record has no name (or is gone); a receipt,
 * expense or comment adds its order when the entry names it ("Receipt #5 on ORD-0017").
 */
export function recordLabel(
  entry: Pick<AuditEntry, 'entity' | 'entityId' | 'entityLabel'> & Partial<Pick<AuditEntry, 'changes' | 'refNames'>>,
): string {
  if (entry.entityLabel) return `${entityNoun(entry.entity)} ${entry.entityLabel}`;
  const own = entry.entityId ? `${entityNoun(entry.entity)} #${entry.entityId}` : entityNoun(entry.entity);
  const orderId = parentOrderId(entry);
  const orderName = orderId === null ? undefined : entry.refNames?.[`orderId:${orderId}`];
  return orderName ? `${own} on ${orderName}` : own;
}

/** The page of the record an entry is about, where it has one; for a record on an order, the order's page. */
export function recordPath(
  entry: Pick<AuditEntry, 'entity' | 'entityId'> & Partial<Pick<AuditEntry, 'changes'>>,
): string | null {
  const orderId = parentOrderId(entry);
  if (orderId !== null) return `/orders/${orderId}`;
  if (!entry.entityId || !/^\d+$/.test(entry.entityId)) return null;
  if (entry.entity === 'invoice') return `/invoices/${entry.entityId}`;
  if (entry.entity === 'order') return `/orders/${entry.entityId}`;
  if (entry.entity === 'party' || entry.entity === 'parties') return `/parties/${entry.entityId}`;
  return null;
}

/** Field names whose words alone read wrong ("Upi id", "Gstin"). */
const FIELD_LABELS: Record<string, string> = {
  gstin: 'GSTIN',
  pan: 'PAN',
  upiId: 'UPI ID',
  upi_id: 'UPI ID',
  ifsc: 'IFSC',
  tan: 'TAN',
  cin: 'CIN',
  totp: 'Two-factor',
  grandTotal: 'Grand total',
  totalTax: 'Total tax',
  taxable: 'Taxable value',
  originalInvoiceId: 'Original invoice',
  isActive: 'Active',
  is_active: 'Active',
  share_bp: 'Partner share',
  shareBp: 'Partner share',
  stage: 'Stage',
  // The order's partner share as the settlement module records it ("40.00", a percentage).
  sharePercent: 'Partner share',
};

/**
 * "isActive" → "Active", "last_login_at" → "Last login at", "clientId" → "Client", "feesPaise" → "Fees": ids and
 * units are how the value is stored, not what the field is.
 */
export function fieldLabel(field: string): string {
  const known = FIELD_LABELS[field];
  if (known) return known;
  const spaced = field
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/ (id|paise|bp)$/, '')
    .replace(/([a-z])(\d)/g, '$1 $2')
    .replace(/\b(gst|gstin|pan|pin|upi|ifsc|hsn|sac|irn|tds|itc)\b/g, (w) => w.toUpperCase())
    .trim();
  return capitalise(spaced);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
