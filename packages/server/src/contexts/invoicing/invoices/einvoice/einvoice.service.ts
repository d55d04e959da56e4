import type { EInvoicePayload, ImportIrpResponseInput, IrpResponse } from '@bizdash/contracts/einvoice';
import type { Invoice } from '@bizdash/contracts/invoices';
import { AppError } from '@bizdash/domain/errors';
import { computeIrn, type IrnDocType } from '@bizdash/domain/gst/irn';
import type { AuditService } from '../../../../platform/audit/audit.service';
import type { Database } from '../../../../platform/db/database';
import type { RequestContext } from '../../../../platform/request-context';
import type { InvoicesService } from '../invoices.service';
import { documentFromInvoice } from '../pdf/from-invoice';
import { assertEInvoiceable, buildEInvoice } from './einvoice-json';
import { lockIrpColumns, setIrpColumns } from './einvoice.repo';

export interface InvoiceDocumentsServiceDeps {
  database: Database;
  audit: AuditService;
  invoices: Pick<InvoicesService, 'get'>;
}

export type InvoiceDocumentsService = ReturnType<typeof makeInvoiceDocumentsService>;

/** An IRN is the lower-case hex SHA-256 the IRP computes (gst-rules.md 6.3): 64 characters. */
const IRN_RE = /^[0-9a-f]{64}$/;

function unwrap(input: ImportIrpResponseInput): IrpResponse {
  return 'Data' in input && typeof input.Data === 'object' && input.Data !== null
    ? (input.Data as IrpResponse)
    : (input as IrpResponse);
}

function docTypeOf(invoice: Invoice): IrnDocType {
  return invoice.type === 'credit_note' ? 'CRN' : invoice.type === 'debit_note' ? 'DBN' : 'INV';
}

/**
 * The documents made from an invoice (PDF, e-invoice JSON) and the one write they need: storing the IRP's answer.
 */
export function makeInvoiceDocumentsService({ database, audit, invoices }: InvoiceDocumentsServiceDeps) {
  async function einvoice(id: number): Promise<EInvoicePayload> {
    const invoice = await invoices.get(id);
    // The printed document has no place for these; the e-invoice reads them from the stored invoice.
    return buildEInvoice(documentFromInvoice(invoice), {
      recipientForeignAddress: invoice.party.foreignAddress ?? null,
      lineTaxability: invoice.lines.map((l) => l.taxability),
    });
  }

  /**
   * Stores the IRN, acknowledgement and signed QR code from the IRP's response on an issued, e-invoiceable
   * document. The IRN must be the one the IRP derives from this document (GSTIN + FY + type + number), so a
   * response for another invoice is refused rather than stored. Importing the same response again is a no-op.
   */
  async function importIrpResponse(ctx: RequestContext, id: number, input: ImportIrpResponseInput): Promise<Invoice> {
    const response = unwrap(input);
    const irn = response.Irn.toLowerCase();
    if (!IRN_RE.test(irn)) {
      throw new AppError('VALIDATION_FAILED', 'Irn must be the 64-character hex IRN the IRP returned', {
        field: 'Irn',
      });
    }
    const invoice = await invoices.get(id);
    const doc = documentFromInvoice(invoice);
    assertEInvoiceable(doc);
    const expected = await computeIrn({
      sellerGstin: doc.supplier.gstin ?? '',
      financialYear: invoice.financialYear,
      docType: docTypeOf(invoice),
      docNo: doc.number,
    });
    if (irn !== expected) {
      throw new AppError(
        'VALIDATION_FAILED',
        `Irn does not belong to ${doc.number}; is this the response for another document?`,
        {
          field: 'Irn',
        },
      );
    }
    const values = {
      irn,
      ack_no: String(response.AckNo),
      ack_date: response.AckDt,
      signed_qr_code: response.SignedQRCode,
      einvoice_status: response.Status ?? 'ACT',
    };
    const changed = await database.transaction(async (tx) => {
      const row = await lockIrpColumns(tx, database.dialect, id);
      if (!row) throw new AppError('NOT_FOUND', `Invoice ${id} not found`);
      if (row.status !== 'issued') throw new AppError('INVALID_STATE', 'Only an issued document takes an IRN');
      const before = {
        irn: row.irn,
        ack_no: row.ack_no,
        ack_date: row.ack_date,
        signed_qr_code: row.signed_qr_code,
        einvoice_status: row.einvoice_status,
      };
      const changes = Object.fromEntries(
        (Object.keys(values) as (keyof typeof values)[])
          .filter((k) => before[k] !== values[k])
          .map((k) => [
            k,
            {
              before: k === 'signed_qr_code' && before[k] ? '(signed QR)' : before[k],
              after: k === 'signed_qr_code' ? '(signed QR)' : values[k],
            },
          ]),
      );
      if (Object.keys(changes).length === 0) return false;
      // The one write this module makes to invoices: only the IRP's columns, never the document itself.
      await setIrpColumns(tx, id, values);
      await audit.record(tx, ctx, { action: 'invoice.einvoice_imported', entity: 'invoice', entityId: id, changes });
      return true;
    });
    return changed ? invoices.get(id) : invoice;
  }

  return { einvoice, importIrpResponse };
}
