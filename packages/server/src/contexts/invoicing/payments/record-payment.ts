import type { CreatePaymentInput, Payment } from '@bizdash/contracts/payments';
import { AppError } from '@bizdash/domain/errors';
import { financialYearOf } from '@bizdash/domain/fiscal-year';
import { parseAmount, toMoneyString } from '@bizdash/domain/money';
import type { Transaction } from 'kysely';
import type { DB } from '../../../db-schema';
import { diffRecords } from '../../../platform/audit/audit.service';
import { emitEvent } from '../../../platform/jobs/events.repo';
import type { RequestContext } from '../../../platform/request-context';
import { assertPeriodOpen } from '../invoices/invoice-balance';
import type { PaymentAllocation } from './allocate-payment';
import { auditView, loadPayment, type PaymentsServiceDeps } from './payment-core';
import * as repo from './payments.repo';

/** Recording a payment, with its first allocations. */
export function makeRecordPayment(
  { database, audit, clock }: PaymentsServiceDeps,
  { applyAllocations }: Pick<PaymentAllocation, 'applyAllocations'>,
) {
  async function create(ctx: RequestContext, input: CreatePaymentInput): Promise<Payment> {
    const id = await database.transaction((tx) => createIn(tx, ctx, input));
    return loadPayment(database.db, id);
  }

  /** Records a payment inside the caller's transaction (an order receipt applied to an invoice); returns its id. */
  async function createIn(tx: Transaction<DB>, ctx: RequestContext, input: CreatePaymentInput): Promise<number> {
    financialYearOf(input.date, 'date');
    const amount = parseAmount(input.amount, 'amount');
    const tds = parseAmount(input.tdsAmount, 'tdsAmount');
    await assertPeriodOpen(tx, input.date);
    const party = await repo.partyOf(tx, input.partyId);
    if (!party)
      throw new AppError('VALIDATION_FAILED', `partyId: party ${input.partyId} does not exist`, { field: 'partyId' });
    const now = clock.now().toISOString();
    const row = await repo.insertPayment(tx, {
      direction: input.direction,
      party_id: input.partyId,
      date: input.date,
      amount_paise: amount,
      tds_paise: tds,
      mode: input.mode,
      reference: input.reference?.trim() || null,
      notes: input.notes ?? null,
      allocated_paise: 0,
      created_by: ctx.actor.type === 'user' ? ctx.actor.id : null,
      created_at: now,
      updated_at: now,
    });
    const applied = await applyAllocations(tx, row, input.allocations, now);
    await audit.record(tx, ctx, {
      action: 'payment.created',
      entity: 'payment',
      entityId: row.id,
      changes: diffRecords(null, { ...auditView(row), allocations: applied }),
    });
    await emitEvent(
      tx,
      {
        type: 'payment.recorded',
        entity: 'payment',
        entityId: row.id,
        payload: {
          direction: row.direction,
          partyId: row.party_id,
          date: row.date,
          amount: toMoneyString(row.amount_paise),
        },
      },
      now,
    );
    return row.id;
  }

  return { create, createIn };
}
