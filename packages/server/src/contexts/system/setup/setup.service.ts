import type { SetupInput, UserSummary } from '@bizdash/contracts/auth';
import { AppError } from '@bizdash/domain/errors';
import { isAddressStateCode } from '@bizdash/domain/states';
import { validateGstin } from '@bizdash/domain/gstin/validate-gstin';
import { diffRecords, type AuditService } from '../../../platform/audit/audit.service';
import type { Clock } from '../../../platform/clock';
import { isUniqueViolation, type Database } from '../../../platform/db/database';
import type { RequestContext } from '../../../platform/request-context';
import { assertStrongPassword } from '../../../platform/security/passwords';
import type { UsersService } from '../../identity/index';
import * as repo from './setup.repo';

export interface SetupServiceDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
  users: Pick<UsersService, 'insertUser' | 'count'>;
}

export type SetupService = ReturnType<typeof makeSetupService>;

/** First run: creates the business and its owner, once. */
export function makeSetupService({ database, audit, clock, users }: SetupServiceDeps) {
  async function needsSetup(): Promise<boolean> {
    return (await users.count(database.db)) === 0;
  }

  async function run(ctx: RequestContext, input: SetupInput): Promise<{ user: UserSummary }> {
    if (!isAddressStateCode(input.business.stateCode)) {
      throw new AppError('VALIDATION_FAILED', 'Choose the state the business is registered in', {
        field: 'business.stateCode',
      });
    }
    if (input.business.gstin) {
      const check = validateGstin(input.business.gstin);
      if (!check.valid) {
        throw new AppError('VALIDATION_FAILED', `GSTIN: ${check.errors[0]?.message ?? 'not valid'}`, {
          field: 'business.gstin',
          gstinErrors: check.errors,
        });
      }
    }
    if (input.business.gstin && input.business.gstin.slice(0, 2) !== input.business.stateCode) {
      throw new AppError('VALIDATION_FAILED', 'The GSTIN must start with the state code', {
        field: 'business.gstin',
      });
    }
    assertStrongPassword(input.owner.password, input.owner.email, 'owner.password');
    if (!(await needsSetup())) throw new AppError('SETUP_ALREADY_DONE', 'BizDash is already set up; log in instead');

    try {
      return await database.transaction(async (tx) => {
        const now = clock.now().toISOString();
        // business.id is fixed at 1, so a second concurrent setup fails on the primary key here.
        const business = {
          id: 1,
          name: input.business.name,
          state_code: input.business.stateCode,
          gstin: input.business.gstin ?? null,
          created_at: now,
          updated_at: now,
        };
        await repo.insertBusiness(tx, business);
        const setupCtx: RequestContext = { ...ctx, actor: { ...ctx.actor, type: 'system', name: 'first-run setup' } };
        await audit.record(tx, setupCtx, {
          action: 'business.created',
          entity: 'business',
          entityId: 1,
          changes: diffRecords(null, { name: business.name, state_code: business.state_code, gstin: business.gstin }),
        });
        const owner = await users.insertUser(tx, setupCtx, { ...input.owner, role: 'owner' });
        return { user: { id: owner.id, name: owner.name, email: owner.email, role: owner.role } };
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError('SETUP_ALREADY_DONE', 'BizDash is already set up; log in instead');
      throw error;
    }
  }

  async function businessName(): Promise<string | null> {
    return repo.businessName(database.db);
  }

  return { needsSetup, run, businessName };
}
