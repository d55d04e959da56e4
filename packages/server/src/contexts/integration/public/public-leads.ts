import type { ContactInput, LeadPage, ListLeadsQuery } from '@bizdash/contracts/public';
import type { RequestContext } from '../../../platform/request-context';
import * as repo from './public.repo';
import type { PublicServiceDeps } from './public-links';

/** The public contact form and the leads it leaves for staff. */
export function makePublicLeads({ database, audit, clock }: Pick<PublicServiceDeps, 'database' | 'audit' | 'clock'>) {
  /** Stores a lead. A filled honeypot stores nothing; the caller answers the same either way. */
  async function submitContact(
    ctx: RequestContext,
    input: ContactInput,
    meta: { userAgent?: string | undefined } = {},
  ): Promise<{ stored: boolean }> {
    if (input.website && input.website.trim() !== '') return { stored: false };
    await database.transaction(async (tx) => {
      const now = clock.now().toISOString();
      const row = await repo.insertLead(tx, {
        name: input.name,
        email: input.email?.trim() ? input.email.trim().toLowerCase() : null,
        phone: input.phone?.trim() ? input.phone.trim() : null,
        message: input.message,
        ip: ctx.ip,
        user_agent: meta.userAgent?.slice(0, 300) ?? null,
        created_at: now,
      });
      await audit.record(tx, ctx, {
        action: 'lead.received',
        entity: 'lead',
        entityId: row.id,
        changes: { name: { before: null, after: input.name } },
      });
    });
    return { stored: true };
  }

  async function listLeads(query: ListLeadsQuery): Promise<LeadPage> {
    const { rows, total } = await repo.leadsPage(database.db, database.dialect, query);
    return {
      items: rows.map((r) => ({
        id: r.id,
        name: r.name,
        email: r.email,
        phone: r.phone,
        message: r.message,
        ip: r.ip,
        createdAt: r.created_at,
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  return { submitContact, listLeads };
}
