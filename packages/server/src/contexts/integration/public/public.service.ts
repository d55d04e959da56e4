import { makeInvoiceViewLinks } from './invoice-view-links';
import { makePublicLeads } from './public-leads';
import { makePublicLinks, type PublicServiceDeps } from './public-links';
import { makeUploadLinks } from './upload-links';

export type { PublicServiceDeps } from './public-links';

export type PublicService = ReturnType<typeof makePublicService>;

/**
 * The public surface: the contact form and its leads, upload links and invoice view links (one file each, sharing
 * public-links.ts), composed here into the one service the routes and the composition root take.
 */
export function makePublicService(deps: PublicServiceDeps) {
  const { submitContact, listLeads } = makePublicLeads(deps);
  const links = makePublicLinks(deps);
  const { createUploadLink, listUploadLinks, revokeUploadLink, uploadLinkView, uploadThroughLink } = makeUploadLinks(
    deps,
    links,
  );
  const { createInvoiceViewLink, listInvoiceViewLinks, revokeInvoiceViewLink, invoiceViewSummary, invoiceViewPdf } =
    makeInvoiceViewLinks(deps, links);

  return {
    submitContact,
    listLeads,
    createUploadLink,
    listUploadLinks,
    revokeUploadLink,
    uploadLinkView,
    uploadThroughLink,
    createInvoiceViewLink,
    listInvoiceViewLinks,
    revokeInvoiceViewLink,
    invoiceViewSummary,
    invoiceViewPdf,
  };
}
