import type { Api } from '../../http/route-config';
import type { Services } from '../../services';

/** The documents made from an invoice: its PDF and its e-invoice JSON. */
export function registerInvoiceDocumentRoutes(_app: Api, _services: Services) {}
