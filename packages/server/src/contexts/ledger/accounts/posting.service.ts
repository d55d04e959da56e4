import type { AccountKey } from '@bizdash/domain/ledger/chart';
import { fingerprint, type JournalDraft } from '@bizdash/domain/ledger/posting';
import type { Clock } from '../../../platform/clock';
import type { Database, Dialect, Executor } from '../../../platform/db/database';
import {
  addDaily,
  countBacklog,
  dropBacklog,
  entriesWithLines,
  fillBacklog,
  insertEntries,
  peekBacklog,
  pendingToBacklog,
  reserveEntryIds,
  saveSources,
  storedSources,
  systemAccountIds,
  takePending,
  type NewEntry,
  type StoredSource,
} from './journal.repo';
import { loadDrafts, SOURCE_TYPES, type SourceType } from './ledger-documents.repo';

/**
 * Keeps the book equal to the documents. For each document it asks the posting rules what the entry should be,
 * compares that with the entry standing for the document (by fingerprint), and when they differ posts a reversal
 * of the old entry, dated as the old entry so every period reads the documents as they now stand, and then the new
 * entry. Nothing is ever updated or deleted.
 *
 * `flushPending` runs inside every transaction just before it commits (registered with the database in
 * services.ts): the triggers on the money tables have listed the documents the transaction touched.
 */

export interface SourceRef {
  sourceType: SourceType;
  sourceId: number;
}

export interface PostingResult {
  documents: number;
  posted: number;
  reversed: number;
}

interface PostingDeps {
  database: Database;
  clock: Clock;
}

type DailyDeltas = Map<string, { accountId: number; date: string; debit: number; credit: number }>;

function addToDaily(deltas: DailyDeltas, date: string, lines: { accountId: number; debit: number; credit: number }[]) {
  for (const l of lines) {
    const key = `${l.accountId}|${date}`;
    const d = deltas.get(key) ?? { accountId: l.accountId, date, debit: 0, credit: 0 };
    d.debit += l.debit;
    d.credit += l.credit;
    deltas.set(key, d);
  }
}

/** Brings the book up to date for `refs`, in the caller's transaction. */
export async function postSources(
  executor: Executor,
  dialect: Dialect,
  refs: readonly SourceRef[],
  now: string,
): Promise<PostingResult> {
  const result: PostingResult = { documents: refs.length, posted: 0, reversed: 0 };
  if (refs.length === 0) return result;
  const accounts = await systemAccountIds(executor, now);
  const accountId = (key: AccountKey) => {
    const id = accounts.get(key);
    if (id === undefined) throw new Error(`Ledger account ${key} is missing`);
    return id;
  };

  const planned: { ref: SourceRef; draft: JournalDraft | null; stored: StoredSource | undefined; fp: string }[] = [];
  for (const type of SOURCE_TYPES) {
    const ids = [...new Set(refs.filter((r) => r.sourceType === type).map((r) => r.sourceId))];
    if (ids.length === 0) continue;
    const drafts = await loadDrafts(executor, type, ids);
    const stored = await storedSources(executor, type, ids);
    for (const id of ids) {
      const draft = drafts.get(id) ?? null;
      const fp = fingerprint(draft);
      const current = stored.get(id);
      if ((current?.fingerprint ?? '') === fp) continue;
      planned.push({ ref: { sourceType: type, sourceId: id }, draft, stored: current, fp });
    }
  }
  if (planned.length === 0) return result;

  const toReverse = planned.flatMap((p) => (p.stored?.entryId ? [p.stored.entryId] : []));
  const standing = await entriesWithLines(executor, toReverse);
  const count = toReverse.length + planned.filter((p) => p.draft !== null).length;
  const ids = await reserveEntryIds(executor, dialect, count);
  let next = 0;
  const entries: NewEntry[] = [];
  const sources: StoredSource[] = [];
  const daily: DailyDeltas = new Map();

  for (const p of planned) {
    const old = p.stored?.entryId ? standing.get(p.stored.entryId) : undefined;
    if (p.stored?.entryId && old) {
      const lines = old.lines.map((l) => ({
        accountId: l.accountId,
        partyId: l.partyId,
        debit: l.credit,
        credit: l.debit,
      }));
      const entry: NewEntry = {
        id: ids[next++]!,
        date: old.date,
        voucherType: old.voucherType,
        sourceType: p.ref.sourceType,
        sourceId: p.ref.sourceId,
        partyId: old.partyId,
        reference: old.reference,
        narration: `Reversal: ${old.narration}`.slice(0, 500),
        reversesId: p.stored.entryId,
        lines,
      };
      entries.push(entry);
      addToDaily(daily, entry.date, lines);
      result.reversed += 1;
    }
    let entryId: number | null = null;
    if (p.draft) {
      const lines = p.draft.lines.map((l) => ({
        accountId: accountId(l.account),
        partyId: l.partyId,
        debit: l.debit,
        credit: l.credit,
      }));
      entryId = ids[next++]!;
      entries.push({
        id: entryId,
        date: p.draft.date,
        voucherType: p.draft.voucherType,
        sourceType: p.ref.sourceType,
        sourceId: p.ref.sourceId,
        partyId: p.draft.partyId,
        reference: p.draft.reference,
        narration: p.draft.narration.slice(0, 500),
        reversesId: null,
        lines,
      });
      addToDaily(daily, p.draft.date, lines);
      result.posted += 1;
    }
    sources.push({ sourceType: p.ref.sourceType, sourceId: p.ref.sourceId, entryId, fingerprint: p.fp });
  }

  await insertEntries(executor, entries, now);
  await addDaily(executor, daily);
  await saveSources(executor, sources);
  return result;
}

export function makePostingService({ database, clock }: PostingDeps) {
  const now = () => clock.now().toISOString();

  /** The before-commit hook: posts what this transaction wrote. */
  async function flushPending(tx: Executor): Promise<void> {
    const refs = await takePending(tx);
    if (refs.length > 0) await postSources(tx, database.dialect, refs, now());
  }

  /**
   * Works off the backlog in batches, each in its own short transaction so that other requests interleave. Used at
   * start-up (documents that existed before the ledger) and by `bizdash ledger rebuild`.
   */
  async function workBacklog(
    options: { batchSize?: number; onProgress?: (done: number, left: number) => void } = {},
  ): Promise<PostingResult> {
    const batchSize = options.batchSize ?? 2000;
    const total: PostingResult = { documents: 0, posted: 0, reversed: 0 };
    await database.transaction((tx) => pendingToBacklog(tx));
    for (;;) {
      const batch = await database.transaction(async (tx) => {
        const refs = await peekBacklog(tx, batchSize);
        if (refs.length === 0) return null;
        const r = await postSources(tx, database.dialect, refs, now());
        for (const type of SOURCE_TYPES) {
          const ids = refs.filter((x) => x.sourceType === type).map((x) => x.sourceId);
          if (ids.length > 0) await dropBacklog(tx, type, ids);
        }
        return r;
      });
      if (!batch) break;
      total.documents += batch.documents;
      total.posted += batch.posted;
      total.reversed += batch.reversed;
      if (options.onProgress) {
        const left = await countBacklog(database.db);
        options.onProgress(total.documents, left.backlog);
      }
    }
    return total;
  }

  /** Puts every document in the backlog and works it off: what is already right is left alone. */
  async function rebuild(options: Parameters<typeof workBacklog>[0] = {}): Promise<PostingResult> {
    await database.transaction((tx) => fillBacklog(tx));
    return workBacklog(options);
  }

  return { flushPending, workBacklog, rebuild, backlog: () => countBacklog(database.db) };
}

export type PostingService = ReturnType<typeof makePostingService>;
