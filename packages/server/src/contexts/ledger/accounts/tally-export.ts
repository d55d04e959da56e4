import { Readable } from 'node:stream';
import type { PeriodQuery } from '@bizdash/contracts/accounts';
import { AppError } from '@bizdash/domain/errors';
import { CHART_OF_ACCOUNTS, type StatementGroup } from '@bizdash/domain/ledger/chart';
import {
  TALLY_GROUP_OF_STATEMENT_GROUP,
  TALLY_VOUCHER_TYPES,
  tallyAmount,
  tallyDate,
  tallyRegistrationType,
  uniqueLedgerName,
} from '@bizdash/domain/ledger/tally';
import { findState } from '@bizdash/domain/states';
import type { BusinessCalendar } from '../../../platform/calendar/business-calendar';
import type { Database } from '../../../platform/db/database';
import { toBool } from '../../../platform/db/columns';
import { fyStartOf } from './accounts.service';
import { listAccounts } from './accounts.repo';
import * as repo from './tally-export.repo';

export interface TallyExportDeps {
  database: Database;
  /** Business time: the period defaults to the books' year up to today. */
  calendar: BusinessCalendar;
}

/** Entries read per query: bounded memory however long the period. */
const PAGE_SIZE = 500;

/** XML 1.0 cannot carry most control characters, even escaped; a stray one would make Tally refuse the file. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const clean = (text: string) => text.replace(CONTROL, '');
const yesNo = (value: boolean) => (value ? 'Yes' : 'No');

/**
 * Every value goes through the builder, which escapes &, <, >, quotes; names are attributes prefixed '@'.
 * fast-xml-parser is loaded by the first export, not at start-up (issue 21: idle memory).
 */
async function makeXmlBuilder() {
  const { XMLBuilder } = await import('fast-xml-parser');
  return new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    format: true,
    indentBy: ' ',
    suppressEmptyNode: true,
  });
}

interface LedgerRef {
  name: string;
  isParty: boolean;
}

interface PartyAddress {
  line1?: string;
  line2?: string | null;
  city?: string;
  stateCode?: string;
  pin?: string;
}

function parseAddress(json: string | null): PartyAddress | null {
  if (!json) return null;
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' ? (value as PartyAddress) : null;
  } catch {
    return null;
  }
}

function firstEmail(json: string): string | null {
  try {
    const list: unknown = JSON.parse(json);
    return Array.isArray(list) && typeof list[0] === 'string' ? list[0] : null;
  } catch {
    return null;
  }
}

function assertDate(value: string, field: string): void {
  const t = Date.parse(`${value}T00:00:00Z`);
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== value) {
    throw new AppError('VALIDATION_FAILED', `${field} is not a valid date`, { field });
  }
}

/**
 * The book for a period as the XML that Tally Prime's Import Data reads: one envelope holding the ledger masters
 * ("All Masters": each account that has postings, under its Tally group, and each party as its own ledger under
 * Sundry Debtors, Sundry Creditors or the group of the account it appears on) and then the vouchers ("Vouchers": one
 * per journal entry, reversals included, with Tally's amount signs). In the book a party's lines sit on control
 * accounts with the party named; in Tally the party is the ledger, so those lines carry the party's ledger name.
 */
export function makeTallyExport({ database, calendar }: TallyExportDeps) {
  const { db } = database;

  async function period(query: PeriodQuery): Promise<{ from: string; to: string }> {
    const { today, fyStartMonth } = await calendar.current();
    const from = query.from ?? fyStartOf(today, fyStartMonth);
    const to = query.to ?? today;
    assertDate(from, 'from');
    assertDate(to, 'to');
    if (from > to) throw new AppError('VALIDATION_FAILED', 'from must not be after to', { field: 'from' });
    return { from, to };
  }

  /** Ledger masters and the names voucher lines use: by account id, and by party id for party-ledger lines. */
  async function ledgers(from: string, to: string) {
    const accounts = await listAccounts(db);
    const parentOfKey = new Map<string, string>(CHART_OF_ACCOUNTS.map((a) => [a.key, a.tallyParent]));
    const parentOf = (a: (typeof accounts)[number]) =>
      (a.system_key ? parentOfKey.get(a.system_key) : undefined) ??
      TALLY_GROUP_OF_STATEMENT_GROUP[a.statement_group as StatementGroup] ??
      'Suspense A/c';
    const byId = new Map(accounts.map((a) => [Number(a.id), a]));
    const accountNames = new Map<number, string>(accounts.map((a) => [Number(a.id), clean(a.name).trim()]));
    const taken = new Set([...accountNames.values()].map((n) => n.toLowerCase()));

    const masters: unknown[] = [];
    for (const id of await repo.accountIdsOwningLines(db, from, to)) {
      const a = byId.get(id);
      if (!a) continue;
      masters.push({
        LEDGER: {
          '@NAME': accountNames.get(id),
          '@ACTION': 'Create',
          'NAME.LIST': { '@TYPE': 'String', NAME: accountNames.get(id) },
          PARENT: parentOf(a),
          ISBILLWISEON: yesNo(toBool(a.party_ledger)),
        },
      });
    }

    // A party is one ledger in Tally whatever control accounts it appears on; its group is the first that applies
    // of Sundry Debtors, Sundry Creditors, then the group of the account it appears on.
    const rows = await repo.partiesOnPartyLedgers(db, from, to);
    const partyGroups = new Map<number, string[]>();
    for (const r of rows) {
      const account = byId.get(Number(r.account_id));
      const list = partyGroups.get(Number(r.id)) ?? [];
      if (account) list.push(parentOf(account));
      partyGroups.set(Number(r.id), list);
    }
    const partyNames = new Map<number, string>();
    const seen = new Set<number>();
    for (const r of rows) {
      const id = Number(r.id);
      if (seen.has(id)) continue;
      seen.add(id);
      const groups = partyGroups.get(id) ?? [];
      const parent = ['Sundry Debtors', 'Sundry Creditors'].find((g) => groups.includes(g)) ?? groups[0];
      const name = uniqueLedgerName(clean(r.name), taken, r.gstin ?? `BizDash party ${id}`);
      taken.add(name.toLowerCase());
      partyNames.set(id, name);
      const address = parseAddress(r.billing_address);
      const stateCode = address?.stateCode ?? (r.gstin ? r.gstin.slice(0, 2) : undefined);
      const state = stateCode ? findState(stateCode) : undefined;
      const overseas = r.gst_registration_type === 'overseas' || stateCode === '96';
      const addressLines = address
        ? [address.line1, address.line2, [address.city, address.pin].filter(Boolean).join(' ')]
            .filter((l): l is string => typeof l === 'string' && l.trim() !== '')
            .map((l) => clean(l))
        : [];
      const email = firstEmail(r.emails);
      masters.push({
        LEDGER: {
          '@NAME': name,
          '@ACTION': 'Create',
          'NAME.LIST': { '@TYPE': 'String', NAME: name },
          PARENT: parent ?? 'Sundry Debtors',
          ISBILLWISEON: 'Yes',
          ...(addressLines.length > 0 ? { 'ADDRESS.LIST': { '@TYPE': 'String', ADDRESS: addressLines } } : {}),
          ...(state && !state.isSpecial ? { LEDSTATENAME: state.name } : {}),
          ...(overseas ? {} : { COUNTRYNAME: 'India' }),
          ...(address?.pin && !overseas ? { PINCODE: clean(address.pin) } : {}),
          GSTREGISTRATIONTYPE: tallyRegistrationType(r.gst_registration_type),
          ...(r.gstin ? { PARTYGSTIN: r.gstin } : {}),
          ...(r.pan ? { INCOMETAXNUMBER: r.pan } : {}),
          ...(email ? { EMAIL: email } : {}),
        },
      });
    }

    const lineLedger = (accountId: number, partyId: number | null): LedgerRef => {
      const account = byId.get(accountId);
      if (account && toBool(account.party_ledger) && partyId !== null) {
        const party = partyNames.get(partyId);
        if (party) return { name: party, isParty: true };
      }
      return { name: accountNames.get(accountId) ?? `Account ${accountId}`, isParty: false };
    };
    return { masters, lineLedger, partyNames };
  }

  /** One VOUCHER element per entry of the page. */
  function vouchers(
    entries: Awaited<ReturnType<typeof repo.entriesAfter>>,
    lines: Awaited<ReturnType<typeof repo.linesOf>>,
    lineLedger: (accountId: number, partyId: number | null) => LedgerRef,
    partyNames: Map<number, string>,
  ): unknown[] {
    const byEntry = new Map<number, typeof lines>();
    for (const l of lines) {
      const list = byEntry.get(Number(l.entry_id)) ?? [];
      list.push(l);
      byEntry.set(Number(l.entry_id), list);
    }
    return entries.map((e) => {
      const id = Number(e.id);
      const type = TALLY_VOUCHER_TYPES[e.voucher_type];
      const reference = e.reference ? clean(e.reference) : `JV-${id}`;
      const party = e.party_id === null ? undefined : partyNames.get(Number(e.party_id));
      const isReversal = e.reverses_id !== null;
      const entries = (byEntry.get(id) ?? []).flatMap((l) => {
        const net = Number(l.debit_paise) - Number(l.credit_paise);
        if (net === 0) return [];
        const ledger = lineLedger(Number(l.account_id), l.party_id === null ? null : Number(l.party_id));
        const { isDeemedPositive, amount } = tallyAmount(net);
        return [
          {
            LEDGERNAME: ledger.name,
            ISDEEMEDPOSITIVE: yesNo(isDeemedPositive),
            ISPARTYLEDGER: yesNo(ledger.isParty),
            AMOUNT: amount,
            // An invoice opens a bill on the party's ledger; its reversal settles the same bill.
            ...(ledger.isParty && e.source_type === 'invoice' && e.reference
              ? {
                  'BILLALLOCATIONS.LIST': {
                    NAME: reference,
                    BILLTYPE: isReversal ? 'Agst Ref' : 'New Ref',
                    AMOUNT: amount,
                  },
                }
              : {}),
          },
        ];
      });
      return {
        VOUCHER: {
          '@REMOTEID': `bizdash-entry-${id}`,
          '@VCHTYPE': type,
          '@ACTION': 'Create',
          '@OBJVIEW': 'Accounting Voucher View',
          DATE: tallyDate(e.date),
          EFFECTIVEDATE: tallyDate(e.date),
          VOUCHERTYPENAME: type,
          VOUCHERNUMBER: reference,
          ...(e.reference ? { REFERENCE: reference } : {}),
          ...(party ? { PARTYLEDGERNAME: party } : {}),
          NARRATION: clean(e.narration),
          PERSISTEDVIEW: 'Accounting Voucher View',
          ISINVOICE: 'No',
          'ALLLEDGERENTRIES.LIST': entries,
        },
      };
    });
  }

  /**
   * The export for a period: its file name and the XML as a stream. Masters are read first (aggregate queries);
   * vouchers follow a page of entries at a time, so the whole journal of the period is never held in memory.
   */
  async function exportPeriod(query: PeriodQuery): Promise<{ from: string; to: string; stream: Readable }> {
    const { from, to } = await period(query);
    const company = clean(await repo.businessName(db));
    const { masters, lineLedger, partyNames } = await ledgers(from, to);
    const builder = await makeXmlBuilder();

    const request = (reportName: string) =>
      builder.build({
        REQUESTDESC: {
          REPORTNAME: reportName,
          STATICVARIABLES: { SVCURRENTCOMPANY: company },
        },
      });
    const messages = (items: unknown[]) =>
      items.length === 0
        ? ''
        : builder.build({ TALLYMESSAGE: items.map((m) => ({ '@xmlns:UDF': 'TallyUDF', ...(m as object) })) });

    async function* generate(): AsyncGenerator<string> {
      // The skeleton's tags are constants; every value inside them went through the builder.
      yield '<?xml version="1.0" encoding="UTF-8"?>\n<ENVELOPE>\n';
      yield builder.build({ HEADER: { TALLYREQUEST: 'Import Data' } });
      yield '<BODY>\n<IMPORTDATA>\n';
      yield request('All Masters');
      yield '<REQUESTDATA>\n';
      yield messages(masters);
      yield '</REQUESTDATA>\n</IMPORTDATA>\n<IMPORTDATA>\n';
      yield request('Vouchers');
      yield '<REQUESTDATA>\n';
      let after: { date: string; id: number } | null = null;
      for (;;) {
        const page = await repo.entriesAfter(db, from, to, after, PAGE_SIZE);
        if (page.length === 0) break;
        const lines = await repo.linesOf(
          db,
          page.map((e) => Number(e.id)),
        );
        yield messages(vouchers(page, lines, lineLedger, partyNames));
        const last = page[page.length - 1]!;
        after = { date: last.date, id: Number(last.id) };
        if (page.length < PAGE_SIZE) break;
      }
      yield '</REQUESTDATA>\n</IMPORTDATA>\n</BODY>\n</ENVELOPE>\n';
    }
    return { from, to, stream: Readable.from(generate()) };
  }

  return { exportPeriod };
}

export type TallyExportService = ReturnType<typeof makeTallyExport>;
