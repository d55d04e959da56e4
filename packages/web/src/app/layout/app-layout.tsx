import { Suspense } from 'react';
import {
  ActionIcon,
  AppShell,
  Avatar,
  Box,
  Burger,
  Divider,
  Group,
  Kbd,
  ScrollArea,
  Text,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure, useOs } from '@mantine/hooks';
import { spotlight } from '@mantine/spotlight';
import { IconLogout, IconSearch } from '@tabler/icons-react';
import { Link, Outlet, useLocation } from 'react-router';
import { ErrorBoundary } from '../../components/error-boundary';
import { PageLoader } from '../../components/page-loader';
import { RoleBadge } from '../../components/role-badge';
import { useAuth, useMe } from '../auth/auth-context';
import { CommandPalette } from './command-palette';
import { NavMenu } from './nav-menu';
import { UserMenu, initials } from './user-menu';
import { BrandMark } from '../../components/brand-mark';
import { NotificationBell } from '../../features/orders/notification-bell';

function SearchButton() {
  const os = useOs();
  const mod = os === 'macos' || os === 'ios' ? '⌘' : 'Ctrl';
  return (
    <>
      <UnstyledButton
        onClick={() => spotlight.open()}
        visibleFrom="md"
        aria-label="Search and jump to (Ctrl+K)"
        px="sm"
        h={34}
        w={260}
        style={{
          border: '1px solid var(--mantine-color-default-border)',
          borderRadius: 'var(--mantine-radius-md)',
          background: 'var(--mantine-color-default)',
        }}
      >
        <Group gap={8} justify="space-between" wrap="nowrap">
          <Group gap={8} wrap="nowrap">
            <IconSearch size={15} stroke={1.6} color="var(--mantine-color-dimmed)" />
            <Text size="sm" c="dimmed">
              Search or jump to…
            </Text>
          </Group>
          <Group gap={2} wrap="nowrap">
            <Kbd size="xs">{mod}</Kbd>
            <Kbd size="xs">K</Kbd>
          </Group>
        </Group>
      </UnstyledButton>
      <ActionIcon
        variant="default"
        size={34}
        hiddenFrom="md"
        onClick={() => spotlight.open()}
        aria-label="Search and jump to"
      >
        <IconSearch size={17} stroke={1.6} />
      </ActionIcon>
    </>
  );
}

function SidebarFooter() {
  const me = useMe();
  const { logout } = useAuth();
  return (
    <Box>
      <Divider mb="sm" />
      <Group gap="sm" wrap="nowrap" px={4}>
        <Avatar radius="xl" size={34} color="indigo" variant="light">
          {initials(me.name)}
        </Avatar>
        <div style={{ minWidth: 0, flex: 1 }}>
          <Text size="sm" fw={600} truncate>
            {me.name}
          </Text>
          <RoleBadge role={me.role} size="xs" />
        </div>
        <Tooltip label="Log out">
          <ActionIcon variant="subtle" color="gray" onClick={() => void logout()} aria-label="Log out" size="lg">
            <IconLogout size={18} stroke={1.6} />
          </ActionIcon>
        </Tooltip>
      </Group>
    </Box>
  );
}

/** The signed-in frame: header, permission-filtered sidebar (a drawer on phones) and the routed page. */
export function AppLayout() {
  const [navOpened, nav] = useDisclosure(false);
  const { businessName } = useAuth();
  const location = useLocation();

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 248, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding={{ base: 'md', sm: 'lg' }}
    >
      <AppShell.Header>
        <Group h="100%" px={{ base: 'sm', sm: 'md' }} justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger opened={navOpened} onClick={nav.toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Link to="/" style={{ textDecoration: 'none', color: 'inherit' }} aria-label="BizDash home">
              <Group gap={8} wrap="nowrap">
                <BrandMark size={28} />
                <Text fw={750} size="lg" lts={-0.2}>
                  BizDash
                </Text>
              </Group>
            </Link>
            {businessName ? (
              <>
                <Divider orientation="vertical" visibleFrom="xs" my={18} />
                <Text size="sm" c="dimmed" fw={500} truncate visibleFrom="xs" maw={280} data-testid="business-name">
                  {businessName}
                </Text>
              </>
            ) : null}
          </Group>
          <Group gap={8} wrap="nowrap">
            <SearchButton />
            <NotificationBell />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm">
        <AppShell.Section grow component={ScrollArea} scrollbarSize={6}>
          <NavMenu onNavigate={nav.close} />
        </AppShell.Section>
        <AppShell.Section pt="sm">
          <SidebarFooter />
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main>
        <Box maw={1400} mx="auto">
          <ErrorBoundary resetKey={location.pathname}>
            <Suspense fallback={<PageLoader />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </Box>
      </AppShell.Main>
      <CommandPalette />
    </AppShell>
  );
}
