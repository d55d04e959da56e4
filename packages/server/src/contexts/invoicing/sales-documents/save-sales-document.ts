import type {
  CreateSalesDocumentInput,
  SalesDocument,
  UpdateSalesDocumentInput,
} from '@bizdash/contracts/sales-documents';
import { AppError } from '@bizdash/domain/errors';
import type { Executor } from '../../../platform/db/database';
import { toBool } from '../../../platform/db/columns';
import type { RequestContext } from '../../../platform/request-context';
import { prepareInvoice, type PreparedInvoice } from '../invoices/invoice-prepare';
import { lockOrThrow, type GetSalesDocument, type SalesDocumentsServiceDeps } from './sales-documents-core';
import * as repo from './sales-documents.repo';
import type { SalesDocumentRow } from './sales-documents.repo';

const addDays = (date: string, days: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

function auditView(row: Partial<SalesDocumentRow>, lineCount?: number): Record<string, unknown> {
  return {
    kind: row.kind,
    status: row.status,
    number: row.number,
    date: row.date,
    validUntil: row.valid_until,
    partyId: row.party_id,
    placeOfSupply: row.place_of_supply,
    taxable: row.taxable_paise,
    totalTax: row.total_tax_paise,
    grandTotal: row.grand_total_paise,
    ...(lineCount !== undefined ? { lines: lineCount } : {}),
  };
}

function created(view: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(view).map(([k, v]) => [k, { before: null, after: v ?? null }]));
}

/** Creating and changing a document: the kind's rules, then the invoice engine prices it as a sales invoice. */
export function makeSaveSalesDocument(
  { database, audit, clock }: Pick<SalesDocumentsServiceDeps, 'database' | 'audit' | 'clock'>,
  get: GetSalesDocument,
) {
  const { dialect } = database;

  /** Kind rules, then the invoice engine: the same preparation (party, regime, lines, totals) as a sales invoice. */
  async function prepare(
    executor: Executor,
    kind: SalesDocumentRow['kind'],
    input: UpdateSalesDocumentInput,
  ): Promise<PreparedInvoice> {
    const isChallan = kind === 'delivery_challan';
    if (isChallan && !input.challanReason) {
      throw new AppError('VALIDATION_FAILED', 'challanReason: is required on a delivery challan (Rule 55)', {
        field: 'challanReason',
      });
    }
    if (!isChallan && input.challanReason) {
      throw new AppError('VALIDATION_FAILED', 'challanReason: only delivery challans have one', {
        field: 'challanReason',
      });
    }
    if (isChallan && input.validUntil) {
      throw new AppError('VALIDATION_FAILED', 'validUntil: a delivery challan has no validity date', {
        field: 'validUntil',
      });
    }
    if (kind !== 'quotation' && (input.orderTypeId || input.partnerId)) {
      throw new AppError('VALIDATION_FAILED', 'orderTypeId: only quotations become orders', { field: 'orderTypeId' });
    }
    if (input.validUntil && input.validUntil < input.date) {
      throw new AppError('VALIDATION_FAILED', 'validUntil: is before the document date', { field: 'validUntil' });
    }
    if (input.orderTypeId) {
      const type = await repo.orderTypeExists(executor, input.orderTypeId);
      if (!type) {
        throw new AppError('VALIDATION_FAILED', `orderTypeId: order type ${input.orderTypeId} does not exist`, {
          field: 'orderTypeId',
        });
      }
    }
    if (input.partnerId) {
      const partner = await repo.partnerFlag(executor, input.partnerId);
      if (!partner || !toBool(partner.is_partner)) {
        throw new AppError('VALIDATION_FAILED', `partnerId: party ${input.partnerId} is not a partner`, {
          field: 'partnerId',
        });
      }
    }
    return prepareInvoice(
      {
        type: 'sales',
        partyId: input.partyId,
        date: input.date,
        businessRegistrationId: input.businessRegistrationId ?? null,
        placeOfSupply: input.placeOfSupply ?? null,
        supplyKind: input.supplyKind ?? null,
        reverseCharge: input.reverseCharge,
        roundToRupee: input.roundToRupee,
        shippingAddress: input.shippingAddress ?? null,
        notes: input.notes ?? null,
        terms: input.terms ?? null,
        lines: input.lines,
      },
      { executor, dialect },
    );
  }

  /** The columns a save writes, from the prepared invoice and the kind's own fields. */
  function columns(kind: SalesDocumentRow['kind'], input: UpdateSalesDocumentInput, prepared: PreparedInvoice) {
    const r = prepared.row;
    return {
      financial_year: r.financial_year,
      date: r.date,
      valid_until: kind === 'delivery_challan' ? null : (input.validUntil ?? addDays(input.date, 15)),
      party_id: r.party_id,
      party_name: r.party_name,
      party_gstin: r.party_gstin ?? null,
      party_state_code: r.party_state_code ?? null,
      party_snapshot: r.party_snapshot,
      business_registration_id: r.business_registration_id ?? null,
      business_gstin: r.business_gstin ?? null,
      business_state_code: r.business_state_code,
      business_snapshot: r.business_snapshot,
      place_of_supply: r.place_of_supply,
      supplier_state_code: r.supplier_state_code,
      supply_kind: r.supply_kind,
      regime: r.regime,
      is_inter_state: r.is_inter_state,
      is_zero_rated: r.is_zero_rated,
      is_igst_on_intra: r.is_igst_on_intra,
      regime_override_reason: r.regime_override_reason ?? null,
      reverse_charge: r.reverse_charge,
      round_to_rupee: r.round_to_rupee,
      order_type_id: input.orderTypeId ?? null,
      partner_id: input.partnerId ?? null,
      challan_reason: input.challanReason ?? null,
      transport: input.transport?.trim() || null,
      notes: input.notes ?? null,
      terms: input.terms ?? null,
      gross_paise: r.gross_paise,
      discount_paise: r.discount_paise,
      taxable_paise: r.taxable_paise,
      cgst_paise: r.cgst_paise,
      sgst_paise: r.sgst_paise,
      igst_paise: r.igst_paise,
      cess_ad_valorem_paise: r.cess_ad_valorem_paise,
      cess_non_ad_valorem_paise: r.cess_non_ad_valorem_paise,
      cess_paise: r.cess_paise,
      other_charges_paise: r.other_charges_paise,
      total_tax_paise: r.total_tax_paise,
      round_off_paise: r.round_off_paise,
      grand_total_paise: r.grand_total_paise,
    };
  }

  function lineColumns(prepared: PreparedInvoice) {
    return prepared.lines.map((l) => ({
      ...l,
      original_line_id: null,
      taxability: l.taxability ?? 'taxable',
      converted_quantity_milli: 0,
    }));
  }

  async function create(ctx: RequestContext, input: CreateSalesDocumentInput): Promise<SalesDocument> {
    // Validate and compute before the transaction: bad input never takes the write lock.
    await prepare(database.db, input.kind, input);
    const id = await database.transaction(async (tx) => {
      const prepared = await prepare(tx, input.kind, input);
      const now = clock.now().toISOString();
      const cols = columns(input.kind, input, prepared);
      const series = repo.SERIES_OF[input.kind];
      const { number, sequence } = await repo.takeNumber(tx, dialect, {
        series,
        fy: cols.financial_year,
        gstin: cols.business_gstin ?? '',
        furtherStateCode: cols.business_registration_id === null ? null : cols.business_state_code,
        now,
      });
      const row = await repo.insertDocument(tx, {
        ...cols,
        kind: input.kind,
        status: 'draft',
        number,
        series,
        sequence,
        converted_invoice_id: null,
        converted_order_id: null,
        sent_at: null,
        responded_at: null,
        response_note: null,
        created_by: ctx.actor.type === 'user' ? ctx.actor.id : null,
        created_at: now,
        updated_at: now,
      });
      await repo.replaceLines(tx, row.id, lineColumns(prepared));
      await audit.record(tx, ctx, {
        action: 'sales_document.created',
        entity: 'sales_document',
        entityId: row.id,
        changes: created(auditView(row, prepared.lines.length)),
      });
      return row.id;
    });
    return get(id);
  }

  async function update(ctx: RequestContext, id: number, input: UpdateSalesDocumentInput): Promise<SalesDocument> {
    await database.transaction(async (tx) => {
      const before = await lockOrThrow(tx, dialect, id);
      if (before.status !== 'draft' && before.status !== 'sent') {
        throw new AppError('INVALID_STATE', `A ${before.status} document cannot be changed`, { status: before.status });
      }
      if (before.converted_invoice_id !== null) {
        throw new AppError('INVALID_STATE', 'A document already (partly) converted cannot be changed', {
          status: before.status,
        });
      }
      const prepared = await prepare(tx, before.kind, input);
      const cols = columns(before.kind, input, prepared);
      if (cols.financial_year !== before.financial_year) {
        throw new AppError('VALIDATION_FAILED', `date: must stay in FY ${before.financial_year} (its number's year)`, {
          field: 'date',
        });
      }
      const after = await repo.saveDocument(tx, id, { ...cols, updated_at: clock.now().toISOString() });
      await repo.replaceLines(tx, id, lineColumns(prepared));
      const b = auditView(before);
      const a = auditView(after, prepared.lines.length);
      const changes: Record<string, { before: unknown; after: unknown }> = {};
      for (const key of Object.keys(a)) {
        if (JSON.stringify(b[key] ?? null) !== JSON.stringify(a[key] ?? null))
          changes[key] = { before: b[key] ?? null, after: a[key] ?? null };
      }
      await audit.record(tx, ctx, {
        action: 'sales_document.updated',
        entity: 'sales_document',
        entityId: id,
        changes,
      });
    });
    return get(id);
  }

  return { create, update };
}
