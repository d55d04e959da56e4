import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { MasterListParams } from './api';

export const PAGE_SIZES = [20, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 20;
export const ARCHIVED_OPTIONS = ['false', 'true', 'all'] as const;

function pick<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback; // checked above
}

function positiveInt(value: string | null, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = value === null ? Number.NaN : Number(value);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : fallback;
}

export type ListChange = Partial<Record<string, string | number | null>>;

/**
 * A master list's search, archived filter, sort and page (and any `extraKeys` filters), kept in the URL so a view
 * can be bookmarked and shared. Defaults stay out of the URL.
 */
export function useMasterListParams(sortFields: readonly string[], extraKeys: readonly string[] = []) {
  const [searchParams, setSearchParams] = useSearchParams();

  const params = useMemo<MasterListParams>(() => {
    const q = searchParams.get('q')?.trim();
    const extra: Record<string, string> = {};
    for (const key of extraKeys) {
      const value = searchParams.get(key);
      if (value) extra[key] = value;
    }
    return {
      ...(q ? { q } : {}),
      archived: pick(searchParams.get('archived'), ARCHIVED_OPTIONS, 'false'),
      sort: pick(searchParams.get('sort'), sortFields, 'name'),
      order: pick(searchParams.get('order'), ['asc', 'desc'] as const, 'asc'),
      page: positiveInt(searchParams.get('page'), 1),
      pageSize: positiveInt(searchParams.get('pageSize'), DEFAULT_PAGE_SIZE, 200),
      extra,
    };
  }, [searchParams, sortFields, extraKeys]);

  /** Merge changes into the URL; anything but a page change goes back to page 1. */
  const update = useCallback(
    (changes: ListChange, options: { replace?: boolean } = {}) => {
      setSearchParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(changes)) {
            if (value === null || value === '' || value === undefined) next.delete(key);
            else next.set(key, String(value));
          }
          if (!('page' in changes)) next.delete('page');
          if (next.get('archived') === 'false') next.delete('archived');
          if (next.get('sort') === 'name' && next.get('order') !== 'desc') {
            next.delete('sort');
            next.delete('order');
          }
          if (next.get('order') === 'asc') next.delete('order');
          if (next.get('page') === '1') next.delete('page');
          if (next.get('pageSize') === String(DEFAULT_PAGE_SIZE)) next.delete('pageSize');
          return next;
        },
        { replace: options.replace ?? false },
      );
    },
    [setSearchParams],
  );

  return { params, update };
}
