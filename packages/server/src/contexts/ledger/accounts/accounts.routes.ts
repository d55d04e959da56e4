import {
  Account,
  AccountLedger,
  AccountList,
  CreateAccountInput,
  DayBook,
  DayBookQuery,
  JournalEntry,
  LedgerCheck,
  LedgerCodeParams,
  LedgerQuery,
  PartyStatement,
  PeriodQuery,
  SendStatementInput,
  SourceType,
  StatementQuery,
  TrialBalance,
  UpdateAccountInput,
} from '@bizdash/contracts/accounts';
import { Id, IdParams } from '@bizdash/contracts/common';
import { EmailQueued } from '@bizdash/contracts/email';
import { z } from 'zod';
import type { Api } from '../../../platform/http/route-config';
import type { RequestContext } from '../../../platform/request-context';
import type { AccountsService } from './accounts.service';
import type { LedgerCheckService } from './ledger-check';
import type { PartyStatementFiles } from './party-statement-files';
import type { TallyExportService } from './tally-export';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface AccountRoutesDeps {
  accounts: AccountsService;
  ledgerCheck: LedgerCheckService;
  tallyExport: TallyExportService;
  statementFiles: PartyStatementFiles;
  /** Emailing a party its statement (the integration context's email service). */
  email: { sendStatement(ctx: RequestContext, partyId: number, input: SendStatementInput): Promise<EmailQueued> };
}

/**
 * The accounts area: chart of accounts, trial balance, ledgers, day book, journal entries, the Tally export, and
 * party statements (JSON, PDF, XLSX, email).
 */
export function registerAccountRoutes(app: Api, deps: AccountRoutesDeps) {
  const { accounts, ledgerCheck, tallyExport, statementFiles, email } = deps;
  const tags = ['accounts'];

  app.get(
    '/api/v1/accounts',
    {
      config: { access: 'accounts.read' },
      schema: { tags, summary: 'The chart of accounts', response: { 200: AccountList } },
    },
    async () => accounts.list(),
  );

  app.post(
    '/api/v1/accounts',
    {
      config: { access: 'accounts.manage' },
      schema: {
        tags,
        summary: 'Add an account (a second bank account, a new expense head)',
        body: CreateAccountInput,
        response: { 201: Account },
      },
    },
    async (request, reply) => reply.code(201).send(await accounts.create(request.ctx, request.body)),
  );

  app.patch(
    '/api/v1/accounts/:id',
    {
      config: { access: 'accounts.manage' },
      schema: {
        tags,
        summary: 'Rename an account or deactivate one the business added',
        params: IdParams,
        body: UpdateAccountInput,
        response: { 200: Account },
      },
    },
    async (request) => accounts.update(request.ctx, request.params.id, request.body),
  );

  app.get(
    '/api/v1/accounts/trial-balance',
    {
      config: { access: 'accounts.read' },
      schema: {
        tags,
        summary: 'Trial balance for a period (default: the financial year to date)',
        querystring: PeriodQuery,
        response: { 200: TrialBalance },
      },
    },
    async (request) => accounts.trialBalance(request.query),
  );

  app.get(
    '/api/v1/accounts/ledger/:code',
    {
      config: { access: 'accounts.read' },
      schema: {
        tags,
        summary: "One account's ledger: opening balance, entries with running balance, closing balance",
        params: LedgerCodeParams,
        querystring: LedgerQuery,
        response: { 200: AccountLedger },
      },
    },
    async (request) => accounts.ledger(request.params.code, request.query),
  );

  app.get(
    '/api/v1/accounts/day-book',
    {
      config: { access: 'accounts.read' },
      schema: {
        tags,
        summary: 'Every journal entry of a period, in date order',
        querystring: DayBookQuery,
        response: { 200: DayBook },
      },
    },
    async (request) => accounts.dayBook(request.query),
  );

  app.get(
    '/api/v1/accounts/entries/:id',
    {
      config: { access: 'accounts.read' },
      schema: {
        tags,
        summary: 'One journal entry with its lines and the document that posted it',
        params: IdParams,
        response: { 200: JournalEntry },
      },
    },
    async (request) => accounts.entry(request.params.id),
  );

  app.get(
    '/api/v1/accounts/entries',
    {
      config: { access: 'accounts.read' },
      schema: {
        tags,
        summary: "A document's journal entries: its posting, and any reversal and re-posting",
        querystring: z.strictObject({ sourceType: SourceType, sourceId: Id }),
        response: { 200: z.object({ items: z.array(JournalEntry) }) },
      },
    },
    async (request) => ({ items: await accounts.entriesOf(request.query.sourceType, request.query.sourceId) }),
  );

  app.get(
    '/api/v1/parties/:id/statement',
    {
      config: { access: 'money.read' },
      schema: {
        tags: ['parties'],
        summary: "A party's statement from the book: opening balance, documents, payments, closing balance",
        params: IdParams,
        querystring: StatementQuery,
        response: { 200: PartyStatement },
      },
    },
    async (request, reply) => {
      const { format, ...period } = request.query;
      if (format === 'json') return accounts.statement(request.params.id, period);
      if (format === 'pdf') {
        const file = await statementFiles.pdf(request.params.id, period);
        return (
          reply
            .type('application/pdf')
            .header('content-disposition', `inline; filename="${file.filename}"`)
            // `as never`: the Buffer bypasses the JSON serializer the 200 schema types (as GSTR-3B's XLSX does).
            .send(file.content as never)
        );
      }
      const file = await statementFiles.xlsx(request.params.id, period);
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .send(file.content as never);
    },
  );

  app.post(
    '/api/v1/parties/:id/statement/send',
    {
      config: { access: 'money.write' },
      schema: {
        tags: ['parties'],
        summary:
          "Email the party its statement for a period, the PDF attached (202); to the party's email unless one is given",
        params: IdParams,
        body: SendStatementInput,
        response: { 202: EmailQueued },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await email.sendStatement(request.ctx, request.params.id, request.body)),
  );

  app.get(
    '/api/v1/accounts/tally-export',
    {
      config: { access: 'accounts.read' },
      schema: {
        tags,
        summary:
          'The ledgers and vouchers of a period as the XML that Tally Prime imports (Import Data: masters, then vouchers)',
        querystring: PeriodQuery,
      },
    },
    async (request, reply) => {
      const { from, to, stream } = await tallyExport.exportPeriod(request.query);
      return reply
        .type('application/xml; charset=utf-8')
        .header('content-disposition', `attachment; filename="tally-${from}-to-${to}.xml"`)
        .send(stream);
    },
  );

  app.get(
    '/api/v1/accounts/check',
    {
      config: { access: 'accounts.manage' },
      schema: {
        tags,
        summary: 'Prove the book: entries balance, party ledgers equal open documents, GST accounts equal documents',
        response: { 200: LedgerCheck },
      },
    },
    async () => ledgerCheck.check(),
  );
}
