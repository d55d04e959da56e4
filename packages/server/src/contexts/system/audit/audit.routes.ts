import { AuditPage, AuditQuery } from '@bizdash/contracts/audit';
import type { Api } from '../../../platform/http/route-config';
import type { AuditService } from '../../../platform/audit/audit.service';

export function registerAuditRoutes(app: Api, { audit }: { audit: AuditService }) {
  app.get(
    '/api/v1/audit',
    {
      config: { access: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: 'Read the audit trail, newest first, filtered by entity, record, actor, action and dates',
        querystring: AuditQuery,
        response: { 200: AuditPage },
      },
    },
    async (request) => audit.list(request.query),
  );
}
