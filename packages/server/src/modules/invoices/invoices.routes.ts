import type { Api } from '../../http/route-config';
import type { Services } from '../../services';

export function registerInvoiceRoutes(_app: Api, _services: Services) {}
