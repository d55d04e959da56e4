import type {
  BusinessRegistration,
  BusinessRegistrationList,
  CreateBusinessRegistrationInput,
} from '@bizdash/contracts/settings';
import { AppError } from '@bizdash/domain/errors';
import { validateGstin } from '@bizdash/domain/gstin/validate-gstin';
import { isAddressStateCode } from '@bizdash/domain/states';
import { diffRecords } from '../../../platform/audit/audit.service';
import { isUniqueViolation } from '../../../platform/db/database';
import type { RequestContext } from '../../../platform/request-context';
import { invalid, type SettingsCore } from './settings-core';
import { archiveRegistrationRow, insertRegistration, toRegistration } from './settings.repo';

/** The business's further GST registrations (one per state), beside the primary GSTIN of the business row. */
export function makeRegistrations({ database, audit, clock, repo, business }: SettingsCore) {
  async function listRegistrations(): Promise<BusinessRegistrationList> {
    return { items: (await repo.listRegistrations(database.db)).map(toRegistration) };
  }

  async function addRegistration(
    ctx: RequestContext,
    input: CreateBusinessRegistrationInput,
  ): Promise<BusinessRegistration> {
    const check = validateGstin(input.gstin);
    if (!check.valid) invalid('gstin', check.errors[0]?.message ?? 'GSTIN is not valid');
    const gstin = check.normalized;
    const stateCode = gstin.slice(0, 2);
    if (!isAddressStateCode(stateCode)) invalid('gstin', `State code ${stateCode} cannot hold a business registration`);
    try {
      return await database.transaction(async (tx) => {
        const primary = await business(tx);
        if (primary.gstin === gstin || (await repo.findRegistrationByGstin(tx, gstin))) {
          throw new AppError('DUPLICATE', `The GSTIN ${gstin} is already registered for this business`, {
            field: 'gstin',
          });
        }
        // All registrations of a business share its PAN (GSTIN characters 3–12).
        if (primary.gstin && primary.gstin.slice(2, 12) !== gstin.slice(2, 12)) {
          invalid('gstin', `The GSTIN ${gstin} belongs to another PAN than the business's ${primary.gstin}`);
        }
        const now = clock.now().toISOString();
        const row = await insertRegistration(tx, {
          gstin,
          state_code: stateCode,
          trade_name: input.tradeName ?? null,
          address: input.address ?? null,
          is_primary: false,
          archived_at: null,
          created_at: now,
          updated_at: now,
        });
        const record = toRegistration(row);
        await audit.record(tx, ctx, {
          action: 'business.registration_added',
          entity: 'business',
          entityId: 1,
          changes: diffRecords(null, { registration: { gstin, stateCode, tradeName: record.tradeName } }),
        });
        return record;
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new AppError('DUPLICATE', `The GSTIN ${gstin} is already registered for this business`, {
          field: 'gstin',
        });
      }
      throw error;
    }
  }

  async function archiveRegistration(ctx: RequestContext, id: number): Promise<BusinessRegistration> {
    return database.transaction(async (tx) => {
      const before = await repo.findRegistration(tx, id);
      if (!before) throw new AppError('NOT_FOUND', `Registration ${id} not found`);
      if (before.archived_at !== null) return toRegistration(before);
      const now = clock.now().toISOString();
      const row = await archiveRegistrationRow(tx, id, now);
      await audit.record(tx, ctx, {
        action: 'business.registration_archived',
        entity: 'business',
        entityId: 1,
        changes: diffRecords({ registration: before.gstin }, { registration: null }),
      });
      return toRegistration(row);
    });
  }

  return { listRegistrations, addRegistration, archiveRegistration };
}
