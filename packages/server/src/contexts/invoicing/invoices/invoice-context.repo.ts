import type { CreateInvoiceInput } from '@bizdash/contracts/invoices';
import type { Address, ForeignAddress } from '@bizdash/contracts/parties';
import type { DocumentContext, OriginalContext, PartyContext } from '@bizdash/domain/gst/prepare-document';
import type { Dialect, Executor } from '../../../platform/db/database';
import { toBool } from '../../../platform/db/columns';
import { lockInvoice } from './invoices.repo';
import { toTaxDecision } from './invoice-mapping';
import type { InvoiceRow } from './invoices.tables';

export interface LoadContextOptions {
  executor: Executor;
  dialect: Dialect;
  /** The document being saved (excluded from what credit notes already credit). */
  selfId?: number;
  /** Lock the original document row (inside a writing transaction). */
  lockOriginal?: boolean;
}

/** What a document input names, read from the database for prepareDocument; the original's row rides along. */
export async function loadInvoiceContext(
  input: CreateInvoiceInput,
  options: LoadContextOptions,
): Promise<{ context: DocumentContext; originalRow: InvoiceRow | null }> {
  const { executor, dialect } = options;
  const isNote = input.type === 'credit_note' || input.type === 'debit_note';

  let originalRow: InvoiceRow | null = null;
  if (isNote && input.originalInvoiceId) {
    originalRow =
      (options.lockOriginal
        ? await lockInvoice(executor, dialect, input.originalInvoiceId)
        : await executor
            .selectFrom('invoices')
            .selectAll()
            .where('id', '=', input.originalInvoiceId)
            .executeTakeFirst()) ?? null;
  }
  const original = originalRow ? await originalContext(originalRow, input, options) : null;

  const partyId = originalRow ? originalRow.party_id : input.partyId;
  const partyRow = partyId
    ? await executor.selectFrom('parties').selectAll().where('id', '=', partyId).executeTakeFirst()
    : undefined;
  // Written only by the parties module from validated values.
  const party: PartyContext | null = partyRow
    ? {
        id: partyRow.id,
        name: partyRow.name,
        legalName: partyRow.legal_name,
        gstin: partyRow.gstin,
        pan: partyRow.pan,
        registrationType: partyRow.gst_registration_type,
        countryCode: partyRow.country_code,
        billingAddress: partyRow.billing_address ? (JSON.parse(partyRow.billing_address) as Address) : null,
        shippingAddress: partyRow.shipping_address ? (JSON.parse(partyRow.shipping_address) as Address) : null,
        foreignAddress: partyRow.foreign_address ? (JSON.parse(partyRow.foreign_address) as ForeignAddress) : null,
        emails: JSON.parse(partyRow.emails) as string[],
        phones: JSON.parse(partyRow.phones) as string[],
        paymentTermsDays: partyRow.payment_terms_days,
        isClient: toBool(partyRow.is_client),
        isSupplier: toBool(partyRow.is_supplier),
        isArchived: partyRow.archived_at !== null,
      }
    : null;

  const order = input.orderId
    ? await executor
        .selectFrom('orders')
        .select(['id', 'client_id', 'number'])
        .where('id', '=', input.orderId)
        .executeTakeFirst()
    : undefined;

  const b = await executor.selectFrom('business').selectAll().where('id', '=', 1).executeTakeFirst();
  const registrationId = originalRow ? originalRow.business_registration_id : (input.businessRegistrationId ?? null);
  const reg =
    registrationId !== null
      ? await executor
          .selectFrom('business_registrations')
          .selectAll()
          .where('id', '=', registrationId)
          .executeTakeFirst()
      : undefined;

  const itemIds = [...new Set(input.lines.flatMap((l) => (l.itemId ? [l.itemId] : [])))];
  const items =
    itemIds.length > 0 ? await executor.selectFrom('items').select('id').where('id', 'in', itemIds).execute() : [];

  return {
    originalRow,
    context: {
      party,
      business: b
        ? {
            name: b.name,
            legalName: b.legal_name,
            tradeName: b.trade_name,
            gstin: b.gstin,
            pan: b.pan,
            stateCode: b.state_code,
            address: { line1: b.address_line1, line2: b.address_line2, city: b.city, pin: b.pin },
            bank: {
              accountName: b.bank_account_name,
              accountNumber: b.bank_account_number,
              ifsc: b.bank_ifsc,
              bankName: b.bank_name,
              branch: b.bank_branch,
            },
            upiId: b.upi_id,
            signatoryName: b.signatory_name,
            logoSha256: b.logo_key,
          }
        : null,
      registration: reg
        ? {
            id: reg.id,
            gstin: reg.gstin,
            stateCode: reg.state_code,
            tradeName: reg.trade_name,
            address: reg.address,
            isArchived: reg.archived_at !== null,
          }
        : null,
      order: order ? { id: order.id, clientId: order.client_id, number: order.number } : null,
      original,
      knownItemIds: new Set(items.map((r) => r.id)),
    },
  };
}

/** The original with its lines and, on credit notes, what issued credit notes already credit per line. */
async function originalContext(
  row: InvoiceRow,
  input: CreateInvoiceInput,
  { executor, selfId }: LoadContextOptions,
): Promise<OriginalContext> {
  const lines = await executor.selectFrom('invoice_lines').selectAll().where('invoice_id', '=', row.id).execute();
  const credited = new Map<number, { qty: number; taxable: number }>();
  const wanted = [...new Set(input.lines.flatMap((l) => (l.originalLineId ? [l.originalLineId] : [])))];
  if (input.type === 'credit_note' && wanted.length > 0) {
    let q = executor
      .selectFrom('invoice_lines')
      .innerJoin('invoices', 'invoices.id', 'invoice_lines.invoice_id')
      .select((eb) => [
        'invoice_lines.original_line_id',
        eb.fn.sum<number>('invoice_lines.quantity_milli').as('qty'),
        eb.fn.sum<number>('invoice_lines.taxable_paise').as('taxable'),
      ])
      .where('invoices.original_invoice_id', '=', row.id)
      .where('invoices.type', '=', 'credit_note')
      .where('invoices.status', '=', 'issued')
      .where('invoice_lines.original_line_id', 'in', wanted)
      .groupBy('invoice_lines.original_line_id');
    if (selfId !== undefined) q = q.where('invoices.id', '<>', selfId);
    for (const r of await q.execute()) {
      credited.set(Number(r.original_line_id), { qty: Number(r.qty ?? 0), taxable: Number(r.taxable ?? 0) });
    }
  }
  const tax = toTaxDecision(row);
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    date: row.date,
    financialYear: row.financial_year,
    direction: row.direction,
    partyId: row.party_id,
    businessRegistrationId: row.business_registration_id,
    placeOfSupply: row.place_of_supply,
    supplierState: row.supplier_state_code,
    supplyKind: tax.supplyKind,
    decision: {
      regime: tax.regime,
      stateTaxLabel: tax.stateTaxLabel,
      isInterState: tax.isInterState,
      isZeroRated: tax.isZeroRated,
      isIgstOnIntra: tax.isIgstOnIntra,
      overrideReason: tax.regimeOverrideReason,
    },
    reverseCharge: tax.reverseCharge,
    lines: lines.map((l) => {
      const prior = credited.get(l.id);
      return {
        id: l.id,
        position: l.position,
        quantityMilli: Number(l.quantity_milli),
        taxablePaise: Number(l.taxable_paise),
        gstRateBp: Number(l.gst_rate_bp),
        cessRateBp: Number(l.cess_rate_bp),
        taxability: l.taxability,
        credited: { quantityMilli: prior?.qty ?? 0, taxablePaise: prior?.taxable ?? 0 },
      };
    }),
  };
}
