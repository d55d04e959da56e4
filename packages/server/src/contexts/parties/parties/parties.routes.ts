import { IdParams } from '@bizdash/contracts/common';
import {
  CreatePartyInput,
  DuplicateCheckQuery,
  DuplicateCheckResult,
  ListPartiesQuery,
  Party,
  PartyPage,
  PartyWithWarnings,
  UpdatePartyInput,
} from '@bizdash/contracts/parties';
import { ExportFormat } from '@bizdash/contracts/imports';
import { dateInZone } from '@bizdash/domain/dates';
import { toMoneyString } from '@bizdash/domain/money';
import { can } from '@bizdash/domain/permissions';
import type { Api } from '../../../platform/http/route-config';
import type { Clock } from '../../../platform/clock';
import { pagesOf, sendExport, type ExportColumn } from '../../../platform/export/table-export';
import { registerGstinRoutes } from '../gstin/gstin.routes';
import type { GstinService } from '../gstin/gstin.service';
import type { PartiesService } from './parties.service';

/** Headings match the import's field labels, so an exported file imports back unchanged. */
const PARTY_EXPORT_COLUMNS: readonly ExportColumn<Party>[] = [
  { header: 'Name', value: (p) => p.name, width: 30 },
  { header: 'Legal name', value: (p) => p.legalName, width: 30 },
  { header: 'Kind', value: (p) => p.kind },
  { header: 'Roles', value: (p) => p.roles.join('; ') },
  { header: 'Email', value: (p) => p.emails.join('; '), width: 28 },
  { header: 'Phone', value: (p) => p.phones.join('; '), width: 18 },
  { header: 'GSTIN', value: (p) => p.gstin, width: 18 },
  { header: 'PAN', value: (p) => p.pan },
  { header: 'GST registration type', value: (p) => p.gstRegistrationType },
  { header: 'Address line 1', value: (p) => p.billingAddress?.line1, width: 30 },
  { header: 'Address line 2', value: (p) => p.billingAddress?.line2, width: 20 },
  { header: 'City', value: (p) => p.billingAddress?.city },
  { header: 'State', value: (p) => p.billingAddress?.stateCode },
  { header: 'PIN', value: (p) => p.billingAddress?.pin },
  { header: 'Payment terms (days)', kind: 'number', value: (p) => p.paymentTermsDays },
  { header: 'Credit limit', kind: 'money', value: (p) => p.creditLimit },
  { header: 'Tags', value: (p) => p.tags.join('; ') },
  { header: 'Notes', value: (p) => p.notes, width: 30 },
  { header: 'Revenue share %', field: 'revenueShare', value: (p) => p.revenueShare },
  { header: 'Bank account name', field: 'payout.bankAccountName', value: (p) => p.payout?.bankAccountName },
  { header: 'Bank account number', field: 'payout.bankAccountNumber', value: (p) => p.payout?.bankAccountNumber },
  { header: 'IFSC', field: 'payout.ifsc', value: (p) => p.payout?.ifsc },
  { header: 'UPI ID', field: 'payout.upiId', value: (p) => p.payout?.upiId },
];

export interface PartyRoutesDeps {
  parties: PartiesService;
  clock: Clock;
  /** Each party's balance in the book (the ledger context). */
  accounts: { partyBalances(partyIds: number[]): Promise<Map<number, number>> };
  /** For the GSTIN check routes registered alongside. */
  gstin: GstinService;
}

/** Parties and the GSTIN check their forms use. */
export function registerPartyRoutes(app: Api, services: PartyRoutesDeps) {
  const { parties, clock } = services;
  registerGstinRoutes(app, services);

  app.get(
    '/api/v1/parties/export',
    {
      config: { access: 'parties.read' },
      schema: {
        tags: ['parties'],
        summary: 'Export the parties list, with the same filters and order, as CSV or XLSX (re-importable)',
        querystring: ListPartiesQuery.omit({ page: true, pageSize: true }).extend({ format: ExportFormat }),
      },
    },
    async (request, reply) => {
      const { format, ...filters } = request.query;
      return sendExport(
        reply,
        {
          format,
          fileName: filters.role ? `${filters.role}s` : 'parties',
          sheetName: 'Parties',
          columns: PARTY_EXPORT_COLUMNS,
          rowSchema: Party,
          rows: pagesOf((page, pageSize) => parties.list({ ...filters, page, pageSize })),
        },
        dateInZone(clock.now()),
      );
    },
  );

  app.get(
    '/api/v1/parties',
    {
      config: { access: 'parties.read' },
      schema: {
        tags: ['parties'],
        summary: 'List parties: filter by role, archived state and tag; typo-tolerant search with q',
        querystring: ListPartiesQuery,
        response: { 200: PartyPage },
      },
    },
    async (request) => {
      const page = await parties.list(request.query);
      // Balances come from the book, for roles that may see money (staff see the list without them).
      const role = request.ctx.actor.role;
      const seeMoney = role !== null && can(role, 'money.read');
      const balances = seeMoney ? await services.accounts.partyBalances(page.items.map((p) => p.id)) : null;
      return {
        ...page,
        items: page.items.map((p) => ({
          ...p,
          balance: balances ? toMoneyString(balances.get(p.id) ?? 0) : null,
        })),
      };
    },
  );

  app.get(
    '/api/v1/parties/duplicates',
    {
      config: { access: 'parties.read' },
      schema: {
        tags: ['parties'],
        summary: 'Other parties with the same GSTIN, phone or email',
        querystring: DuplicateCheckQuery,
        response: { 200: DuplicateCheckResult },
      },
    },
    async (request) => parties.checkDuplicates(request.query),
  );

  app.post(
    '/api/v1/parties',
    {
      config: { access: 'parties.write' },
      schema: {
        tags: ['parties'],
        summary: 'Create a party; the answer carries non-blocking warnings',
        body: CreatePartyInput,
        response: { 201: PartyWithWarnings },
      },
    },
    async (request, reply) => reply.code(201).send(await parties.create(request.ctx, request.body)),
  );

  app.get(
    '/api/v1/parties/:id',
    {
      config: { access: 'parties.read' },
      schema: { tags: ['parties'], summary: 'One party', params: IdParams, response: { 200: Party } },
    },
    async (request) => parties.get(request.params.id),
  );

  app.patch(
    '/api/v1/parties/:id',
    {
      config: { access: 'parties.write' },
      schema: {
        tags: ['parties'],
        summary: 'Change a party; null clears a field; the answer carries non-blocking warnings',
        params: IdParams,
        body: UpdatePartyInput,
        response: { 200: PartyWithWarnings },
      },
    },
    async (request) => parties.update(request.ctx, request.params.id, request.body),
  );

  app.delete(
    '/api/v1/parties/:id',
    {
      config: { access: 'parties.write' },
      schema: {
        tags: ['parties'],
        summary: 'Archive a party (409 IN_USE while orders or invoices use it)',
        params: IdParams,
        response: { 200: Party },
      },
    },
    async (request) => parties.archive(request.ctx, request.params.id),
  );
}
