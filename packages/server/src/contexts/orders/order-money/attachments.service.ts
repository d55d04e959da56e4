import { AppError } from '@bizdash/domain/errors';
import type { Executor } from '../../../platform/db/database';
import type { RequestContext } from '../../../platform/request-context';
import { isInlineExtension, sniffAllowedType } from '../../../platform/storage/media-types';
import { joinKey, safeSlug } from '../../../platform/storage/storage-keys';
import { displayName, requireStorage, type FileDownload, type IncomingFile } from '../orders/order-documents.service';
import { recordOrderEvent } from '../orders/order-support';
import type { OrderMoneyServiceDeps } from './money-support';
import { findMoneyItem, getPartyName, setMoneyItemFile } from './attachments.repo';
import type { MoneyItemTable } from './order-money.repo';
import { lockOrder } from './recompute';

const DEFAULT_UPLOAD_MAX_BYTES = 20 * 1024 * 1024;

/** What an attachment belongs to: a receipt or an expense, by its table. */
const NOUN = { order_receipts: 'receipt', order_expenses: 'expense' } as const;

/**
 * Attachments of receipts and expenses (the bank slip, the courier bill): one file per item, replaced by a new
 * upload. The file is streamed aside, its type sniffed from the bytes, and linked in the transaction that records
 * it, as for order documents; a replaced or removed file is deleted only after that transaction commits.
 */
export function makeMoneyAttachments(deps: OrderMoneyServiceDeps) {
  const { database, audit, clock } = deps;
  const uploadMaxBytes = deps.uploadMaxBytes ?? DEFAULT_UPLOAD_MAX_BYTES;

  async function loadItem(executor: Executor, table: MoneyItemTable, orderId: number, itemId: number) {
    const row = await findMoneyItem(executor, table, orderId, itemId);
    if (!row) throw new AppError('NOT_FOUND', `${NOUN[table]} ${itemId} not found on this order`);
    return row;
  }

  async function upload(
    ctx: RequestContext,
    table: MoneyItemTable,
    orderId: number,
    itemId: number,
    file: IncomingFile,
  ): Promise<void> {
    const storage = requireStorage(deps.storage);
    await loadItem(database.db, table, orderId, itemId); // refuse before reading the bytes
    const staged = await storage.stage(file.stream, { maxBytes: uploadMaxBytes });
    let committedKey: string | null = null;
    let replacedKey: string | null = null;
    try {
      const type = await sniffAllowedType(staged.head);
      const name = displayName(file.filename);
      await database.transaction(async (tx) => {
        const order = await lockOrder(tx, database.dialect, orderId);
        const item = await loadItem(tx, table, orderId, itemId);
        const client = await getPartyName(tx, order.client_id);
        const key = joinKey(
          'uploads',
          safeSlug(client.name, 'client'),
          safeSlug(order.number, 'order'),
          `${NOUN[table]}-${itemId}-${staged.sha256.slice(0, 12)}.${type.extension}`,
        );
        const now = clock.now().toISOString();
        await setMoneyItemFile(tx, table, itemId, {
          file_key: key,
          file_name: name,
          file_type: type.mediaType,
          file_size: staged.sizeBytes,
          updated_at: now,
        });
        await recordOrderEvent(tx, ctx, now, {
          orderId,
          kind: `${NOUN[table]}.attachment_added`,
          payload: { [`${NOUN[table]}Id`]: itemId, fileName: name },
        });
        await audit.record(tx, ctx, {
          action: `${NOUN[table]}.updated`,
          entity: NOUN[table],
          entityId: itemId,
          changes: {
            attachment: {
              before: item.file_key,
              after: { key, name, sha256: staged.sha256, sizeBytes: staged.sizeBytes, mediaType: type.mediaType },
            },
          },
        });
        if (item.file_key === key) {
          // The same bytes again: the stored file already is this one.
          await staged.discard();
        } else {
          await staged.commit(key);
          committedKey = key;
          replacedKey = item.file_key;
        }
      });
    } catch (error) {
      await staged.discard();
      if (committedKey !== null) await storage.remove(committedKey);
      throw error;
    }
    if (replacedKey !== null) await storage.remove(replacedKey);
  }

  async function open(table: MoneyItemTable, orderId: number, itemId: number): Promise<FileDownload> {
    const storage = requireStorage(deps.storage);
    const item = await loadItem(database.db, table, orderId, itemId);
    if (item.file_key === null) throw new AppError('NOT_FOUND', `This ${NOUN[table]} has no attachment`);
    const stored = await storage.open(item.file_key);
    const extension = item.file_key.split('.').pop() ?? '';
    return {
      stream: stored.stream,
      sizeBytes: stored.sizeBytes,
      mediaType: item.file_type ?? 'application/octet-stream',
      fileName: item.file_name ?? `${NOUN[table]}-${itemId}.${extension}`,
      storedName: item.file_key.split('/').pop() ?? `${NOUN[table]}-${itemId}.${extension}`,
      isInline: isInlineExtension(extension),
    };
  }

  async function remove(ctx: RequestContext, table: MoneyItemTable, orderId: number, itemId: number): Promise<void> {
    const removed = await database.transaction(async (tx) => {
      await lockOrder(tx, database.dialect, orderId);
      const item = await loadItem(tx, table, orderId, itemId);
      if (item.file_key === null) throw new AppError('NOT_FOUND', `This ${NOUN[table]} has no attachment`);
      const now = clock.now().toISOString();
      await setMoneyItemFile(tx, table, itemId, {
        file_key: null,
        file_name: null,
        file_type: null,
        file_size: null,
        updated_at: now,
      });
      await recordOrderEvent(tx, ctx, now, {
        orderId,
        kind: `${NOUN[table]}.attachment_removed`,
        payload: { [`${NOUN[table]}Id`]: itemId, fileName: item.file_name },
      });
      await audit.record(tx, ctx, {
        action: `${NOUN[table]}.updated`,
        entity: NOUN[table],
        entityId: itemId,
        changes: { attachment: { before: item.file_key, after: null } },
      });
      return item.file_key;
    });
    await requireStorage(deps.storage).remove(removed);
  }

  /** Deletes an item's stored file after the item itself was deleted (and committed). */
  async function discardFile(key: string | null): Promise<void> {
    if (key !== null && deps.storage) await deps.storage.remove(key);
  }

  return { upload, open, remove, discardFile };
}

export type MoneyAttachments = ReturnType<typeof makeMoneyAttachments>;
