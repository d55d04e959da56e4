import type { EwayBillFile, GenerateEwayBillInput, ImportEwayBillInput } from '@bizdash/contracts/ewaybill';
import type { SalesDocument } from '@bizdash/contracts/sales-documents';
import { AppError } from '@bizdash/domain/errors';
import { parseMoney } from '@bizdash/domain/money';
import type { AuditService } from '../../../platform/audit/audit.service';
import type { Database } from '../../../platform/db/database';
import type { RequestContext } from '../../../platform/request-context';
import { buildEwayBill, movementFromChallan } from '../invoices/ewaybill/ewaybill-json';
import type { SettingsService } from '../../parties/index';
import { salesDocumentPdfDocument } from './sales-documents-pdf';
import { lockEwayBill, updateDocument } from './sales-documents.repo';
import type { SalesDocumentsService } from './sales-documents.service';

export interface ChallanEwayBillDeps {
  database: Database;
  audit: AuditService;
  salesDocuments: Pick<SalesDocumentsService, 'get'>;
  settings: Pick<SettingsService, 'getBusiness'>;
}

/**
 * The e-way bill of a delivery challan's goods (issue 20): the same builder and Part B contract as invoices
 * (ewaybill-json.ts), Part A from the challan as its PDF prints it, docType CHL. Other kinds are refused.
 */
export function makeChallanEwayBillService({ database, audit, salesDocuments, settings }: ChallanEwayBillDeps) {
  function movementOf(doc: SalesDocument) {
    if (doc.kind !== 'delivery_challan') {
      throw new AppError('INVALID_STATE', 'E-way bills are generated for delivery challans only', { field: 'kind' });
    }
    return movementFromChallan(
      salesDocumentPdfDocument(doc),
      doc.lines.map((l) => l.taxability),
      doc.challanReason,
    );
  }

  /** The bulk-generation JSON; the Part B entered is kept on the challan (not audited), as on invoices. */
  async function generate(id: number, input: GenerateEwayBillInput): Promise<EwayBillFile> {
    const [doc, business] = await Promise.all([salesDocuments.get(id), settings.getBusiness()]);
    const file = buildEwayBill(movementOf(doc), input.partB, {
      userGstin: doc.business.gstin ?? business.gstin,
      threshold: parseMoney(business.ewayBillThreshold ?? '50000.00'),
      force: input.force ?? false,
    });
    await updateDocument(database.db, id, { ewb_part_b: JSON.stringify(input.partB) });
    return file;
  }

  /** Records the e-way bill the portal generated (number, date, validity) on the challan, audited. */
  async function importEwayBill(ctx: RequestContext, id: number, input: ImportEwayBillInput): Promise<SalesDocument> {
    const doc = await salesDocuments.get(id);
    movementOf(doc); // delivery challans only, not cancelled, as for generation
    const values = { ewb_number: input.number, ewb_date: input.date, ewb_valid_until: input.validUntil };
    const changed = await database.transaction(async (tx) => {
      const row = await lockEwayBill(tx, database.dialect, id);
      if (!row) throw new AppError('NOT_FOUND', `Document ${id} not found`);
      if (row.status === 'cancelled') throw new AppError('INVALID_STATE', 'A cancelled challan has no e-way bill');
      const changes = Object.fromEntries(
        (Object.keys(values) as (keyof typeof values)[])
          .filter((k) => row[k] !== values[k])
          .map((k) => [k, { before: row[k], after: values[k] }]),
      );
      if (Object.keys(changes).length === 0) return false;
      await updateDocument(tx, id, values);
      await audit.record(tx, ctx, {
        action: 'sales_document.ewaybill_imported',
        entity: 'sales_document',
        entityId: id,
        changes,
      });
      return true;
    });
    return changed ? salesDocuments.get(id) : doc;
  }

  return { generate, importEwayBill };
}
