import type { Api } from '../../http/route-config';
import type { Services } from '../../services';

export function registerOrderRoutes(_app: Api, _services: Services) {}
