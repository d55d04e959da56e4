import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { Avatar, Badge, Button, Group, Select, Text, VisuallyHidden } from '@mantine/core';
import { IconPlus, IconUsers } from '@tabler/icons-react';
import type { User } from '@bizdash/contracts/users';
import { ROLES } from '@bizdash/domain/permissions';
import { useAuth, useMe } from '../../app/auth/auth-context';
import { initials } from '../../app/layout/user-menu';
import { DateTime } from '../../components/date-time';
import { ListPage, type ListColumn } from '../../components/list-page/list-page';
import { ListSearch } from '../../components/list-page/list-search';
import { RoleBadge } from '../../components/role-badge';
import { ROLE_LABELS } from '../../lib/roles';
import { useUsers } from './api';
import { ChangeRoleModal } from './components/change-role-modal';
import { NewUserModal, type NewUserPrefill } from './components/new-user-modal';
import { ResetPasswordModal } from './components/reset-password-modal';
import { ToggleActiveModal } from './components/toggle-active-modal';
import { UserActionsMenu, type UserAction } from './components/user-actions';
import { UserDrawer } from './components/user-drawer';
import { StatusBadge, TwoFactorState } from './components/user-status';
import { USER_LIST, useUserListState } from './url-state';

const ROLE_FILTER_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));
const STATUS_FILTER_OPTIONS = [
  { value: 'all', label: 'Any status' },
  { value: 'active', label: 'Active' },
  { value: 'disabled', label: 'Disabled' },
];

export function UsersPage() {
  const me = useMe();
  const { can } = useAuth();
  const canManage = can('users.manage');
  const list = useUserListState();
  const { state: params, update } = list;
  const query = useUsers(params);

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

  const actions = (user: User) => (canManage ? <UserActionsMenu user={user} me={me} onAction={onAction} /> : null);

  const columns: ListColumn<User>[] = [
    { key: 'name', label: 'Name', sort: 'name', render: (user) => <UserName user={user} isMe={user.id === me.id} /> },
    {
      key: 'email',
      label: 'Email',
      sort: 'email',
      render: (user) => (
        <Text size="sm" c={user.isActive ? undefined : 'dimmed'}>
          {user.email}
        </Text>
      ),
    },
    { key: 'role', label: 'Role', sort: 'role', render: (user) => <RoleBadge role={user.role} /> },
    { key: 'status', label: 'Status', render: (user) => <StatusBadge isActive={user.isActive} /> },
    { key: '2fa', label: '2FA', render: (user) => <TwoFactorState enabled={user.totpEnabled} /> },
    {
      key: 'lastLoginAt',
      label: 'Last login',
      sort: 'lastLoginAt',
      render: (user) =>
        user.lastLoginAt ? (
          <DateTime value={user.lastLoginAt} />
        ) : (
          <Text size="sm" c="dimmed">
            Never
          </Text>
        ),
    },
    {
      key: 'createdAt',
      label: 'Created',
      sort: 'createdAt',
      render: (user) => <DateTime value={user.createdAt} dateOnly />,
    },
    { key: 'actions', label: <VisuallyHidden>Actions</VisuallyHidden>, w: 56, isControl: true, render: actions },
  ];

  return (
    <>
      <ListPage
        title="Users"
        description="People who can log in to BizDash, their roles and how they sign in."
        actions={
          canManage ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              New user
            </Button>
          ) : null
        }
        filters={
          <>
            <ListSearch
              aria-label="Search users"
              placeholder="Search name or email"
              value={params.q}
              onCommit={(q) => update({ q }, { replace: true })}
            />
            <Select
              aria-label="Filter by role"
              placeholder="Any role"
              data={ROLE_FILTER_OPTIONS}
              value={params.role ?? null}
              onChange={(value) => update({ role: value })}
              clearable
              w={{ base: '100%', xs: 160 }}
            />
            <Select
              aria-label="Filter by status"
              data={STATUS_FILTER_OPTIONS}
              value={params.status}
              onChange={(value) => update({ status: value ?? 'all' })}
              allowDeselect={false}
              w={{ base: '100%', xs: 150 }}
            />
          </>
        }
        activeFilterCount={list.activeFilterCount}
        onClearFilters={list.clearFilters}
        query={query}
        what="users"
        columns={columns}
        rowKey={(user) => user.id}
        rowProps={(user) => ({
          onOpen: () => setSelectedId(user.id),
          ariaLabel: `${user.name}, open details`,
          testId: `user-row-${user.id}`,
          cardTestId: `user-card-${user.id}`,
        })}
        sort={{ key: params.sort, order: params.order, onSort: (key) => list.sortBy(key as typeof params.sort) }}
        renderCard={(user) => (
          <>
            <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
              <UserName user={user} isMe={user.id === me.id} />
              {actions(user)}
            </Group>
            <Text size="xs" c="dimmed" mt={4} style={{ overflowWrap: 'anywhere' }}>
              {user.email}
            </Text>
            <Group gap={6} mt={6} wrap="wrap">
              <RoleBadge role={user.role} />
              <StatusBadge isActive={user.isActive} />
            </Group>
            <Text size="xs" c="dimmed" mt={6}>
              Last login {user.lastLoginAt ? <DateTime value={user.lastLoginAt} /> : 'never'}
            </Text>
          </>
        )}
        tableTestId="users-table"
        cardsTestId="users-cards"
        minWidth={960}
        emptyIcon={<IconUsers size={20} />}
        emptyText="No users yet."
        noMatchText="No users match these filters."
        paging={{
          page: params.page,
          pageSize: params.pageSize,
          pageSizes: USER_LIST.pageSizes,
          noun: total === 1 ? 'user' : 'users',
          onChange: update,
        }}
      />

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

function UserName({ user, isMe }: { user: User; isMe: boolean }) {
  return (
    <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
      <Avatar size={30} radius="xl" color={user.isActive ? 'indigo' : 'gray'} variant="light">
        {initials(user.name)}
      </Avatar>
      <Text size="sm" fw={500} c={user.isActive ? undefined : 'dimmed'} style={{ whiteSpace: 'nowrap' }} truncate>
        {user.name}
      </Text>
      {isMe ? (
        <Badge size="xs" variant="outline" color="gray">
          You
        </Badge>
      ) : null}
    </Group>
  );
}
