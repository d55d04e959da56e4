import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { InvoiceStatus, InvoiceType, PaymentStatus } from '@bizdash/contracts/invoices';
import { PaymentDirection } from '@bizdash/contracts/payments';
import type { InvoiceListParams, PaymentListParams } from './api';

export const PAGE_SIZES = [20, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 20;
export const INVOICE_SORTS = ['date', 'number', 'total', 'balance', 'dueDate'] as const;

function pick<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined; // checked
}

function positiveInt(value: string | null, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = value === null ? Number.NaN : Number(value);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : fallback;
}

const isoDate = (value: string | null) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);

type Changes = Record<string, string | number | null | undefined>;

/** Merges changes into the URL; anything but a page change goes back to page 1. Defaults are left out. */
function useUrlUpdate(defaults: Record<string, string>) {
  const [, setSearchParams] = useSearchParams();
  return useCallback(
    (changes: Changes, options: { replace?: boolean } = {}) => {
      setSearchParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(changes)) {
            if (value === null || value === undefined || value === '') next.delete(key);
            else next.set(key, String(value));
          }
          if (!('page' in changes)) next.delete('page');
          for (const [key, value] of Object.entries(defaults)) if (next.get(key) === value) next.delete(key);
          return next;
        },
        { replace: options.replace ?? false },
      );
    },
    // The defaults object is a module constant at each call site.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [setSearchParams],
  );
}

const INVOICE_DEFAULTS = { sort: 'date', order: 'desc', page: '1', pageSize: String(DEFAULT_PAGE_SIZE) };

/** The invoices list's filters, sort and page, kept in the URL so a filtered list can be shared. */
export function useInvoiceListParams() {
  const [searchParams] = useSearchParams();
  const params = useMemo<InvoiceListParams>(() => {
    const type = pick(searchParams.get('type'), InvoiceType.options);
    const status = pick(searchParams.get('status'), InvoiceStatus.options);
    const paymentStatus = pick(searchParams.get('paymentStatus'), PaymentStatus.options);
    const partyId = positiveInt(searchParams.get('partyId'), 0);
    const from = isoDate(searchParams.get('from'));
    const to = isoDate(searchParams.get('to'));
    const q = searchParams.get('q')?.trim();
    return {
      ...(type ? { type } : {}),
      ...(status ? { status } : {}),
      ...(paymentStatus ? { paymentStatus } : {}),
      ...(partyId ? { partyId } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(searchParams.get('overdue') === 'true' ? { overdue: 'true' as const } : {}),
      ...(q ? { q } : {}),
      sort: pick(searchParams.get('sort'), INVOICE_SORTS) ?? 'date',
      order: pick(searchParams.get('order'), ['asc', 'desc'] as const) ?? 'desc',
      page: positiveInt(searchParams.get('page'), 1),
      pageSize: positiveInt(searchParams.get('pageSize'), DEFAULT_PAGE_SIZE, 200),
    };
  }, [searchParams]);
  const update = useUrlUpdate(INVOICE_DEFAULTS);
  return { params, update };
}

const PAYMENT_DEFAULTS = { sort: 'date', order: 'desc', page: '1', pageSize: String(DEFAULT_PAGE_SIZE) };

export function usePaymentListParams() {
  const [searchParams] = useSearchParams();
  const params = useMemo<PaymentListParams>(() => {
    const direction = pick(searchParams.get('direction'), PaymentDirection.options);
    const partyId = positiveInt(searchParams.get('partyId'), 0);
    const q = searchParams.get('q')?.trim();
    return {
      ...(direction ? { direction } : {}),
      ...(partyId ? { partyId } : {}),
      ...(searchParams.get('unallocated') === 'true' ? { unallocated: 'true' as const } : {}),
      ...(q ? { q } : {}),
      sort: pick(searchParams.get('sort'), ['date', 'amount'] as const) ?? 'date',
      order: pick(searchParams.get('order'), ['asc', 'desc'] as const) ?? 'desc',
      page: positiveInt(searchParams.get('page'), 1),
      pageSize: positiveInt(searchParams.get('pageSize'), DEFAULT_PAGE_SIZE, 200),
    };
  }, [searchParams]);
  const update = useUrlUpdate(PAYMENT_DEFAULTS);
  return { params, update };
}

/** First and last day of a month "2026-11". */
export function monthRange(period: string): { from: string; to: string } {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${period}-01`, to: `${period}-${String(last).padStart(2, '0')}` };
}
