import type { CreateItemInput, Item, ItemPage, ListItemsQuery, UpdateItemInput } from '@bizdash/contracts/masters';
import { parseRateBp } from '@bizdash/domain/gst/units';
import type { Executor } from '../../../platform/db/database';
import type { RequestContext } from '../../../platform/request-context';
import { findItem, insertItem, updateItem } from './items.repo';
import type { MastersCore, Tx } from './masters-core';
import { gstRate, hsnSac, invalid, money, unit } from './masters-rules';
import { toItem } from './masters.repo';

async function loadItem(executor: Executor, id: number): Promise<Item | undefined> {
  const row = await findItem(executor, id);
  return row ? toItem(row) : undefined;
}

/** Items (goods and services) that invoices and purchases are made of. */
export function makeItems(core: MastersCore) {
  const { database, repo, now, notFound, assertUnique, write, archiveRecord, recordCreated, recordUpdated } = core;

  function optionalMoney(text: string | null | undefined, field: string): number | null | undefined {
    return text === undefined || text === null ? text : money(text, field);
  }

  function itemValues(input: CreateItemInput) {
    const values = {
      kind: input.kind,
      hsn_sac: hsnSac(input.hsnSac, input.kind),
      uqc: unit(input.unit),
      gst_rate_bp: gstRate(input.gstRate, 'gstRate'),
      cess_rate_bp: parseRateBp(input.cessRate, 'cessRate'),
      cess_per_unit_paise: money(input.cessPerUnit, 'cessPerUnit'),
      taxability: input.taxability ?? 'taxable',
      sale_price_paise: optionalMoney(input.salePrice, 'salePrice') ?? null,
      purchase_price_paise: optionalMoney(input.purchasePrice, 'purchasePrice') ?? null,
    };
    checkTaxability(values);
    return values;
  }

  /** Nil-rated, exempt and non-GST items carry no GST or cess (GSTR-1 Table 8). */
  function checkTaxability(v: {
    taxability: Item['taxability'];
    gst_rate_bp: number;
    cess_rate_bp: number;
    cess_per_unit_paise: number;
  }): void {
    if (v.taxability === 'taxable') return;
    if (v.gst_rate_bp !== 0 || v.cess_rate_bp !== 0 || v.cess_per_unit_paise !== 0) {
      invalid('taxability', `a ${v.taxability.replace('_', '-')} item has GST rate and cess 0`);
    }
  }

  async function createItemIn(tx: Tx, ctx: RequestContext, input: CreateItemInput): Promise<Item> {
    const values = itemValues(input);
    await assertUnique(tx, 'items', 'name', input.name, null, 'item');
    const at = now();
    const row = await insertItem(tx, {
      name: input.name,
      description: input.description ?? null,
      ...values,
      is_active: input.isActive,
      archived_at: null,
      created_at: at,
      updated_at: at,
    });
    const record = toItem(row);
    await recordCreated(tx, ctx, 'item', record);
    return record;
  }

  return {
    list: (query: ListItemsQuery): Promise<ItemPage> => repo.listItems(query),
    async get(id: number): Promise<Item> {
      return (await loadItem(database.db, id)) ?? notFound('Item', id);
    },
    /** Every rule create applies, without writing; imports check rows with it. */
    validate(input: CreateItemInput): void {
      itemValues(input);
    },
    /** Creates inside the caller's transaction, so an import commits or fails as one. */
    createIn: (tx: Tx, ctx: RequestContext, input: CreateItemInput) => createItemIn(tx, ctx, input),
    create(ctx: RequestContext, input: CreateItemInput): Promise<Item> {
      itemValues(input);
      return write('item', (tx) => createItemIn(tx, ctx, input));
    },
    update(ctx: RequestContext, id: number, input: UpdateItemInput): Promise<Item> {
      return write('item', async (tx) => {
        const before = (await loadItem(tx, id)) ?? notFound('Item', id);
        const kind = input.kind ?? before.kind;
        // A change of kind re-checks the stored code: goods cannot keep a SAC.
        const code =
          input.hsnSac !== undefined || input.kind !== undefined
            ? hsnSac(input.hsnSac ?? before.hsnSac, kind)
            : undefined;
        const salePrice = optionalMoney(input.salePrice, 'salePrice');
        const purchasePrice = optionalMoney(input.purchasePrice, 'purchasePrice');
        checkTaxability({
          taxability: input.taxability ?? before.taxability,
          gst_rate_bp: parseRateBp(input.gstRate ?? before.gstRate, 'gstRate'),
          cess_rate_bp: parseRateBp(input.cessRate ?? before.cessRate, 'cessRate'),
          cess_per_unit_paise: money(input.cessPerUnit ?? before.cessPerUnit, 'cessPerUnit'),
        });
        await assertUnique(tx, 'items', 'name', input.name, id, 'item');
        const row = await updateItem(tx, id, {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.kind !== undefined ? { kind: input.kind } : {}),
          ...(code !== undefined ? { hsn_sac: code } : {}),
          ...(input.unit !== undefined ? { uqc: unit(input.unit) } : {}),
          ...(input.gstRate !== undefined ? { gst_rate_bp: gstRate(input.gstRate, 'gstRate') } : {}),
          ...(input.cessRate !== undefined ? { cess_rate_bp: parseRateBp(input.cessRate, 'cessRate') } : {}),
          ...(input.cessPerUnit !== undefined ? { cess_per_unit_paise: money(input.cessPerUnit, 'cessPerUnit') } : {}),
          ...(salePrice !== undefined ? { sale_price_paise: salePrice } : {}),
          ...(purchasePrice !== undefined ? { purchase_price_paise: purchasePrice } : {}),
          ...(input.isActive !== undefined ? { is_active: input.isActive } : {}),
          ...(input.taxability !== undefined ? { taxability: input.taxability } : {}),
          updated_at: now(),
        });
        const after = toItem(row);
        await recordUpdated(tx, ctx, 'item', before, after);
        return after;
      });
    },
    archive: (ctx: RequestContext, id: number): Promise<Item> =>
      archiveRecord(ctx, { table: 'items', entity: 'item', label: 'item', id, load: loadItem }),
  };
}
