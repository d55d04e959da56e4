import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { financialYearOf } from './fiscal-year';
import {
  assertInvoiceNumber,
  defaultSeriesTemplate,
  invoiceNumberProblem,
  isRecommendedInvoiceNumber,
  isRule46InvoiceNumber,
  maxSeriesSequence,
  normalizeInvoiceNumber,
  renderSeries,
} from './invoice-number';

function problemOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('VALIDATION_FAILED');
    return (error as AppError).details;
  }
  throw new Error('expected VALIDATION_FAILED');
}

describe('invoice number checks', () => {
  it('tells Rule 46 apart from the form BizDash issues', () => {
    expect(isRule46InvoiceNumber('inv/001')).toBe(true);
    expect(isRecommendedInvoiceNumber('inv/001')).toBe(false);
    expect(isRecommendedInvoiceNumber(normalizeInvoiceNumber(' inv/001 '))).toBe(true);
    expect(isRule46InvoiceNumber('')).toBe(false);
    expect(isRecommendedInvoiceNumber('9')).toBe(true);
  });

  it('names the first problem', () => {
    expect(invoiceNumberProblem('')).toBe('EMPTY');
    expect(invoiceNumberProblem('INV/2025-26/00001')).toBe('TOO_LONG');
    expect(invoiceNumberProblem('INV_1')).toBe('BAD_CHARACTER');
    expect(invoiceNumberProblem('INV 1')).toBe('BAD_CHARACTER');
    expect(invoiceNumberProblem('INV\n1')).toBe('BAD_CHARACTER');
    expect(invoiceNumberProblem('Inv1')).toBe('LOWER_CASE');
    expect(invoiceNumberProblem('0INV1')).toBe('BAD_FIRST_CHARACTER');
    expect(invoiceNumberProblem('/INV1')).toBe('BAD_FIRST_CHARACTER');
    expect(invoiceNumberProblem('INV/2025-26/0001')).toBeNull();
  });

  it('throws with the problem in the details', () => {
    expect(problemOf(() => assertInvoiceNumber('-1', 'docNo'))).toMatchObject({
      field: 'docNo',
      problem: 'BAD_FIRST_CHARACTER',
    });
    expect(() => assertInvoiceNumber('CN/25-26/1')).not.toThrow();
  });
});

describe('renderSeries', () => {
  it('renders the FY forms and the padded sequence', () => {
    expect(renderSeries('INV/{FY}/{SEQ:4}', { fy: '2025-26', seq: 1 })).toBe('INV/2025-26/0001');
    expect(renderSeries('INV/{FY}/{SEQ:4}', { fy: financialYearOf('2025-10-06'), seq: 9999 })).toBe('INV/2025-26/9999');
    expect(renderSeries('CN/{FY:SHORT}/{SEQ}', { fy: '2025-26', seq: 42 })).toBe('CN/25-26/42');
    expect(renderSeries('{seq}', { fy: '2025-26', seq: 7 })).toBe('7');
  });

  it('refuses a number over 16 characters instead of issuing it', () => {
    expect(problemOf(() => renderSeries('INV/{FY}/{SEQ:4}', { fy: '2025-26', seq: 10000 }))).toMatchObject({
      field: 'template',
      problem: 'TOO_LONG',
      number: 'INV/2025-26/10000',
    });
  });

  it('refuses numbers the IRP would reject', () => {
    expect(problemOf(() => renderSeries('{SEQ:3}', { fy: '2025-26', seq: 1 }))).toMatchObject({
      problem: 'BAD_FIRST_CHARACTER',
    });
    expect(problemOf(() => renderSeries('inv/{SEQ}', { fy: '2025-26', seq: 1 }))).toMatchObject({
      problem: 'LOWER_CASE',
    });
    expect(problemOf(() => renderSeries('INV_{SEQ}', { fy: '2025-26', seq: 1 }))).toMatchObject({
      problem: 'BAD_CHARACTER',
    });
  });

  it('refuses broken templates and inputs', () => {
    const fy = '2025-26';
    expect(problemOf(() => renderSeries('INV/{FY}', { fy, seq: 1 }))).toMatchObject({ field: 'template' });
    expect(problemOf(() => renderSeries('{SEQ}/{SEQ}', { fy, seq: 1 }))).toMatchObject({ field: 'template' });
    expect(problemOf(() => renderSeries('INV/{YEAR}/{SEQ}', { fy, seq: 1 }))).toMatchObject({ field: 'template' });
    expect(problemOf(() => renderSeries('INV/{SEQ:0}', { fy, seq: 1 }))).toMatchObject({ field: 'template' });
    expect(problemOf(() => renderSeries('INV/{SEQ', { fy, seq: 1 }))).toMatchObject({ field: 'template' });
    expect(problemOf(() => renderSeries('INV}/{SEQ}', { fy, seq: 1 }))).toMatchObject({ field: 'template' });
    for (const seq of [0, -1, 1.5, Number.NaN]) {
      expect(problemOf(() => renderSeries('INV/{SEQ}', { fy, seq }))).toMatchObject({ field: 'seq' });
    }
    expect(problemOf(() => renderSeries('INV/{SEQ}', { fy: '2025-27', seq: 1 }))).toMatchObject({ field: 'fy' });
  });
});

describe('maxSeriesSequence', () => {
  it('says how far a series can run within 16 characters', () => {
    expect(maxSeriesSequence('INV/{FY}/{SEQ:4}', '2025-26')).toBe(9999);
    expect(maxSeriesSequence('INV/{FY:SHORT}/{SEQ:4}', '2025-26')).toBe(999_999);
    expect(maxSeriesSequence('INV/{FY}/{SEQ:5}', '2025-26')).toBe(0);
    expect(maxSeriesSequence('{SEQ}', '2025-26')).toBe(Number.MAX_SAFE_INTEGER);
    const last = maxSeriesSequence('INV/{FY:SHORT}/{SEQ:4}', '2025-26');
    expect(renderSeries('INV/{FY:SHORT}/{SEQ:4}', { fy: '2025-26', seq: last })).toHaveLength(16);
  });
});

describe('defaultSeriesTemplate', () => {
  it('numbers a further registration apart from the primary, within 16 characters', () => {
    const fy = '2026-27';
    expect(renderSeries(defaultSeriesTemplate('invoice', null), { fy, seq: 1 })).toBe('INV/2026-27/0001');
    expect(renderSeries(defaultSeriesTemplate('invoice', '07'), { fy, seq: 1 })).toBe('INV07/26-27/0001');
    expect(renderSeries(defaultSeriesTemplate('credit_note', '29'), { fy, seq: 12 })).toBe('CN29/26-27/0012');
    for (const type of ['invoice', 'bill_of_supply', 'credit_note', 'debit_note']) {
      for (const state of [null, '97']) {
        expect(maxSeriesSequence(defaultSeriesTemplate(type, state), fy)).toBeGreaterThanOrEqual(9999);
      }
    }
  });
});
