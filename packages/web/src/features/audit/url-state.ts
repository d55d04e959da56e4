import {
  defineList,
  isoDate,
  oneOf,
  positiveInt,
  setting,
  text,
  useListUrlState,
} from '../../components/list-page/use-list-url-state';

/** The audit log's URL: its filters, and newest or oldest first (a view setting, not a filter). */
export const AUDIT_LIST = defineList({
  params: {
    q: text(),
    entity: text(),
    entityId: text(),
    actorId: positiveInt(),
    action: text(),
    from: isoDate(),
    to: isoDate(),
    order: setting(oneOf(['asc', 'desc'], 'desc')),
  },
  // Narrowing an investigation replaces the history entry, so Back leaves the log instead of undoing each filter.
  replaceHistory: true,
});

export type AuditFilterKey = keyof (typeof AUDIT_LIST)['params'];

/** The audit log's filters, kept in the URL so an investigation can be bookmarked or shared. */
export function useAuditFilters() {
  const list = useListUrlState(AUDIT_LIST);
  return { ...list, filters: list.state };
}
