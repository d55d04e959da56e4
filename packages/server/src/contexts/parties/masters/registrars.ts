import type {
  CreateRegistrarInput,
  ListRegistrarsQuery,
  Registrar,
  RegistrarPage,
  UpdateRegistrarInput,
} from '@bizdash/contracts/masters';
import type { Executor } from '../../../platform/db/database';
import type { RequestContext } from '../../../platform/request-context';
import type { MastersCore } from './masters-core';
import { toRegistrar } from './masters.repo';
import { findRegistrar, insertRegistrar, liveCompaniesOf, updateRegistrar } from './registrars.repo';

export async function loadRegistrar(executor: Executor, id: number): Promise<Registrar | undefined> {
  const row = await findRegistrar(executor, id);
  return row ? toRegistrar(row) : undefined;
}

/** Registrars (share transfer agents) of the companies. */
export function makeRegistrars(core: MastersCore) {
  const { database, repo, now, notFound, assertUnique, write, archiveRecord, recordCreated, recordUpdated } = core;

  return {
    list: (query: ListRegistrarsQuery): Promise<RegistrarPage> => repo.listRegistrars(query),
    async get(id: number): Promise<Registrar> {
      return (await loadRegistrar(database.db, id)) ?? notFound('Registrar', id);
    },
    create(ctx: RequestContext, input: CreateRegistrarInput): Promise<Registrar> {
      return write('registrar', async (tx) => {
        await assertUnique(tx, 'registrars', 'name', input.name, null, 'registrar');
        const at = now();
        const row = await insertRegistrar(tx, {
          name: input.name,
          email: input.email ?? null,
          address: input.address ?? null,
          website: input.website ?? null,
          archived_at: null,
          created_at: at,
          updated_at: at,
        });
        const record = toRegistrar(row);
        await recordCreated(tx, ctx, 'registrar', record);
        return record;
      });
    },
    update(ctx: RequestContext, id: number, input: UpdateRegistrarInput): Promise<Registrar> {
      return write('registrar', async (tx) => {
        const before = (await loadRegistrar(tx, id)) ?? notFound('Registrar', id);
        await assertUnique(tx, 'registrars', 'name', input.name, id, 'registrar');
        const row = await updateRegistrar(tx, id, {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.email !== undefined ? { email: input.email } : {}),
          ...(input.address !== undefined ? { address: input.address } : {}),
          ...(input.website !== undefined ? { website: input.website } : {}),
          updated_at: now(),
        });
        const after = toRegistrar(row);
        await recordUpdated(tx, ctx, 'registrar', before, after);
        return after;
      });
    },
    archive: (ctx: RequestContext, id: number): Promise<Registrar> =>
      archiveRecord(ctx, {
        table: 'registrars',
        entity: 'registrar',
        label: 'registrar',
        id,
        load: loadRegistrar,
        usage: async (tx, registrarId) => ({ usedBy: 'company', ...(await liveCompaniesOf(tx, registrarId)) }),
      }),
  };
}
