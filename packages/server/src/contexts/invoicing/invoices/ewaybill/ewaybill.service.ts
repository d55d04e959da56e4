import type { EwayBillFile, GenerateEwayBillInput, ImportEwayBillInput } from '@bizdash/contracts/ewaybill';
import type { Invoice } from '@bizdash/contracts/invoices';
import { AppError } from '@bizdash/domain/errors';
import type { AuditService } from '../../../../platform/audit/audit.service';
import type { Database } from '../../../../platform/db/database';
import type { RequestContext } from '../../../../platform/request-context';
import type { SettingsService } from '../../../parties/index';
import type { InvoicesService } from '../invoices.service';
import { documentFromInvoice } from '../pdf/from-invoice';
import { buildEwayBill, movementFromInvoice } from './ewaybill-json';
import { lockEwayBillColumns, setEwayBill, setEwayBillPartB } from './ewaybill.repo';
import { parseMoney } from '@bizdash/domain/money';

export interface EwayBillServiceDeps {
  database: Database;
  audit: AuditService;
  invoices: Pick<InvoicesService, 'get'>;
  settings: Pick<SettingsService, 'getBusiness'>;
}

export type EwayBillService = ReturnType<typeof makeEwayBillService>;

/** The e-way bill of an invoice's goods: the portal's JSON out, the portal's number back in. */
export function makeEwayBillService({ database, audit, invoices, settings }: EwayBillServiceDeps) {
  function movementOf(invoice: Invoice) {
    return movementFromInvoice(
      documentFromInvoice(invoice),
      invoice.lines.map((l) => l.taxability),
    );
  }

  /**
   * The bulk-generation JSON for an issued invoice. The Part B entered is kept on the invoice (not audited: it is
   * what the user typed for the upload, not part of the document), so the dialog opens with it next time.
   */
  async function generate(id: number, input: GenerateEwayBillInput): Promise<EwayBillFile> {
    const [invoice, business] = await Promise.all([invoices.get(id), settings.getBusiness()]);
    const file = buildEwayBill(movementOf(invoice), input.partB, {
      userGstin: invoice.business.gstin ?? business.gstin,
      threshold: parseMoney(business.ewayBillThreshold ?? '50000.00'),
      force: input.force ?? false,
    });
    await setEwayBillPartB(database.db, id, JSON.stringify(input.partB));
    return file;
  }

  /** Records the e-way bill the portal generated (number, date, validity) on the invoice, audited. */
  async function importEwayBill(ctx: RequestContext, id: number, input: ImportEwayBillInput): Promise<Invoice> {
    const invoice = await invoices.get(id);
    movementOf(invoice); // issued sales invoices only, as for generation
    const values = { ewb_number: input.number, ewb_date: input.date, ewb_valid_until: input.validUntil };
    const changed = await database.transaction(async (tx) => {
      const row = await lockEwayBillColumns(tx, database.dialect, id);
      if (!row) throw new AppError('NOT_FOUND', `Invoice ${id} not found`);
      if (row.status !== 'issued') throw new AppError('INVALID_STATE', 'Only an issued invoice takes an e-way bill');
      const changes = Object.fromEntries(
        (Object.keys(values) as (keyof typeof values)[])
          .filter((k) => row[k] !== values[k])
          .map((k) => [k, { before: row[k], after: values[k] }]),
      );
      if (Object.keys(changes).length === 0) return false;
      await setEwayBill(tx, id, values);
      await audit.record(tx, ctx, { action: 'invoice.ewaybill_imported', entity: 'invoice', entityId: id, changes });
      return true;
    });
    return changed ? invoices.get(id) : invoice;
  }

  return { generate, importEwayBill };
}
