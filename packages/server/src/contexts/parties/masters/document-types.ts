import type {
  CreateDocumentTypeInput,
  DocumentType,
  DocumentTypePage,
  ListDocumentTypesQuery,
  UpdateDocumentTypeInput,
} from '@bizdash/contracts/masters';
import type { Executor } from '../../../platform/db/database';
import type { RequestContext } from '../../../platform/request-context';
import {
  findDocumentType,
  insertDocumentType,
  liveOrderTypesRequiring,
  updateDocumentType,
} from './document-types.repo';
import type { MastersCore } from './masters-core';
import { toDocumentType } from './masters.repo';

async function loadDocumentType(executor: Executor, id: number): Promise<DocumentType | undefined> {
  const row = await findDocumentType(executor, id);
  return row ? toDocumentType(row) : undefined;
}

/** Document types that order types ask for. */
export function makeDocumentTypes(core: MastersCore) {
  const { database, repo, now, notFound, assertUnique, write, archiveRecord, recordCreated, recordUpdated } = core;

  return {
    list: (query: ListDocumentTypesQuery): Promise<DocumentTypePage> => repo.listDocumentTypes(query),
    async get(id: number): Promise<DocumentType> {
      return (await loadDocumentType(database.db, id)) ?? notFound('Document type', id);
    },
    create(ctx: RequestContext, input: CreateDocumentTypeInput): Promise<DocumentType> {
      return write('document type', async (tx) => {
        await assertUnique(tx, 'document_types', 'name', input.name, null, 'document type');
        const at = now();
        const row = await insertDocumentType(tx, {
          name: input.name,
          description: input.description ?? null,
          archived_at: null,
          created_at: at,
          updated_at: at,
        });
        const record = toDocumentType(row);
        await recordCreated(tx, ctx, 'document_type', record);
        return record;
      });
    },
    update(ctx: RequestContext, id: number, input: UpdateDocumentTypeInput): Promise<DocumentType> {
      return write('document type', async (tx) => {
        const before = (await loadDocumentType(tx, id)) ?? notFound('Document type', id);
        await assertUnique(tx, 'document_types', 'name', input.name, id, 'document type');
        const row = await updateDocumentType(tx, id, {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          updated_at: now(),
        });
        const after = toDocumentType(row);
        await recordUpdated(tx, ctx, 'document_type', before, after);
        return after;
      });
    },
    archive: (ctx: RequestContext, id: number): Promise<DocumentType> =>
      archiveRecord(ctx, {
        table: 'document_types',
        entity: 'document_type',
        label: 'document type',
        id,
        load: loadDocumentType,
        usage: async (tx, documentTypeId) => ({
          usedBy: 'order type',
          ...(await liveOrderTypesRequiring(tx, documentTypeId)),
        }),
      }),
  };
}
