import type { ListPaymentsQuery, Payment, PaymentPage } from '@bizdash/contracts/payments';
import { makePaymentAllocation } from './allocate-payment';
import { makeChangePayment } from './change-payment';
import { listPayments } from './list-payments';
import { makeMoneyReports } from './money-reports';
import { loadPayment, type PaymentsServiceDeps } from './payment-core';
import { makeRecordPayment } from './record-payment';

export type { PaymentsServiceDeps } from './payment-core';

export type PaymentsService = ReturnType<typeof makePaymentsService>;

/**
 * Payments received and made, allocated to the documents they settle, and the money reports (ageing, party ledger).
 * Each use case lives in its own file; this assembles them.
 */
export function makePaymentsService(deps: PaymentsServiceDeps) {
  const { database, clock, calendar } = deps;
  const reports = makeMoneyReports({ database, clock, calendar });
  const allocation = makePaymentAllocation(deps);
  const { create, createIn } = makeRecordPayment(deps, allocation);
  const { update, updateIn, remove, removeIn } = makeChangePayment(deps);

  function get(id: number): Promise<Payment> {
    return loadPayment(database.db, id);
  }

  function list(query: ListPaymentsQuery): Promise<PaymentPage> {
    return listPayments(database, query);
  }

  return {
    get,
    list,
    create,
    createIn,
    update,
    updateIn,
    allocate: allocation.allocate,
    allocateIn: allocation.allocateIn,
    deallocate: allocation.deallocate,
    deallocateAllIn: allocation.deallocateAllIn,
    remove,
    removeIn,
    ageing: reports.ageing,
    ledger: reports.ledger,
  };
}
