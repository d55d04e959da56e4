import type { Account, CreateAccountInput, UpdateAccountInput } from '@bizdash/contracts/accounts';
import { AppError } from '@bizdash/domain/errors';
import { isUniqueViolation } from '../../../platform/db/database';
import { toBool } from '../../../platform/db/columns';
import type { RequestContext } from '../../../platform/request-context';
import { toAccount, type AccountsCore } from './accounts-core';
import * as repo from './accounts.repo';

/** The chart of accounts: the accounts, and the ones the business adds or renames. */
export function makeChart({ database, audit, now, accounts }: AccountsCore) {
  async function list(): Promise<{ items: Account[] }> {
    return { items: (await accounts()).map(toAccount) };
  }

  async function create(ctx: RequestContext, input: CreateAccountInput): Promise<Account> {
    await accounts();
    const at = now();
    try {
      return await database.transaction(async (tx) => {
        const row = await repo.insertAccount(tx, {
          code: input.code,
          name: input.name,
          type: input.type,
          statement_group: input.group,
          system_key: null,
          party_ledger: false,
          is_active: true,
          created_at: at,
          updated_at: at,
        });
        await audit.record(tx, ctx, {
          action: 'account.created',
          entity: 'ledger_account',
          entityId: String(row.id),
          changes: { code: { before: null, after: input.code }, name: { before: null, after: input.name } },
        });
        return toAccount(row);
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new AppError('CONFLICT', `Account code ${input.code} is taken`, { field: 'code' });
      }
      throw error;
    }
  }

  async function update(ctx: RequestContext, id: number, input: UpdateAccountInput): Promise<Account> {
    return database.transaction(async (tx) => {
      const before = await repo.findAccount(tx, id);
      if (!before) throw new AppError('NOT_FOUND', `Account ${id} not found`);
      if (input.isActive === false && before.system_key) {
        throw new AppError('VALIDATION_FAILED', 'A system account cannot be deactivated; posting rules use it', {
          field: 'isActive',
        });
      }
      const row = await repo.updateAccount(tx, id, {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.isActive !== undefined ? { is_active: input.isActive } : {}),
        updated_at: now(),
      });
      await audit.record(tx, ctx, {
        action: 'account.updated',
        entity: 'ledger_account',
        entityId: String(id),
        changes: {
          ...(input.name !== undefined ? { name: { before: before.name, after: input.name } } : {}),
          ...(input.isActive !== undefined
            ? { isActive: { before: toBool(before.is_active), after: input.isActive } }
            : {}),
        },
      });
      return toAccount(row);
    });
  }

  return { list, create, update };
}
