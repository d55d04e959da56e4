import { useCallback, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import {
  Avatar,
  Badge,
  Button,
  CloseButton,
  Group,
  Paper,
  Select,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { IconFilterOff, IconPlus, IconSearch, IconUsers } from '@tabler/icons-react';
import type { User } from '@bizdash/contracts/users';
import { ROLES } from '@bizdash/domain/permissions';
import { useAuth, useMe } from '../../app/auth/auth-context';
import { initials } from '../../app/layout/user-menu';
import { DateTime } from '../../components/date-time';
import { ListPagination, useClampPage } from '../../components/list-pagination';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { RoleBadge } from '../../components/role-badge';
import { SortableTh } from '../../components/sortable-th';
import { TableSkeletonRows } from '../../components/table-skeleton';
import { ROLE_LABELS } from '../../lib/roles';
import { useUrlText } from '../../lib/use-url-text';
import { useUsers } from './api';
import { ChangeRoleModal } from './components/change-role-modal';
import { NewUserModal, type NewUserPrefill } from './components/new-user-modal';
import { ResetPasswordModal } from './components/reset-password-modal';
import { ToggleActiveModal } from './components/toggle-active-modal';
import { UserActionsMenu, type UserAction } from './components/user-actions';
import { UserDrawer } from './components/user-drawer';
import { StatusBadge, TwoFactorState } from './components/user-status';
import { PAGE_SIZES, useUserListParams, type SortField } from './url-state';

const ROLE_FILTER_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));
const STATUS_FILTER_OPTIONS = [
  { value: 'all', label: 'Any status' },
  { value: 'active', label: 'Active' },
  { value: 'disabled', label: 'Disabled' },
];
// Newest first is the useful first click on a date column; A→Z on a text column.
const FIRST_ORDER: Record<SortField, 'asc' | 'desc'> = {
  name: 'asc',
  email: 'asc',
  role: 'asc',
  createdAt: 'desc',
  lastLoginAt: 'desc',
};
const COLUMN_COUNT = 8;

export function UsersPage() {
  const me = useMe();
  const { can } = useAuth();
  const canManage = can('users.manage');
  const { params, update } = useUserListParams();
  const query = useUsers(params);

  const [search, setSearch] = useUrlText(params.q ?? '', (q) => update({ q: q || null }, { replace: true }));

  // "Invite to the portal" on a partner's page arrives here with the new-user form's prefill in the route state.
  const location = useLocation();
  const navigate = useNavigate();
  const invite = (location.state as { invite?: NewUserPrefill } | null)?.invite;
  const [isCreating, setCreating] = useState(invite !== undefined);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [roleTarget, setRoleTarget] = useState<User | null>(null);
  const [toggleTarget, setToggleTarget] = useState<User | null>(null);
  const [passwordTarget, setPasswordTarget] = useState<User | null>(null);

  const items = query.data?.items ?? [];
  const total = query.data?.total ?? 0;
  // The drawer follows the list's fresh data after an action (e.g. a role change shows at once).
  const selected = items.find((u) => u.id === selectedId) ?? null;

  function onAction(action: UserAction, user: User) {
    if (action === 'role') setRoleTarget(user);
    else if (action === 'toggle') setToggleTarget(user);
    else setPasswordTarget(user);
  }

  function sortBy(field: SortField) {
    if (params.sort === field) update({ sort: field, order: params.order === 'asc' ? 'desc' : 'asc' });
    else update({ sort: field, order: FIRST_ORDER[field] });
  }

  const th = (field: SortField, label: string, w?: number) => (
    <SortableTh isSorted={params.sort === field} order={params.order} onSort={() => sortBy(field)} w={w}>
      {label}
    </SortableTh>
  );

  const hasFilters = Boolean(params.q || params.role || params.status !== 'all');

  // A page past the end (after a filter or a deletion) jumps back to the last real page.
  const clampTo = useCallback((page: number) => update({ page }, { replace: true }), [update]);
  useClampPage(query.data, params.page, params.pageSize, clampTo);

  return (
    <>
      <PageHeader
        title="Users"
        description="People who can log in to BizDash, their roles and how they sign in."
        actions={
          canManage ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              New user
            </Button>
          ) : null
        }
      />

      <Paper withBorder p={0}>
        <Group gap="sm" p="md" wrap="wrap" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
          <TextInput
            aria-label="Search users"
            placeholder="Search name or email"
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            rightSection={
              search ? <CloseButton size="sm" aria-label="Clear search" onClick={() => setSearch('')} /> : null
            }
            style={{ flex: '1 1 240px' }}
            maw={360}
          />
          <Select
            aria-label="Filter by role"
            placeholder="Any role"
            data={ROLE_FILTER_OPTIONS}
            value={params.role ?? null}
            onChange={(value) => update({ role: value })}
            clearable
            w={160}
          />
          <Select
            aria-label="Filter by status"
            data={STATUS_FILTER_OPTIONS}
            value={params.status}
            onChange={(value) => update({ status: value ?? 'all' })}
            allowDeselect={false}
            w={150}
          />
          {hasFilters ? (
            <Button
              variant="subtle"
              color="gray"
              leftSection={<IconFilterOff size={16} />}
              onClick={() => {
                setSearch('');
                update({ q: null, role: null, status: null });
              }}
            >
              Clear filters
            </Button>
          ) : null}
        </Group>

        {query.isError && !query.data ? (
          <div style={{ padding: 'var(--mantine-spacing-md)' }}>
            <QueryError
              error={query.error}
              what="users"
              onRetry={() => void query.refetch()}
              isRetrying={query.isFetching}
            />
          </div>
        ) : (
          <Table.ScrollContainer minWidth={960} type="native">
            <Table
              highlightOnHover={items.length > 0}
              verticalSpacing="sm"
              style={{ opacity: query.isPlaceholderData ? 0.6 : 1, transition: 'opacity 120ms' }}
              data-testid="users-table"
            >
              <Table.Thead>
                <Table.Tr>
                  {th('name', 'Name')}
                  {th('email', 'Email')}
                  {th('role', 'Role')}
                  <Table.Th>Status</Table.Th>
                  <Table.Th>2FA</Table.Th>
                  {th('lastLoginAt', 'Last login')}
                  {th('createdAt', 'Created')}
                  <Table.Th w={56}>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.isPending ? (
                  <TableSkeletonRows columns={COLUMN_COUNT} />
                ) : items.length === 0 ? (
                  <Table.Tr>
                    <Table.Td colSpan={COLUMN_COUNT}>
                      <Group justify="center" py={40} gap="xs" c="dimmed">
                        <IconUsers size={20} />
                        <Text size="sm" inherit>
                          {hasFilters ? 'No users match these filters.' : 'No users yet.'}
                        </Text>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ) : (
                  items.map((user) => (
                    <Table.Tr
                      key={user.id}
                      className="row-clickable"
                      onClick={() => setSelectedId(user.id)}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter' && e.target === e.currentTarget) setSelectedId(user.id);
                      }}
                      tabIndex={0}
                      aria-label={`${user.name}, open details`}
                      data-testid={`user-row-${user.id}`}
                    >
                      <Table.Td>
                        <Group gap="sm" wrap="nowrap">
                          <Avatar size={30} radius="xl" color={user.isActive ? 'indigo' : 'gray'} variant="light">
                            {initials(user.name)}
                          </Avatar>
                          <Text
                            size="sm"
                            fw={500}
                            c={user.isActive ? undefined : 'dimmed'}
                            style={{ whiteSpace: 'nowrap' }}
                          >
                            {user.name}
                          </Text>
                          {user.id === me.id ? (
                            <Badge size="xs" variant="outline" color="gray">
                              You
                            </Badge>
                          ) : null}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" c={user.isActive ? undefined : 'dimmed'}>
                          {user.email}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <RoleBadge role={user.role} />
                      </Table.Td>
                      <Table.Td>
                        <StatusBadge isActive={user.isActive} />
                      </Table.Td>
                      <Table.Td>
                        <TwoFactorState enabled={user.totpEnabled} />
                      </Table.Td>
                      <Table.Td>
                        {user.lastLoginAt ? (
                          <DateTime value={user.lastLoginAt} />
                        ) : (
                          <Text size="sm" c="dimmed">
                            Never
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <DateTime value={user.createdAt} dateOnly />
                      </Table.Td>
                      <Table.Td onClick={(e) => e.stopPropagation()}>
                        {canManage ? <UserActionsMenu user={user} me={me} onAction={onAction} /> : null}
                      </Table.Td>
                    </Table.Tr>
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>

      {query.data ? (
        <ListPagination
          page={params.page}
          pageSize={params.pageSize}
          total={total}
          pageSizes={PAGE_SIZES}
          noun={total === 1 ? 'user' : 'users'}
          onPageChange={(page) => update({ page })}
          onPageSizeChange={(pageSize) => update({ pageSize })}
        />
      ) : null}

      {canManage ? (
        <NewUserModal
          opened={isCreating}
          prefill={invite}
          onClose={() => {
            setCreating(false);
            // Drop the invite so a reload or the next "New user" starts blank.
            if (invite) void navigate(`${location.pathname}${location.search}`, { replace: true, state: null });
          }}
        />
      ) : null}
      <UserDrawer user={selected} onClose={() => setSelectedId(null)} onAction={onAction} />
      <ChangeRoleModal user={roleTarget} onClose={() => setRoleTarget(null)} />
      <ToggleActiveModal user={toggleTarget} onClose={() => setToggleTarget(null)} />
      <ResetPasswordModal user={passwordTarget} onClose={() => setPasswordTarget(null)} />
    </>
  );
}
