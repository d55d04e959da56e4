import type { CreateUserInput, ListUsersQuery, UpdateUserInput, User, UserPage } from '@bizdash/contracts/users';
import { AppError } from '@bizdash/domain/errors';
import { assignableRoles, type Role } from '@bizdash/domain/permissions';
import { diffRecords, type AuditService } from '../../../platform/audit/audit.service';
import type { Clock } from '../../../platform/clock';
import { isUniqueViolation, type Database } from '../../../platform/db/database';
import { toBool } from '../../../platform/db/columns';
import type { UserRow } from './users.tables';
import type { RequestContext } from '../../../platform/request-context';
import { assertStrongPassword, type PasswordHasher } from '../../../platform/security/passwords';
import type { AuthService } from '../auth/auth.service';
import {
  findPartyForLink,
  insertUser as insertUserRow,
  makeUsersRepo,
  setPasswordHash,
  toUser,
  updateUser,
} from './users.repo';

export interface UsersServiceDeps {
  database: Database;
  audit: AuditService;
  clock: Clock;
  hasher: PasswordHasher;
  auth: Pick<AuthService, 'revokeUserSessions'>;
}

export type UsersService = ReturnType<typeof makeUsersService>;

/** What the audit trail shows of a user: never the password hash or TOTP seed. */
function auditView(user: Pick<UserRow, 'name' | 'email' | 'role' | 'is_active' | 'partner_party_id'>) {
  return {
    name: user.name,
    email: user.email,
    role: user.role,
    is_active: toBool(user.is_active),
    partner_party_id: user.partner_party_id,
  };
}

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

/**
 * A partner login must be linked to exactly one partner party (what the portal shows); staff logins to none.
 * Returns the party id to store.
 */
async function partnerLinkFor(tx: Tx, role: Role, partnerPartyId: number | null | undefined): Promise<number | null> {
  if (role !== 'partner') {
    if (partnerPartyId) {
      throw new AppError('VALIDATION_FAILED', 'partnerPartyId: only a partner login is linked to a partner', {
        field: 'partnerPartyId',
      });
    }
    return null;
  }
  if (!partnerPartyId) {
    throw new AppError('VALIDATION_FAILED', 'partnerPartyId: is required for a partner login', {
      field: 'partnerPartyId',
    });
  }
  const party = await findPartyForLink(tx, partnerPartyId);
  if (!party || !toBool(party.is_partner)) {
    throw new AppError('VALIDATION_FAILED', `partnerPartyId: party ${partnerPartyId} is not a partner`, {
      field: 'partnerPartyId',
    });
  }
  return party.id;
}

export function makeUsersService({ database, audit, clock, hasher, auth }: UsersServiceDeps) {
  const repo = makeUsersRepo(database);

  function list(query: ListUsersQuery): Promise<UserPage> {
    return repo.list(query);
  }

  async function get(id: number): Promise<User> {
    const row = await repo.findById(database.db, id);
    if (!row) throw new AppError('NOT_FOUND', `User ${id} not found`);
    return toUser(row);
  }

  function actorRole(ctx: RequestContext): Role {
    if (!ctx.actor.role) throw new AppError('FORBIDDEN', 'No role');
    return ctx.actor.role;
  }

  function assertMayAssign(ctx: RequestContext, role: Role) {
    if (!assignableRoles(actorRole(ctx)).includes(role)) {
      throw new AppError('OWNER_ONLY', `Only an owner can give the ${role} role`, { field: 'role' });
    }
  }

  /** Creates a user inside an existing transaction (setup and the CLI use this too). */
  async function insertUser(
    tx: Parameters<Parameters<Database['transaction']>[0]>[0],
    ctx: RequestContext,
    input: CreateUserInput,
  ): Promise<UserRow> {
    const now = clock.now().toISOString();
    const partnerPartyId = await partnerLinkFor(tx, input.role, input.partnerPartyId);
    const passwordHash = await hasher.hash(input.password);
    let row: UserRow;
    try {
      row = await insertUserRow(tx, {
        name: input.name,
        email: input.email.toLowerCase(),
        password_hash: passwordHash,
        role: input.role,
        is_active: true,
        totp_secret: null,
        totp_enabled: false,
        partner_party_id: partnerPartyId,
        password_changed_at: now,
        last_login_at: null,
        created_at: now,
        updated_at: now,
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new AppError('EMAIL_TAKEN', 'Another user already has this email', { field: 'email' });
      }
      throw error;
    }
    await audit.record(tx, ctx, {
      action: 'user.created',
      entity: 'user',
      entityId: row.id,
      changes: diffRecords(null, auditView(row)),
    });
    return row;
  }

  async function create(ctx: RequestContext, input: CreateUserInput): Promise<User> {
    assertMayAssign(ctx, input.role);
    assertStrongPassword(input.password, input.email);
    const existing = await repo.findByEmail(database.db, input.email);
    if (existing) throw new AppError('EMAIL_TAKEN', 'Another user already has this email', { field: 'email' });
    const row = await database.transaction((tx) => insertUser(tx, ctx, input));
    return toUser(row);
  }

  async function update(ctx: RequestContext, id: number, input: UpdateUserInput): Promise<User> {
    const role = actorRole(ctx);
    return database.transaction(async (tx) => {
      const before = await repo.findById(tx, id);
      if (!before) throw new AppError('NOT_FOUND', `User ${id} not found`);
      const isSelf = ctx.actor.type === 'user' && ctx.actor.id === id;
      const roleChanges = input.role !== undefined && input.role !== before.role;
      const activeChanges = input.isActive !== undefined && input.isActive !== toBool(before.is_active);

      if (isSelf && (roleChanges || activeChanges)) {
        throw new AppError('CANNOT_CHANGE_SELF', 'You cannot change your own role or disable yourself', {
          field: roleChanges ? 'role' : 'isActive',
        });
      }
      if (before.role === 'owner' && role !== 'owner' && (roleChanges || activeChanges)) {
        throw new AppError('OWNER_ONLY', 'Only an owner can change or disable an owner');
      }
      if (input.role !== undefined && roleChanges) assertMayAssign(ctx, input.role);
      const losesOwner =
        before.role === 'owner' && toBool(before.is_active) && (roleChanges || input.isActive === false);
      if (losesOwner && (await repo.countActiveOwners(tx)) <= 1) {
        throw new AppError('LAST_OWNER', 'The firm must keep at least one active owner');
      }

      // The link follows the role: kept when neither changes, required when becoming a partner, cleared otherwise.
      const nextRole = input.role ?? before.role;
      const linkChanges = roleChanges || input.partnerPartyId !== undefined;
      const partnerPartyId = linkChanges
        ? await partnerLinkFor(
            tx,
            nextRole,
            input.partnerPartyId !== undefined
              ? input.partnerPartyId
              : nextRole === 'partner'
                ? before.partner_party_id
                : null,
          )
        : before.partner_party_id;
      const after = await updateUser(tx, id, {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.role !== undefined ? { role: input.role } : {}),
        partner_party_id: partnerPartyId,
        ...(input.isActive !== undefined ? { is_active: input.isActive } : {}),
        updated_at: clock.now().toISOString(),
      });

      if (activeChanges && input.isActive === false) await auth.revokeUserSessions(tx, id, 'user_disabled');
      if (roleChanges || partnerPartyId !== before.partner_party_id) {
        await auth.revokeUserSessions(tx, id, 'role_changed');
      }

      const changes = diffRecords(auditView(before), auditView(after));
      if (Object.keys(changes).length > 0) {
        const action = activeChanges
          ? input.isActive
            ? 'user.enabled'
            : 'user.disabled'
          : roleChanges
            ? 'user.role_changed'
            : 'user.updated';
        await audit.record(tx, ctx, { action, entity: 'user', entityId: id, changes });
      }
      return toUser(after);
    });
  }

  async function resetPassword(ctx: RequestContext, id: number, password: string): Promise<void> {
    const role = actorRole(ctx);
    const target = await repo.findById(database.db, id);
    if (!target) throw new AppError('NOT_FOUND', `User ${id} not found`);
    if (target.role === 'owner' && role !== 'owner') {
      throw new AppError('OWNER_ONLY', "Only an owner can reset an owner's password");
    }
    assertStrongPassword(password, target.email);
    const passwordHash = await hasher.hash(password);
    await database.transaction(async (tx) => {
      const now = clock.now().toISOString();
      await setPasswordHash(tx, id, passwordHash, now);
      await auth.revokeUserSessions(tx, id, 'password_reset');
      await audit.record(tx, ctx, {
        action: 'user.password_reset',
        entity: 'user',
        entityId: id,
        changes: { password_hash: { before: null, after: null } },
      });
    });
  }

  return { list, get, create, update, resetPassword, insertUser, findByEmail: repo.findByEmail, count: repo.count };
}
