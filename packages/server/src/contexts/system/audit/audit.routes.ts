import { AuditPage, AuditQuery } from '@bizdash/contracts/audit';
import type { Api } from '../../../platform/http/route-config';
import type { AuditLogService } from './audit-log.service';

export function registerAuditRoutes(app: Api, { auditLog }: { auditLog: AuditLogService }) {
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
    async (request) => auditLog.list(request.query),
  );
}
