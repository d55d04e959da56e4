import type { RequestContext } from '../../../platform/request-context';
import type { Executor } from '../../../platform/db/database';
import type { makeOrderDocumentsService } from './order-documents.service';
import { invalid, type Tx } from './order-support';
import { findCompany, findOrderType, findParty, requiredDocumentsOfType } from './order-references.repo';

/** The checks of what an order points to, for create and update. */

export async function assertParty(executor: Executor, id: number, role: 'client' | 'partner', field: string) {
  const party = await findParty(executor, id);
  if (!party) invalid(field, `party ${id} does not exist`);
  const hasRole = role === 'client' ? party.is_client : party.is_partner;
  if (!(hasRole === true || hasRole === 1)) invalid(field, `${party.name} does not have the ${role} role`);
  if (party.archived_at !== null) invalid(field, `${party.name} is archived`);
  return party;
}

export async function assertOrderType(executor: Executor, id: number, field = 'orderTypeId') {
  const type = await findOrderType(executor, id);
  if (!type) invalid(field, `order type ${id} does not exist`);
  if (type.archived_at !== null) invalid(field, `${type.name} is archived`);
  return type;
}

export async function assertCompany(executor: Executor, id: number) {
  const company = await findCompany(executor, id);
  if (!company) invalid('companyId', `company ${id} does not exist`);
  if (company.archived_at !== null) invalid('companyId', `${company.name} is archived`);
}

export type TypeDocuments = Pick<ReturnType<typeof makeOrderDocumentsService>, 'requireIn'>;

/** Adds the order type's required documents the order lacks (in the type's order), as pending. */
export async function addTypeDocuments(
  documents: TypeDocuments,
  tx: Tx,
  ctx: RequestContext,
  orderId: number,
  orderTypeId: number,
  now: string,
) {
  const required = await requiredDocumentsOfType(tx, orderTypeId);
  await documents.requireIn(tx, ctx, orderId, required, now, { silent: true });
}
