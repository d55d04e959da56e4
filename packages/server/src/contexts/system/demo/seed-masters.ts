import { CreateItemInput, CreateOrderTypeInput } from '@bizdash/contracts/masters';
import type { DemoWorld } from './demo-world';
import { DOCUMENT_TYPES, ITEMS, LISTED_COMPANIES, makeCin, ORDER_TYPES, REGISTRARS } from './indian-data';

/** The demo firm's masters: registrars, listed companies, document types, order types and items. */
export async function seedMasters({ random, ownerCtx, masters }: Pick<DemoWorld, 'random' | 'ownerCtx' | 'masters'>) {
  const registrarIds: number[] = [];
  for (const r of REGISTRARS) registrarIds.push((await masters.registrars.create(ownerCtx, r)).id);
  const companyIds: number[] = [];
  for (const [i, c] of LISTED_COMPANIES.slice(0, 6).entries()) {
    const cin = makeCin(random, { listed: true, rocState: c.rocState, year: c.year, serial: 20_000 + i * 37 });
    companyIds.push(
      (await masters.companies.create(ownerCtx, { name: c.name, cin, registrarId: registrarIds[i % 4] ?? 1 })).id,
    );
  }
  const docTypeIds = new Map<string, number>();
  for (const d of DOCUMENT_TYPES) docTypeIds.set(d.name, (await masters.documentTypes.create(ownerCtx, d)).id);
  const orderTypes = [];
  for (const o of ORDER_TYPES) {
    orderTypes.push({
      turnaroundDays: o.turnaroundDays,
      fee: o.defaultFee,
      type: await masters.orderTypes.create(
        ownerCtx,
        CreateOrderTypeInput.parse({
          name: o.name,
          description: o.description,
          requiredDocumentTypeIds: o.documents.map((d) => docTypeIds.get(d) ?? 0),
          defaultFee: String(o.defaultFee),
          baseCharge: String(o.baseCharge),
          sacCode: '998399',
          gstRate: '18',
          turnaroundDays: o.turnaroundDays,
        }),
      ),
    });
  }
  for (const item of ITEMS) {
    await masters.items.create(ownerCtx, CreateItemInput.parse({ ...item, salePrice: String(item.price) }));
  }
  return { companyIds, orderTypes };
}

export type DemoOrderType = Awaited<ReturnType<typeof seedMasters>>['orderTypes'][number];
