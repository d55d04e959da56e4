import type {
  NumberSeries,
  NumberSeriesList,
  NumberSeriesQuery,
  SeriesDocumentType,
  SetNumberSeriesInput,
} from '@bizdash/contracts/settings';
import { AppError, isAppError } from '@bizdash/domain/errors';
import { parseFinancialYear } from '@bizdash/domain/fiscal-year';
import { maxSeriesSequence, renderSeries } from '@bizdash/domain/invoice-number';
import { diffRecords } from '../../../platform/audit/audit.service';
import type { Executor } from '../../../platform/db/database';
import type { RequestContext } from '../../../platform/request-context';
import type { NumberSeriesRow } from '../masters/masters.tables';
import { insertSeries, updateSeries } from './number-series.repo';
import { invalid, type SettingsCore } from './settings-core';

/** Document number series, one per GST registration, document type and financial year (Rule 46(b)). */
export function makeNumberSeries({ database, audit, clock, calendar, repo, business }: SettingsCore) {
  async function currentFinancialYear(): Promise<string> {
    await business(); // SETUP_REQUIRED until the business exists
    return (await calendar.currentFinancialYear()).label;
  }

  function toSeries(row: NumberSeriesRow, primaryGstin: string | null): NumberSeries {
    const maxSequence = maxSeriesSequence(row.template, row.financial_year);
    return {
      id: row.id,
      gstin: row.gstin === '' ? null : row.gstin,
      isPrimary: row.gstin === (primaryGstin ?? ''),
      documentType: row.document_type as SeriesDocumentType, // cast: written only from the SeriesDocumentType enum
      financialYear: row.financial_year,
      template: row.template,
      nextSequence: Number(row.next_sequence),
      preview: renderSeries(row.template, { fy: row.financial_year, seq: Number(row.next_sequence) }),
      maxSequence,
      updatedAt: row.updated_at,
    };
  }

  /** The registration a series request names ('' for a business without GSTIN): the primary, or a live further one. */
  async function seriesGstin(executor: Executor, requested: string | undefined): Promise<string> {
    const primary = (await business(executor)).gstin ?? '';
    if (requested === undefined || requested === '' || requested === primary) return primary;
    const registration = await repo.findRegistrationByGstin(executor, requested);
    if (!registration || registration.archived_at !== null) {
      invalid('gstin', `${requested} is not one of the business's GST registrations`);
    }
    return requested;
  }

  /**
   * Refuses (SERIES_INVALID naming the field) a template that cannot number documents within 16 characters: a bad
   * token, characters outside Rule 46, or too little room left for the sequence.
   */
  function assertSeries(template: string, financialYear: string, nextSequence: number) {
    try {
      const max = maxSeriesSequence(template, financialYear);
      if (max < nextSequence) {
        throw new AppError(
          'SERIES_INVALID',
          max === 0
            ? `"${template}" leaves no room for the sequence within 16 characters; shorten the text or use {FY:SHORT}`
            : `"${template}" can number only up to ${max} within 16 characters`,
          { field: 'template', maxSequence: max },
        );
      }
      // The longest number of the series must still be a valid invoice number.
      renderSeries(template, { fy: financialYear, seq: max });
    } catch (error) {
      if (isAppError(error) && error.code === 'VALIDATION_FAILED') {
        throw new AppError('SERIES_INVALID', error.message, { ...error.details, field: 'template' });
      }
      throw error;
    }
  }

  async function listSeries(query: NumberSeriesQuery): Promise<NumberSeriesList> {
    const primary = (await business()).gstin;
    const rows = await repo.listSeries(database.db, {
      financialYear: query.financialYear,
      ...(query.gstin !== undefined ? { gstin: query.gstin } : {}),
    });
    // The primary registration's series first, then the others by GSTIN, each by year (newest first) and type.
    const order = (r: NumberSeriesRow) => (r.gstin === (primary ?? '') ? 0 : 1);
    return { items: rows.sort((a, b) => order(a) - order(b)).map((r) => toSeries(r, primary)) };
  }

  async function setSeries(ctx: RequestContext, input: SetNumberSeriesInput): Promise<NumberSeries> {
    const financialYear = input.financialYear ?? (await currentFinancialYear());
    parseFinancialYear(financialYear, 'financialYear');
    const template = input.template.toUpperCase();
    return database.transaction(async (tx) => {
      const gstin = await seriesGstin(tx, input.gstin);
      const before = await repo.findSeries(tx, gstin, input.documentType, financialYear);
      const beforeNext = before ? Number(before.next_sequence) : 1;
      const nextSequence = input.nextSequence ?? beforeNext;
      // Going back would hand out numbers that may already be on documents.
      if (before && nextSequence < beforeNext) {
        throw new AppError('SERIES_INVALID', `The next number cannot go back below ${beforeNext}`, {
          field: 'nextSequence',
        });
      }
      assertSeries(template, financialYear, nextSequence);
      // Two series of a year with one template would give two documents the same number.
      const twin = await repo.findSeriesWithTemplate(tx, financialYear, template, before?.id ?? -1);
      if (twin) {
        throw new AppError(
          'SERIES_INVALID',
          `"${template}" already numbers the ${twin.document_type.replace(/_/g, ' ')} series` +
            `${twin.gstin ? ` of ${twin.gstin}` : ''} in ${financialYear}; give each series its own prefix`,
          { field: 'template' },
        );
      }
      const now = clock.now().toISOString();
      const row = before
        ? await updateSeries(tx, before.id, { template, next_sequence: nextSequence, updated_at: now })
        : await insertSeries(tx, {
            gstin,
            document_type: input.documentType,
            financial_year: financialYear,
            template,
            next_sequence: nextSequence,
            created_at: now,
            updated_at: now,
          });
      const view = (r: NumberSeriesRow | undefined) =>
        r
          ? {
              gstin: r.gstin || null,
              documentType: r.document_type,
              financialYear: r.financial_year,
              template: r.template,
              nextSequence: Number(r.next_sequence),
            }
          : null;
      const changes = diffRecords(view(before), view(row));
      if (Object.keys(changes).length > 0) {
        await audit.record(tx, ctx, {
          action: before ? 'number_series.updated' : 'number_series.created',
          entity: 'number_series',
          entityId: row.id,
          changes,
        });
      }
      return toSeries(row, (await business(tx)).gstin);
    });
  }

  return { listSeries, setSeries };
}
