import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { isIsoDate } from '../../lib/format';
import type { AuditFilters } from './api';

export const AUDIT_FILTER_KEYS = ['q', 'entity', 'entityId', 'actorId', 'action', 'from', 'to', 'order'] as const;
export type AuditFilterKey = (typeof AUDIT_FILTER_KEYS)[number];

/** The audit log's filters, kept in the URL so an investigation can be bookmarked or shared. */
export function useAuditFilters() {
  const [searchParams, setSearchParams] = useSearchParams();

  const filters = useMemo<AuditFilters>(() => {
    const text = (key: string) => searchParams.get(key)?.trim() || undefined;
    const date = (key: string) => {
      const value = searchParams.get(key);
      return value && isIsoDate(value) ? value : undefined;
    };
    const actor = Number(searchParams.get('actorId'));
    return {
      q: text('q'),
      entity: text('entity'),
      entityId: text('entityId'),
      actorId: Number.isInteger(actor) && actor > 0 ? actor : undefined,
      action: text('action'),
      from: date('from'),
      to: date('to'),
      order: searchParams.get('order') === 'asc' ? 'asc' : 'desc',
    };
  }, [searchParams]);

  const update = useCallback(
    (changes: Partial<Record<AuditFilterKey, string | number | null | undefined>>) => {
      setSearchParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(changes)) {
            if (value === null || value === undefined || value === '') next.delete(key);
            else next.set(key, String(value));
          }
          if (next.get('order') === 'desc') next.delete('order');
          return next;
        },
        { replace: true },
      );
    },
    [setSearchParams],
  );

  const clear = useCallback(() => setSearchParams(new URLSearchParams(), { replace: true }), [setSearchParams]);

  const activeCount = AUDIT_FILTER_KEYS.filter((k) => k !== 'order' && searchParams.get(k)).length;

  return { filters, update, clear, activeCount };
}
