import type { SearchHit, SearchKind, SearchQuery, SearchResult } from '@bizdash/contracts/search';
import { ListInvoicesQuery } from '@bizdash/contracts/invoices';
import { ListCompaniesQuery, ListItemsQuery } from '@bizdash/contracts/masters';
import { ListOrdersQuery } from '@bizdash/contracts/orders';
import { ListPartiesQuery } from '@bizdash/contracts/parties';
import { can, type Action } from '@bizdash/domain/permissions';
import type { RequestContext } from '../../../platform/request-context';
import type { InvoicesService } from '../../invoicing/index';
import type { MastersService } from '../../parties/index';
import type { OrdersService } from '../../orders/index';
import type { PartiesService } from '../../parties/index';

export interface SearchServiceDeps {
  parties: PartiesService;
  masters: MastersService;
  orders: OrdersService;
  invoices: InvoicesService;
}

export type SearchService = ReturnType<typeof makeSearchService>;

interface Source {
  kind: SearchKind;
  /** Only callers who may read the records see them in search. */
  action: Action;
  search(ctx: RequestContext, q: string, limit: number): Promise<SearchHit[]>;
}

const ROLE_LABELS = { client: 'Client', supplier: 'Supplier', partner: 'Partner' } as const;

/**
 * The Ctrl+K search: each module's own list query with its own index (the parties' trigram index, the orders' and
 * invoices' number and party search), asked in parallel for a few hits each. No second index to keep in step.
 */
export function makeSearchService({ parties, masters, orders, invoices }: SearchServiceDeps) {
  const sources: Source[] = [
    {
      kind: 'party',
      action: 'parties.read',
      async search(_ctx, q, limit) {
        const page = await parties.list(ListPartiesQuery.parse({ q, pageSize: limit, sort: 'relevance' }));
        return page.items.map((p) => ({
          kind: 'party' as const,
          id: p.id,
          title: p.name,
          subtitle: [p.roles.map((r) => ROLE_LABELS[r]).join(', '), p.gstin, p.billingAddress?.city]
            .filter(Boolean)
            .join(' · '),
          href: `/parties/${p.id}`,
        }));
      },
    },
    {
      kind: 'order',
      action: 'orders.read',
      async search(ctx, q, limit) {
        const page = await orders.list(ctx, ListOrdersQuery.parse({ q, pageSize: limit }));
        return page.items.map((o) => ({
          kind: 'order' as const,
          id: o.id,
          title: `${o.number} · ${o.title}`,
          subtitle: `${o.client.name} · ${o.stage.label}`,
          href: `/orders/${o.id}`,
        }));
      },
    },
    {
      kind: 'invoice',
      action: 'invoices.read',
      async search(_ctx, q, limit) {
        const page = await invoices.list(ListInvoicesQuery.parse({ q, pageSize: limit }));
        return page.items.map((i) => ({
          kind: 'invoice' as const,
          id: i.id,
          title: i.number ?? `Draft ${i.type.replace('_', ' ')}`,
          subtitle: `${i.party.name} · ${i.date} · ${i.status}`,
          href: `/invoices/${i.id}`,
        }));
      },
    },
    {
      kind: 'company',
      action: 'masters.read',
      async search(_ctx, q, limit) {
        const page = await masters.companies.list(ListCompaniesQuery.parse({ q, pageSize: limit }));
        return page.items.map((c) => ({
          kind: 'company' as const,
          id: c.id,
          title: c.name,
          subtitle: [c.cin, c.registrar.name].filter(Boolean).join(' · '),
          href: `/settings/companies?q=${encodeURIComponent(c.name)}`,
        }));
      },
    },
    {
      kind: 'item',
      action: 'masters.read',
      async search(_ctx, q, limit) {
        const page = await masters.items.list(ListItemsQuery.parse({ q, pageSize: limit }));
        return page.items.map((i) => ({
          kind: 'item' as const,
          id: i.id,
          title: i.name,
          subtitle: `${i.kind === 'goods' ? 'HSN' : 'SAC'} ${i.hsnSac} · GST ${i.gstRate}%`,
          href: `/settings/items?q=${encodeURIComponent(i.name)}`,
        }));
      },
    },
  ];

  async function search(ctx: RequestContext, query: SearchQuery): Promise<SearchResult> {
    const role = ctx.actor.role;
    const allowed = sources.filter((s) => role !== null && can(role, s.action));
    const results = await Promise.all(allowed.map((s) => s.search(ctx, query.q, query.limit)));
    return { hits: results.flat() };
  }

  return { search };
}
