import { makeSalesDocumentConversions } from './convert-sales-document';
import { makePublicQuotationLinks } from './public-quotation-links';
import { makeRecordAdvance } from './record-advance';
import { makeSaveSalesDocument } from './save-sales-document';
import { makeSalesDocumentStatus } from './sales-document-status';
import type { SalesDocumentsServiceDeps } from './sales-documents-core';
import { makeSalesDocumentReads } from './sales-documents-read';

export { effectiveStatus, type SalesDocumentsServiceDeps } from './sales-documents-core';

export type SalesDocumentsService = ReturnType<typeof makeSalesDocumentsService>;

/**
 * Quotations, proformas and delivery challans: one file per use case (reading, saving, status, public view links,
 * conversions, proforma advances), composed here into the one service the routes and the composition root take.
 */
export function makeSalesDocumentsService(deps: SalesDocumentsServiceDeps) {
  const { get, list } = makeSalesDocumentReads(deps);
  const { create, update } = makeSaveSalesDocument(deps, get);
  const { changeStatus, setStatus } = makeSalesDocumentStatus(deps, get);
  const { createLink, publicView, publicRespond } = makePublicQuotationLinks(deps, { get, changeStatus });
  const { convertToInvoice, convertToOrder } = makeSalesDocumentConversions(deps);
  const { recordAdvance } = makeRecordAdvance(deps, get);

  return {
    get,
    list,
    create,
    update,
    setStatus,
    createLink,
    publicView,
    publicRespond,
    convertToInvoice,
    convertToOrder,
    recordAdvance,
  };
}
