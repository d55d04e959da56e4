import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { ORDER_SORTS, STAGE_CODES, type StageCode } from '@bizdash/contracts/orders';
import type { QueryValue } from '../../lib/api';

export type OrderSort = (typeof ORDER_SORTS)[number];
export const PAGE_SIZES = [20, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 20;

export interface OrderListState {
  view: 'list' | 'board';
  q?: string;
  stage?: StageCode;
  clientId?: number;
  partnerId?: number;
  orderTypeId?: number;
  companyId?: number;
  /** A user id or "me". */
  assigneeId?: string;
  dateField: 'created' | 'due';
  from?: string;
  to?: string;
  overdue?: 'true';
  documents?: 'complete' | 'incomplete';
  sort: OrderSort;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

type Key = Exclude<keyof OrderListState, never>;

/** The filters that narrow the list (the view, sort and page are not filters). */
export const FILTER_KEYS = [
  'q',
  'stage',
  'clientId',
  'partnerId',
  'orderTypeId',
  'companyId',
  'assigneeId',
  'from',
  'to',
  'overdue',
  'documents',
] as const satisfies readonly Key[];

function pick<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined; // checked
}

function positiveInt(value: string | null): number | undefined {
  const n = value === null ? Number.NaN : Number(value);
  return Number.isInteger(n) && n >= 1 ? n : undefined;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** The orders list and board: view, filters, sort and page, all kept in the URL so a link reproduces the view. */
export function useOrderListParams() {
  const [searchParams, setSearchParams] = useSearchParams();

  const state = useMemo<OrderListState>(() => {
    const get = (k: string) => searchParams.get(k);
    const q = get('q')?.trim();
    const assignee = get('assigneeId');
    const from = get('from');
    const to = get('to');
    return {
      view: get('view') === 'board' ? 'board' : 'list',
      ...(q ? { q } : {}),
      ...optional('stage', pick(get('stage'), STAGE_CODES)),
      ...optional('clientId', positiveInt(get('clientId'))),
      ...optional('partnerId', positiveInt(get('partnerId'))),
      ...optional('orderTypeId', positiveInt(get('orderTypeId'))),
      ...optional('companyId', positiveInt(get('companyId'))),
      ...optional('assigneeId', assignee === 'me' || positiveInt(assignee) ? (assignee ?? undefined) : undefined),
      dateField: get('dateField') === 'due' ? 'due' : 'created',
      ...optional('from', from && ISO.test(from) ? from : undefined),
      ...optional('to', to && ISO.test(to) ? to : undefined),
      ...optional('overdue', get('overdue') === 'true' ? ('true' as const) : undefined),
      ...optional('documents', pick(get('documents'), ['complete', 'incomplete'] as const)),
      sort: pick(get('sort'), ORDER_SORTS) ?? 'createdAt',
      order: get('order') === 'asc' ? 'asc' : 'desc',
      page: positiveInt(get('page')) ?? 1,
      pageSize: Math.min(positiveInt(get('pageSize')) ?? DEFAULT_PAGE_SIZE, 200),
    };
  }, [searchParams]);

  /** Merge changes into the URL; anything but a page change goes back to page 1. */
  const update = useCallback(
    (changes: Partial<Record<Key, string | number | null>>, options: { replace?: boolean } = {}) => {
      setSearchParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(changes)) {
            if (value === null || value === '' || value === undefined) next.delete(key);
            else next.set(key, String(value));
          }
          if (!('page' in changes)) next.delete('page');
          if (next.get('view') === 'list') next.delete('view');
          if (next.get('dateField') === 'created') next.delete('dateField');
          if (next.get('sort') === 'createdAt' && next.get('order') !== 'asc') {
            next.delete('sort');
            next.delete('order');
          }
          if (next.get('order') === 'desc') next.delete('order');
          if (next.get('page') === '1') next.delete('page');
          if (next.get('pageSize') === String(DEFAULT_PAGE_SIZE)) next.delete('pageSize');
          return next;
        },
        { replace: options.replace ?? false },
      );
    },
    [setSearchParams],
  );

  const activeFilterCount = FILTER_KEYS.filter((k) => state[k] !== undefined).length;

  return { state, update, activeFilterCount };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>); // one key, typed by K
}

/** Filters shared by the list and the board, as API query parameters. */
export function filterQuery(state: OrderListState): Record<string, QueryValue> {
  const hasDates = Boolean(state.from || state.to);
  return {
    q: state.q,
    clientId: state.clientId,
    partnerId: state.partnerId,
    orderTypeId: state.orderTypeId,
    companyId: state.companyId,
    assigneeId: state.assigneeId,
    dateField: hasDates ? state.dateField : undefined,
    from: state.from,
    to: state.to,
    overdue: state.overdue,
    documents: state.documents,
  };
}

/** The list's API query: the filters plus stage, sort and page. */
export function listQuery(state: OrderListState): Record<string, QueryValue> {
  return {
    ...filterQuery(state),
    stage: state.stage,
    sort: state.sort,
    order: state.order,
    page: state.page,
    pageSize: state.pageSize,
  };
}
