import type { GoogleSheetsConfig } from '@bizdash/contracts/sync';
import { RetryLaterError } from '../../../platform/jobs/queue-types';
import type { SyncDriver } from '../sync/sync-driver';
import { enqueueDebounced, markWritten, runAlone, type DirtyRecord, type LedgerDriverDeps } from './ledger-records';
import { dirtyRecords } from './ledger-records.repo';
import { LEDGER_HEADERS, LEDGER_SHEETS, ledgerRowOf, type LedgerRow, type LedgerSheet } from './ledger-rows';
import { columnLetter, firstRowOf, makeSheetsClient, type SheetsClient } from './sheets-client';

export const SHEETS_FLUSH_JOB = 'sheets.flush';

export interface SheetsDriverOptions {
  /** Sheets API requests per minute per target (Google's write quota is 300 per minute per project). */
  requestsPerMinute?: number;
  /** Records written per flush round: one batchUpdate plus at most one append per sheet. */
  batchSize?: number;
}

/**
 * A sliding one-minute window of request times per target. Kept in memory: each worker process paces itself, and
 * the API's own 429 (with Retry-After) is the backstop when several processes write to the same spreadsheet.
 */
function makeRateLimiter(perMinute: number, now: () => number) {
  const windows = new Map<number, number[]>();
  return {
    /** Takes one request slot, or throws RetryLaterError with the wait until a slot frees up. */
    take(targetId: number) {
      const t = now();
      const times = (windows.get(targetId) ?? []).filter((at) => at > t - 60_000);
      if (times.length >= perMinute) {
        const oldest = times[0] ?? t;
        windows.set(targetId, times);
        throw new RetryLaterError(`Sheets quota: ${perMinute} requests per minute reached`, oldest + 60_000 - t + 50);
      }
      times.push(t);
      windows.set(targetId, times);
    },
  };
}

/**
 * The Google Sheets ledger target. deliver() only marks the record dirty and queues a debounced `sheets.flush`;
 * the flush writes every dirty record of the target in a few batched requests (one values:batchUpdate for rows that
 * already exist, one values:append per sheet for new ones), remembers each record's row, and is paced to the quota.
 */
export function makeSheetsDriver(
  deps: LedgerDriverDeps<GoogleSheetsConfig>,
  options: SheetsDriverOptions = {},
): SyncDriver<GoogleSheetsConfig> & { flush(targetId: number): Promise<void> } {
  const { database, clock, queue, loadTarget } = deps;
  const batchSize = options.batchSize ?? 500;
  const limiter = makeRateLimiter(options.requestsPerMinute ?? 300, () => clock.now().getTime());
  /** Spreadsheets whose ledger sheets are known to exist (per target and spreadsheet id). */
  const prepared = new Set<string>();

  async function ensureSheets(targetId: number, spreadsheetId: string, client: SheetsClient) {
    const key = `${targetId}:${spreadsheetId}`;
    if (prepared.has(key)) return;
    limiter.take(targetId);
    const titles = new Set(await client.sheetTitles());
    const missing = LEDGER_SHEETS.filter((s) => !titles.has(s));
    if (missing.length > 0) {
      limiter.take(targetId);
      await client.addSheets(missing);
      limiter.take(targetId);
      await client.batchUpdate(
        missing.map((sheet) => ({
          range: `${sheet}!A1:${columnLetter(LEDGER_HEADERS[sheet].length)}1`,
          values: [[...LEDGER_HEADERS[sheet]]],
        })),
      );
    }
    prepared.add(key);
  }

  /** Rows already in the sheet by key (column A), so a record whose row was never remembered is not appended twice. */
  async function existingRows(
    targetId: number,
    client: SheetsClient,
    sheet: LedgerSheet,
  ): Promise<Map<string, number>> {
    limiter.take(targetId);
    const keys = await client.columnValues(`${sheet}!A:A`);
    const rows = new Map<string, number>();
    keys.forEach((key, i) => {
      if (i > 0 && key) rows.set(key, i + 1);
    });
    return rows;
  }

  async function flushRound(targetId: number, client: SheetsClient, records: DirtyRecord[]) {
    const projected: { record: DirtyRecord; row: LedgerRow | null }[] = [];
    for (const record of records) {
      projected.push({ record, row: await ledgerRowOf(database.db, record.entity, record.entity_id) });
    }
    const written: Parameters<typeof markWritten>[2] = [];
    const updates: { range: string; values: string[][] }[] = [];
    const appends = new Map<LedgerSheet, { record: DirtyRecord; row: LedgerRow }[]>();
    for (const { record, row } of projected) {
      if (!row) {
        // Not a ledger record (or a draft): nothing to write, nothing left to do.
        written.push({ record, rowRef: record.row_ref, state: 'synced' });
        continue;
      }
      const rowNumber = record.row_ref?.startsWith(`${row.sheet}!`) ? firstRowOf(record.row_ref) : null;
      if (rowNumber !== null) {
        updates.push({ range: rangeOf(row, rowNumber), values: [row.values] });
        written.push({ record, rowRef: record.row_ref, state: row.cancelled ? 'cancelled' : 'synced' });
      } else {
        const list = appends.get(row.sheet) ?? [];
        list.push({ record, row });
        appends.set(row.sheet, list);
      }
    }
    const appendedLater: typeof written = [];
    for (const [sheet, list] of appends) {
      const existing = await existingRows(targetId, client, sheet);
      const fresh: typeof list = [];
      const seen = new Set<string>();
      for (const item of list) {
        const at = existing.get(item.row.key);
        if (at !== undefined) {
          updates.push({ range: rangeOf(item.row, at), values: [item.row.values] });
          written.push({
            record: item.record,
            rowRef: `${sheet}!A${at}`,
            state: item.row.cancelled ? 'cancelled' : 'synced',
          });
        } else if (!seen.has(item.row.key)) {
          seen.add(item.row.key);
          fresh.push(item);
        }
      }
      if (fresh.length > 0) {
        limiter.take(targetId);
        const result = await client.append(
          sheet,
          fresh.map((f) => f.row.values),
        );
        fresh.forEach((f, i) =>
          appendedLater.push({
            record: f.record,
            rowRef: `${sheet}!A${result.firstRow + i}`,
            state: f.row.cancelled ? 'cancelled' : 'synced',
          }),
        );
        // Remember appended rows at once: a failure later in this round must not append them again.
        await markWritten(database, clock, appendedLater.splice(0));
      }
    }
    if (updates.length > 0) {
      limiter.take(targetId);
      await client.batchUpdate(updates);
    }
    await markWritten(database, clock, written);
  }

  function rangeOf(row: LedgerRow, rowNumber: number): string {
    return `${row.sheet}!A${rowNumber}:${columnLetter(row.values.length)}${rowNumber}`;
  }

  async function flush(targetId: number): Promise<void> {
    const target = await loadTarget(targetId);
    if (!target || target.kind !== 'google_sheets') return;
    const client = makeSheetsClient(target.config);
    await ensureSheets(targetId, target.config.spreadsheetId, client);
    let afterId = 0;
    for (;;) {
      const records = await dirtyRecords(database.db, targetId, batchSize, afterId);
      if (records.length === 0) return;
      await flushRound(targetId, client, records);
      afterId = records[records.length - 1]?.id ?? afterId;
    }
  }

  queue.register(SHEETS_FLUSH_JOB, async (payload) => {
    const targetId = Number(payload.targetId);
    if (Number.isSafeInteger(targetId)) await runAlone(deps, SHEETS_FLUSH_JOB, targetId, () => flush(targetId));
  });

  return {
    kind: 'google_sheets',
    async deliver({ target, executor }) {
      await enqueueDebounced(queue, executor, clock, SHEETS_FLUSH_JOB, target.id);
      // rowRef is left out: the flush job owns it, and a stale copy must never overwrite the one it remembered.
      return { state: 'pending' };
    },
    flush,
  };
}
