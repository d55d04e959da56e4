import { makeCompanies } from './companies';
import { makeDocumentTypes } from './document-types';
import { makeItems } from './items';
import { makeMastersCore, type MastersServiceDeps } from './masters-core';
import { makeOrderTypes } from './order-types';
import { makeRegistrars } from './registrars';

export type { MastersServiceDeps } from './masters-core';

export type MastersService = ReturnType<typeof makeMastersService>;

/**
 * The masters: registrars, companies, document types, order types and items. Each master lives in its own file;
 * this assembles them.
 */
export function makeMastersService(deps: MastersServiceDeps) {
  const core = makeMastersCore(deps);
  return {
    registrars: makeRegistrars(core),
    companies: makeCompanies(core),
    documentTypes: makeDocumentTypes(core),
    orderTypes: makeOrderTypes(core),
    items: makeItems(core),
  };
}
