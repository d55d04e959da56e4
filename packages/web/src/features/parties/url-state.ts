import { PARTY_ROLES } from '@bizdash/contracts/parties';
import { defineList, oneOf, setting, text, useListUrlState } from '../../components/list-page/use-list-url-state';

export const SORT_FIELDS = ['name', 'createdAt', 'updatedAt'] as const;
export const ARCHIVED = ['false', 'true', 'all'] as const;

/** The parties list's URL: the role tab, search, archived filter, sort and page. */
export const PARTY_LIST = defineList({
  // The role is a tab (Clients, Suppliers, Partners), not a filter: "Clear filters" keeps it.
  params: { role: setting(oneOf(PARTY_ROLES)), q: text(), archived: oneOf(ARCHIVED, 'false') },
  sort: { keys: SORT_FIELDS, default: 'name', order: 'asc', firstOrder: { createdAt: 'desc', updatedAt: 'desc' } },
  pageSizes: [20, 50, 100],
});

export const usePartyListState = () => useListUrlState(PARTY_LIST);
