import { AppError, isAppError } from '@bizdash/domain/errors';
import { defaultSeriesTemplate, renderSeries } from '@bizdash/domain/invoice-number';
import { can } from '@bizdash/domain/permissions';
import type { Transaction } from 'kysely';
import type { DB } from '../../../db-schema';
import type { RequestContext } from '../../../platform/request-context';
import { displayDate } from './invoice-rules';
import type { InvoicesServiceDeps } from './invoices-deps';
import { findLaterInSeries, insertSeriesIfMissing, lockSeries, setNextSequence } from './number-series.repo';

/**
 * Takes the next number of a series inside the issuing transaction. A series belongs to one GST registration
 * (Rule 46(b): consecutive per GSTIN and financial year), so each GSTIN's run has no holes left by another's.
 * The series row is locked (FOR UPDATE on PostgreSQL; SQLite's BEGIN IMMEDIATE holds the only write lock), so
 * concurrent issues queue on it and a rolled back issue gives its number back: numbers are never reused and never
 * skipped. Under that lock it also checks that numbers follow dates: a document dated before the latest of its
 * series is refused (BACKDATED_ISSUE, naming that document) unless back-dating is explicitly allowed.
 */
export async function takeNumber(
  { database, audit, clock }: Pick<InvoicesServiceDeps, 'database' | 'audit' | 'clock'>,
  tx: Transaction<DB>,
  ctx: RequestContext,
  doc: { series: string; fy: string; gstin: string; furtherStateCode: string | null; date: string },
  allowBackdated: boolean,
) {
  const { series, fy, gstin } = doc;
  const now = clock.now().toISOString();
  const created = await insertSeriesIfMissing(tx, {
    gstin,
    document_type: series,
    financial_year: fy,
    template: defaultSeriesTemplate(series, doc.furtherStateCode),
    next_sequence: 1,
    created_at: now,
    updated_at: now,
  });
  const row = await lockSeries(tx, database.dialect, { gstin, series, fy });
  if (created) {
    await audit.record(tx, ctx, {
      action: 'number_series.created',
      entity: 'number_series',
      entityId: row.id,
      changes: {
        gstin: { before: null, after: gstin || null },
        documentType: { before: null, after: series },
        financialYear: { before: null, after: fy },
        template: { before: null, after: row.template },
      },
    });
  }
  const latest = await findLaterInSeries(tx, { series, fy, gstin, date: doc.date });
  if (latest) {
    const details = { id: latest.id, number: latest.number, date: latest.date, field: 'date' };
    if (!allowBackdated) {
      throw new AppError(
        'BACKDATED_ISSUE',
        `${latest.number ?? latest.id} of this series is dated ${displayDate(latest.date)}, after this document's ` +
          `${displayDate(doc.date)}: numbers follow dates. Date it ${displayDate(latest.date)} or later, or issue ` +
          'it as back-dated.',
        details,
      );
    }
    if (ctx.actor.role === null || !can(ctx.actor.role, 'invoices.backdate')) {
      throw new AppError(
        'FORBIDDEN',
        'Only an owner, admin or accountant can issue a document dated before the latest of its series',
        details,
      );
    }
  }
  const sequence = Number(row.next_sequence);
  let number: string;
  try {
    number = renderSeries(row.template, { fy, seq: sequence });
  } catch (error) {
    if (isAppError(error) && error.code === 'VALIDATION_FAILED') {
      throw new AppError(
        'SERIES_INVALID',
        `The ${series} series for ${fy}${gstin ? ` of ${gstin}` : ''} cannot number more documents: ${error.message}`,
        {
          field: 'template',
          series,
          financialYear: fy,
          gstin,
        },
      );
    }
    throw error;
  }
  await setNextSequence(tx, row.id, sequence + 1, now);
  return { number, sequence, backdatedBehind: latest ? { number: latest.number, date: latest.date } : null };
}
