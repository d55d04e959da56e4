import { makeCancelInvoice } from './cancel-invoice';
import { makeInvoiceDrafts } from './invoice-drafts';
import type { InvoicesServiceDeps } from './invoices-deps';
import { makeIssueInvoice } from './issue-invoice';
import { makePeriodLocks } from './period-locks';
import { makeInvoiceReader } from './read-invoices';

export type { InvoicesServiceDeps } from './invoices-deps';

export type InvoicesService = ReturnType<typeof makeInvoicesService>;

/**
 * GST documents (sales invoices, notes, purchases): one file per use case (read-invoices, invoice-drafts,
 * issue-invoice, cancel-invoice, period-locks), their queries in the *.repo.ts files beside them.
 */
export function makeInvoicesService(deps: InvoicesServiceDeps) {
  const { get, list } = makeInvoiceReader(deps);
  const drafts = makeInvoiceDrafts(deps, get);
  const { issue, createIssued } = makeIssueInvoice(deps, drafts, get);
  const { cancel } = makeCancelInvoice(deps, get);
  const { listLocks, lockPeriod, unlockPeriod } = makePeriodLocks(deps);

  return {
    get,
    list,
    preview: drafts.preview,
    create: drafts.create,
    createIssued,
    update: drafts.update,
    issue,
    cancel,
    remove: drafts.remove,
    listLocks,
    lockPeriod,
    unlockPeriod,
  };
}
