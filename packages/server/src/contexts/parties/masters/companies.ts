import type {
  Company,
  CompanyPage,
  CreateCompanyInput,
  ListCompaniesQuery,
  UpdateCompanyInput,
} from '@bizdash/contracts/masters';
import type { Executor } from '../../../platform/db/database';
import type { RequestContext } from '../../../platform/request-context';
import { insertCompany, updateCompany } from './companies.repo';
import type { MastersCore } from './masters-core';
import { cin, invalid, isin } from './masters-rules';
import { loadRegistrar } from './registrars';

/** Companies, each served by a live registrar. */
export function makeCompanies(core: MastersCore) {
  const { database, repo, now, notFound, assertUnique, write, archiveRecord, recordCreated, recordUpdated } = core;

  async function assertLiveRegistrar(tx: Executor, registrarId: number) {
    const registrar = await loadRegistrar(tx, registrarId);
    if (!registrar) invalid('registrarId', `Registrar ${registrarId} does not exist`);
    if (registrar.archivedAt !== null) invalid('registrarId', `Registrar "${registrar.name}" is archived`);
  }

  return {
    list: (query: ListCompaniesQuery): Promise<CompanyPage> => repo.listCompanies(query),
    async get(id: number): Promise<Company> {
      return (await repo.getCompany(database.db, id)) ?? notFound('Company', id);
    },
    create(ctx: RequestContext, input: CreateCompanyInput): Promise<Company> {
      const cinValue = cin(input.cin) ?? null;
      const isinValue = isin(input.isin) ?? null;
      return write('company', async (tx) => {
        await assertLiveRegistrar(tx, input.registrarId);
        await assertUnique(tx, 'companies', 'name', input.name, null, 'company');
        await assertUnique(tx, 'companies', 'cin', cinValue, null, 'company');
        await assertUnique(tx, 'companies', 'isin', isinValue, null, 'company');
        const at = now();
        const id = await insertCompany(tx, {
          name: input.name,
          cin: cinValue,
          isin: isinValue,
          registrar_id: input.registrarId,
          archived_at: null,
          created_at: at,
          updated_at: at,
        });
        const record = (await repo.getCompany(tx, id)) ?? notFound('Company', id);
        await recordCreated(tx, ctx, 'company', record);
        return record;
      });
    },
    update(ctx: RequestContext, id: number, input: UpdateCompanyInput): Promise<Company> {
      const cinValue = cin(input.cin);
      const isinValue = isin(input.isin);
      return write('company', async (tx) => {
        const before = (await repo.getCompany(tx, id)) ?? notFound('Company', id);
        if (input.registrarId !== undefined && input.registrarId !== before.registrar.id) {
          await assertLiveRegistrar(tx, input.registrarId);
        }
        await assertUnique(tx, 'companies', 'name', input.name, id, 'company');
        await assertUnique(tx, 'companies', 'cin', cinValue, id, 'company');
        await assertUnique(tx, 'companies', 'isin', isinValue, id, 'company');
        await updateCompany(tx, id, {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(cinValue !== undefined ? { cin: cinValue } : {}),
          ...(isinValue !== undefined ? { isin: isinValue } : {}),
          ...(input.registrarId !== undefined ? { registrar_id: input.registrarId } : {}),
          updated_at: now(),
        });
        const after = (await repo.getCompany(tx, id)) ?? notFound('Company', id);
        await recordUpdated(tx, ctx, 'company', before, after);
        return after;
      });
    },
    archive: (ctx: RequestContext, id: number): Promise<Company> =>
      archiveRecord(ctx, { table: 'companies', entity: 'company', label: 'company', id, load: repo.getCompany }),
  };
}
