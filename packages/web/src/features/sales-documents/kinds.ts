import type { ChallanReason, SalesDocumentKind, SalesDocumentStatus } from '@bizdash/contracts/sales-documents';

/** What differs between the three kinds in the web app: names, paths and which statuses a list offers. */
export const KINDS: Record<
  SalesDocumentKind,
  { title: string; singular: string; path: string; description: string; statuses: SalesDocumentStatus[] }
> = {
  quotation: {
    title: 'Quotations',
    singular: 'Quotation',
    path: '/quotations',
    description: 'Estimates sent before the client commits; accepted ones become an invoice or an order.',
    statuses: ['draft', 'sent', 'accepted', 'declined', 'expired', 'converted', 'cancelled'],
  },
  proforma: {
    title: 'Proforma invoices',
    singular: 'Proforma invoice',
    path: '/proformas',
    description: 'Not tax invoices: sent before payment; advances received are applied to the tax invoice.',
    statuses: ['draft', 'sent', 'expired', 'converted', 'cancelled'],
  },
  delivery_challan: {
    title: 'Delivery challans',
    singular: 'Delivery challan',
    path: '/challans',
    description: 'Goods moved before invoicing (Rule 55): job work, supply on approval; invoiced in parts.',
    statuses: ['draft', 'sent', 'converted', 'cancelled'],
  },
};

export const STATUS_LABELS: Record<SalesDocumentStatus, { label: string; color: string }> = {
  draft: { label: 'Draft', color: 'gray' },
  sent: { label: 'Sent', color: 'blue' },
  accepted: { label: 'Accepted', color: 'teal' },
  declined: { label: 'Declined', color: 'red' },
  expired: { label: 'Expired', color: 'orange' },
  converted: { label: 'Converted', color: 'grape' },
  cancelled: { label: 'Cancelled', color: 'dark' },
};

export const CHALLAN_REASONS: Record<ChallanReason, string> = {
  job_work: 'Job work',
  supply_on_approval: 'Supply on approval',
  supply_of_liquid_gas: 'Liquid gas (quantity unknown at removal)',
  other: 'Other (not a supply)',
};
