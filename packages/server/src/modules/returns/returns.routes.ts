import type { Api } from '../../http/route-config';
import type { Services } from '../../services';

/** GST returns and registers: GSTR-1 (JSON and XLSX), sales and purchase registers. */
export function registerReturnsRoutes(_app: Api, _services: Services) {}
