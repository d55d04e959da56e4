import { ORDER_SORTS, STAGE_CODES } from '@bizdash/contracts/orders';
import type { QueryValue } from '../../lib/api';
import {
  defineList,
  flag,
  isoDate,
  oneOf,
  positiveInt,
  setting,
  text,
  useListUrlState,
  type ParamDef,
} from '../../components/list-page/use-list-url-state';

export type OrderSort = (typeof ORDER_SORTS)[number];

/** A user id or "me" (the signed-in user, so a bookmarked "my orders" works for everyone). */
function assignee(): ParamDef<string> {
  const id = positiveInt();
  return { parse: (raw) => (raw === 'me' || id.parse(raw) ? raw : undefined), isFilter: true, isApi: true };
}

/** The orders list and board: view, filters, sort and page, all kept in the URL so a link reproduces the view. */
export const ORDER_LIST = defineList({
  params: {
    view: setting(oneOf(['list', 'board'], 'list'), { isApi: false }),
    q: text(),
    stage: oneOf(STAGE_CODES),
    clientId: positiveInt(),
    partnerId: positiveInt(),
    orderTypeId: positiveInt(),
    companyId: positiveInt(),
    assigneeId: assignee(),
    // Which date "from" and "to" apply to; not a filter by itself.
    dateField: setting(oneOf(['created', 'due'], 'created')),
    from: isoDate(),
    to: isoDate(),
    overdue: flag(),
    documents: oneOf(['complete', 'incomplete']),
  },
  // Newest, highest-numbered and most urgent first; the nearest due date first.
  sort: {
    keys: ORDER_SORTS,
    default: 'createdAt',
    order: 'desc',
    firstOrder: { dueDate: 'asc' },
  },
  pageSizes: [20, 50, 100],
});

export const useOrderListState = () => useListUrlState(ORDER_LIST);

export type OrderListState = ReturnType<typeof useOrderListState>['state'];

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
