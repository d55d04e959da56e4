import { ROLES } from '@bizdash/domain/permissions';
import { defineList, oneOf, text, useListUrlState } from '../../components/list-page/use-list-url-state';

export const SORT_FIELDS = ['name', 'email', 'role', 'createdAt', 'lastLoginAt'] as const;
export type SortField = (typeof SORT_FIELDS)[number];
export const STATUSES = ['all', 'active', 'disabled'] as const;

/** The users list's URL: search, role and status filters, sort and page. */
export const USER_LIST = defineList({
  params: { q: text(), role: oneOf(ROLES), status: oneOf(STATUSES, 'all') },
  // Newest first is the useful first click on a date column; A→Z on a text column.
  sort: { keys: SORT_FIELDS, default: 'name', order: 'asc', firstOrder: { createdAt: 'desc', lastLoginAt: 'desc' } },
  pageSizes: [20, 50, 100],
});

export const useUserListState = () => useListUrlState(USER_LIST);
