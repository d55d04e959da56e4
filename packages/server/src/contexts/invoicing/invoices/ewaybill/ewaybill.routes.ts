import { IdParams } from '@bizdash/contracts/common';
import { EwayBillFile, GenerateEwayBillInput, ImportEwayBillInput } from '@bizdash/contracts/ewaybill';
import { Invoice } from '@bizdash/contracts/invoices';
import type { Api } from '../../../../platform/http/route-config';
import type { AuditService } from '../../../../platform/audit/audit.service';
import type { Database } from '../../../../platform/db/database';
import type { SettingsService } from '../../../parties/index';
import type { InvoicesService } from '../invoices.service';
import { makeEwayBillService } from './ewaybill.service';

export interface EwayBillRoutesDeps {
  database: Database;
  audit: AuditService;
  invoices: InvoicesService;
  settings: SettingsService;
}

/** The e-way bill of an invoice: the portal's bulk-generation JSON, and the import of the number it generated. */
export function registerEwayBillRoutes(app: Api, services: EwayBillRoutesDeps) {
  // Built here from the wired services, like the invoice documents, so the composition root gains no field.
  const ewayBills = makeEwayBillService({
    database: services.database,
    audit: services.audit,
    invoices: services.invoices,
    settings: services.settings,
  });

  app.post(
    '/api/v1/invoices/:id/ewaybill',
    {
      config: { access: 'invoices.issue' },
      schema: {
        tags: ['invoices'],
        summary:
          "E-way bill JSON for the portal's bulk generation (Part A from the invoice, Part B as given). 409 for " +
          "services-only invoices, and below the business's threshold unless `force`",
        params: IdParams,
        body: GenerateEwayBillInput,
        response: { 200: EwayBillFile },
      },
    },
    async (request) => ewayBills.generate(request.params.id, request.body),
  );

  app.post(
    '/api/v1/invoices/:id/ewaybill/import',
    {
      config: { access: 'invoices.issue' },
      schema: {
        tags: ['invoices'],
        summary: 'Record the e-way bill the portal generated: number (12 digits), date and validity',
        params: IdParams,
        body: ImportEwayBillInput,
        response: { 200: Invoice },
      },
    },
    async (request) => ewayBills.importEwayBill(request.ctx, request.params.id, request.body),
  );
}
