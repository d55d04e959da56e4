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
  SourceType,
  StatementQuery,
  TrialBalance,
  UpdateAccountInput,
} from '@bizdash/contracts/accounts';
import { Id, IdParams } from '@bizdash/contracts/common';
import { z } from 'zod';
import type { Api } from '../../http/route-config';
import type { AccountsService } from './accounts.service';
import type { LedgerCheckService } from './ledger-check';

/** The accounts area: chart of accounts, trial balance, ledgers, day book and journal entries. */
export function registerAccountRoutes(app: Api, deps: { accounts: AccountsService; ledgerCheck: LedgerCheckService }) {
  const { accounts, ledgerCheck } = deps;
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
    async (request) => {
      const { format: _format, ...period } = request.query;
      return accounts.statement(request.params.id, period);
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
