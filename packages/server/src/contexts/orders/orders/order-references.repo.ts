import { STAFF_ROLES } from '@bizdash/domain/permissions';
import type { AssigneeQuery } from '@bizdash/contracts/orders';
import type { Dialect, Executor } from '../../../platform/db/database';
import { containsText } from '../../../platform/db/dialect-sql';

/** The queries of what an order points to: parties, order types, companies, document types and staff users. */

export function findParty(executor: Executor, id: number) {
  return executor
    .selectFrom('parties')
    .select(['id', 'name', 'is_client', 'is_partner', 'archived_at', 'revenue_share_bp'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findOrderType(executor: Executor, id: number) {
  return executor.selectFrom('order_types').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findCompany(executor: Executor, id: number) {
  return executor.selectFrom('companies').select(['id', 'name', 'archived_at']).where('id', '=', id).executeTakeFirst();
}

/** The document types an order type requires, in the type's order. */
export function requiredDocumentsOfType(executor: Executor, orderTypeId: number) {
  return executor
    .selectFrom('order_type_documents')
    .innerJoin('document_types', 'document_types.id', 'order_type_documents.document_type_id')
    .select(['document_types.id', 'document_types.name'])
    .where('order_type_documents.order_type_id', '=', orderTypeId)
    .orderBy('order_type_documents.position')
    .execute();
}

/** Active staff users by name, optionally those whose name contains the text. */
export function activeStaffUsers(executor: Executor, dialect: Dialect, query: AssigneeQuery) {
  let q = executor
    .selectFrom('users')
    .select(['id', 'name', 'role'])
    .where('is_active', '=', true)
    .where('role', 'in', [...STAFF_ROLES]);
  if (query.q) q = q.where(containsText(dialect, 'name', query.q));
  return q.orderBy('name').orderBy('id').limit(query.limit).execute();
}
