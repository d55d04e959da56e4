import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { loadExcelJs } from '../../../platform/export/exceljs';
import type { XlsxConfig } from '@bizdash/contracts/sync';
import { XLSX_DATE_FORMAT, xlsxDateCell } from '../../../platform/export/table-export';
import type { SyncDriver } from '../sync/sync-driver';
import { INDIAN_MONEY_FORMAT } from '../../../platform/export/register-xlsx';
import { enqueueDebounced, markWritten, runAlone, type DirtyRecord, type LedgerDriverDeps } from './ledger-records';
import { dirtyRecords, recordsOfEntities } from './ledger-records.repo';
import { LEDGER_DATE_HEADERS, LEDGER_HEADERS, LEDGER_SHEETS, ledgerRowOf, type LedgerSheet } from './ledger-rows';

export const XLSX_REBUILD_JOB = 'xlsx.rebuild';

const PAGE = 500;
const MONEY = /^-?\d+\.\d{2}$/;

/** Entities whose records can land on each sheet (invoices split into Sales and Purchases by direction). */
const ENTITIES_OF: Record<LedgerSheet, string[]> = {
  Sales: ['invoice'],
  Purchases: ['invoice'],
  Payments: ['payment', 'receipt', 'payout'],
  Orders: ['order'],
  Settlements: ['settlement', 'settlement_entry'],
};

/**
 * The XLSX ledger target: `<dataDir>/<fileName>` with one sheet per entity and one row per synced record, from the
 * same projection as Google Sheets. Rather than patch cells in place, a debounced `xlsx.rebuild` job streams the
 * whole workbook to a temporary file and renames it over the old one, so a reader never sees a half-written file
 * and a crash mid-write leaves the previous workbook intact. Amounts are number cells and dates date cells shown
 * dd-mm-yyyy, so the workbook sums, sorts and filters like one typed by hand.
 */
export function makeXlsxLedgerDriver(
  deps: LedgerDriverDeps<XlsxConfig> & { dataDir: string | undefined },
): SyncDriver<XlsxConfig> & { rebuild(targetId: number): Promise<string | null> } {
  const { database, clock, queue, loadTarget, dataDir } = deps;

  async function rebuild(targetId: number): Promise<string | null> {
    const target = await loadTarget(targetId);
    if (!target || target.kind !== 'xlsx' || !dataDir) return null;
    const file = path.join(dataDir, path.basename(target.config.fileName));
    const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
    await mkdir(dataDir, { recursive: true });
    const written: Parameters<typeof markWritten>[2] = [];
    try {
      const workbook = new (await loadExcelJs()).stream.xlsx.WorkbookWriter({ filename: temp, useStyles: true });
      for (const sheet of LEDGER_SHEETS) {
        const ws = workbook.addWorksheet(sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
        const isDate = LEDGER_HEADERS[sheet].map((header) => LEDGER_DATE_HEADERS.has(header));
        ws.columns = LEDGER_HEADERS[sheet].map((header, i) => ({
          header,
          width: Math.max(12, header.length + 2),
          ...(isDate[i] ? { style: { numFmt: XLSX_DATE_FORMAT } } : {}),
        }));
        ws.getRow(1).font = { bold: true };
        let rowNumber = 1;
        let afterId = 0;
        for (;;) {
          const page = await recordsOfEntities(database.db, targetId, ENTITIES_OF[sheet], PAGE, afterId);
          if (page.length === 0) break;
          afterId = page[page.length - 1]?.id ?? afterId;
          for (const record of page) {
            const row = await ledgerRowOf(database.db, record.entity, record.entity_id);
            if (!row || row.sheet !== sheet) continue;
            rowNumber += 1;
            const added = ws.addRow(
              row.values.map((v, i) => (isDate[i] ? (xlsxDateCell(v) ?? v) : MONEY.test(v) ? Number(v) : v)),
            );
            row.values.forEach((v, i) => {
              if (!isDate[i] && MONEY.test(v)) added.getCell(i + 1).numFmt = INDIAN_MONEY_FORMAT;
            });
            if (row.cancelled) added.font = { strike: true, color: { argb: 'FF888888' } };
            added.commit();
            if (record.state === 'pending') {
              written.push({
                record: record as DirtyRecord,
                rowRef: `${sheet}!A${rowNumber}`,
                state: row.cancelled ? 'cancelled' : 'synced',
              });
            }
          }
        }
        ws.commit();
      }
      await workbook.commit();
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    // Dirty records that are not ledger rows (parties, drafts) are done too: there is nothing to write for them.
    const done = new Set(written.map((w) => w.record.id));
    let afterId = 0;
    for (;;) {
      const page = await dirtyRecords(database.db, targetId, PAGE, afterId);
      if (page.length === 0) break;
      afterId = page[page.length - 1]?.id ?? afterId;
      for (const record of page) {
        if (!done.has(record.id) && (await ledgerRowOf(database.db, record.entity, record.entity_id)) === null) {
          written.push({ record: record as DirtyRecord, rowRef: null, state: 'synced' });
        }
      }
    }
    await markWritten(database, clock, written);
    return file;
  }

  queue.register(XLSX_REBUILD_JOB, async (payload) => {
    const targetId = Number(payload.targetId);
    if (Number.isSafeInteger(targetId)) await runAlone(deps, XLSX_REBUILD_JOB, targetId, () => rebuild(targetId));
  });

  return {
    kind: 'xlsx',
    async deliver({ target, executor }) {
      await enqueueDebounced(queue, executor, clock, XLSX_REBUILD_JOB, target.id);
      // rowRef is left out: the rebuild job owns it.
      return { state: 'pending' };
    },
    rebuild,
  };
}
