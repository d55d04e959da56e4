import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { PARTY_ROLES, type PartyRole } from '@bizdash/contracts/parties';
import type { PartyListParams } from './api';

export const SORT_FIELDS = ['name', 'createdAt', 'updatedAt'] as const;
export type SortField = (typeof SORT_FIELDS)[number];
export const ARCHIVED = ['false', 'true', 'all'] as const;
export const PAGE_SIZES = [20, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 20;

type Key = 'q' | 'role' | 'archived' | 'sort' | 'order' | 'page' | 'pageSize';

function pick<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback; // checked above
}

function positiveInt(value: string | null, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = value === null ? Number.NaN : Number(value);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : fallback;
}

/** The parties list's tab, search, archived filter, sort and page, kept in the URL. */
export function usePartyListParams() {
  const [searchParams, setSearchParams] = useSearchParams();

  const params = useMemo<PartyListParams>(() => {
    const role = searchParams.get('role');
    const q = searchParams.get('q')?.trim();
    return {
      ...(q ? { q } : {}),
      ...(role && (PARTY_ROLES as readonly string[]).includes(role) ? { role: role as PartyRole } : {}), // checked
      archived: pick(searchParams.get('archived'), ARCHIVED, 'false'),
      sort: pick(searchParams.get('sort'), SORT_FIELDS, 'name'),
      order: pick(searchParams.get('order'), ['asc', 'desc'] as const, 'asc'),
      page: positiveInt(searchParams.get('page'), 1),
      pageSize: positiveInt(searchParams.get('pageSize'), DEFAULT_PAGE_SIZE, 200),
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
