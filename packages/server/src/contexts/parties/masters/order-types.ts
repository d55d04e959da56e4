import type {
  CreateOrderTypeInput,
  ListOrderTypesQuery,
  OrderType,
  OrderTypePage,
  UpdateOrderTypeInput,
} from '@bizdash/contracts/masters';
import type { RequestContext } from '../../../platform/request-context';
import type { MastersCore, Tx } from './masters-core';
import { gstRate, invalid, money, sac } from './masters-rules';
import { documentTypesByIds, insertOrderType, replaceRequiredDocuments, updateOrderType } from './order-types.repo';

/** Order types: fees, GST and the documents an order of the type needs. */
export function makeOrderTypes(core: MastersCore) {
  const { database, repo, now, notFound, assertUnique, write, archiveRecord, recordCreated, recordUpdated } = core;

  /** Checks the required document list (live types, each once) and writes it in the given order. */
  async function writeRequiredDocuments(tx: Tx, orderTypeId: number, ids: readonly number[]) {
    if (new Set(ids).size !== ids.length) {
      invalid('requiredDocumentTypeIds', 'A document type can be required only once');
    }
    if (ids.length > 0) {
      const found = await documentTypesByIds(tx, ids);
      for (const id of ids) {
        const doc = found.find((d) => d.id === id);
        if (!doc) invalid('requiredDocumentTypeIds', `Document type ${id} does not exist`);
        if (doc.archived_at !== null) invalid('requiredDocumentTypeIds', `Document type "${doc.name}" is archived`);
      }
    }
    await replaceRequiredDocuments(tx, orderTypeId, ids);
  }

  return {
    list: (query: ListOrderTypesQuery): Promise<OrderTypePage> => repo.listOrderTypes(query),
    async get(id: number): Promise<OrderType> {
      return (await repo.getOrderType(database.db, id)) ?? notFound('Order type', id);
    },
    create(ctx: RequestContext, input: CreateOrderTypeInput): Promise<OrderType> {
      const values = {
        default_fee_paise: money(input.defaultFee, 'defaultFee'),
        base_charge_paise: money(input.baseCharge, 'baseCharge'),
        sac_code: sac(input.sacCode) ?? null,
        gst_rate_bp: gstRate(input.gstRate, 'gstRate'),
      };
      return write('order type', async (tx) => {
        await assertUnique(tx, 'order_types', 'name', input.name, null, 'order type');
        const at = now();
        const id = await insertOrderType(tx, {
          name: input.name,
          description: input.description ?? null,
          ...values,
          turnaround_days: input.turnaroundDays ?? null,
          archived_at: null,
          created_at: at,
          updated_at: at,
        });
        await writeRequiredDocuments(tx, id, input.requiredDocumentTypeIds);
        const record = (await repo.getOrderType(tx, id)) ?? notFound('Order type', id);
        await recordCreated(tx, ctx, 'order_type', record);
        return record;
      });
    },
    update(ctx: RequestContext, id: number, input: UpdateOrderTypeInput): Promise<OrderType> {
      const sacValue = sac(input.sacCode);
      const values = {
        ...(input.defaultFee !== undefined ? { default_fee_paise: money(input.defaultFee, 'defaultFee') } : {}),
        ...(input.baseCharge !== undefined ? { base_charge_paise: money(input.baseCharge, 'baseCharge') } : {}),
        ...(sacValue !== undefined ? { sac_code: sacValue } : {}),
        ...(input.gstRate !== undefined ? { gst_rate_bp: gstRate(input.gstRate, 'gstRate') } : {}),
      };
      return write('order type', async (tx) => {
        const before = (await repo.getOrderType(tx, id)) ?? notFound('Order type', id);
        await assertUnique(tx, 'order_types', 'name', input.name, id, 'order type');
        await updateOrderType(tx, id, {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.turnaroundDays !== undefined ? { turnaround_days: input.turnaroundDays } : {}),
          ...values,
          updated_at: now(),
        });
        if (input.requiredDocumentTypeIds !== undefined) {
          await writeRequiredDocuments(tx, id, input.requiredDocumentTypeIds);
        }
        const after = (await repo.getOrderType(tx, id)) ?? notFound('Order type', id);
        await recordUpdated(tx, ctx, 'order_type', before, after);
        return after;
      });
    },
    archive: (ctx: RequestContext, id: number): Promise<OrderType> =>
      archiveRecord(ctx, {
        table: 'order_types',
        entity: 'order_type',
        label: 'order type',
        id,
        load: repo.getOrderType,
      }),
  };
}
