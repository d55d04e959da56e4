import type { ReactNode } from 'react';
import { Button, Center, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconPlugConnectedX } from '@tabler/icons-react';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { Action } from '@bizdash/domain/permissions';
import { FullPageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { ForbiddenPage } from '../../components/status-page';
import { NAV_ITEMS, homePath } from '../navigation';
import { useAuth } from './auth-context';

/** Where the user was headed before being sent to /login (only same-app paths). */
export interface LoginRedirectState {
  from?: string;
}

function ServerUnreachable() {
  const { retryBoot } = useAuth();
  return (
    <Center mih="100vh" px="md">
      <Stack align="center" gap="sm" maw={440} ta="center">
        <ThemeIcon size={60} radius="xl" variant="light" color="orange">
          <IconPlugConnectedX size={30} />
        </ThemeIcon>
        <Title order={2}>Can't reach BizDash</Title>
        <Text c="dimmed">
          The BizDash server isn't answering. It may be restarting, or this device may be offline. Check the connection
          and try again.
        </Text>
        <Button onClick={retryBoot} mt="xs">
          Try again
        </Button>
      </Stack>
    </Center>
  );
}

/** Renders children only once boot has settled; handles the unreachable and first-run cases for every route. */
export function BootGate({ children }: { children: ReactNode }) {
  const { status } = useAuth();
  if (status === 'booting') return <FullPageLoader />;
  if (status === 'unreachable') return <ServerUnreachable />;
  return children;
}

/** Signed-in routes: sends anonymous users to /login (remembering where they were going) and waits for Me. */
export function RequireAuth() {
  const { status, me, meError, refetchMe } = useAuth();
  const location = useLocation();
  if (status === 'setup') return <Navigate to="/setup" replace />;
  if (status !== 'authenticated') {
    const state: LoginRedirectState = { from: `${location.pathname}${location.search}` };
    return <Navigate to="/login" replace state={state} />;
  }
  if (!me) {
    if (meError) {
      return (
        <Center mih="100vh" px="md">
          <Stack maw={480} w="100%">
            <QueryError error={meError} what="your account" onRetry={refetchMe} />
          </Stack>
        </Center>
      );
    }
    return <FullPageLoader label="Loading your workspace…" />;
  }
  return <Outlet />;
}

/** Public-only routes (/login): a signed-in user goes home; a fresh install goes to /setup. */
export function RedirectIfSignedIn() {
  const { status, can, me } = useAuth();
  const location = useLocation();
  if (status === 'setup') return <Navigate to="/setup" replace />;
  if (status === 'authenticated') {
    if (!me) return <FullPageLoader label="Signing you in…" />;
    const from = (location.state as LoginRedirectState | null)?.from; // state is only ever set by RequireAuth
    return <Navigate to={from && isReturnPathAllowed(from, can) ? from : homePath(can)} replace />;
  }
  return <Outlet />;
}

/**
 * Send someone back to where they were only if it is an in-app path their role may open: after an expired session a
 * different person may log in on the same screen.
 */
function isReturnPathAllowed(from: string, can: (action: Action) => boolean): boolean {
  if (!from.startsWith('/') || from.startsWith('//') || from.startsWith('/login') || from.startsWith('/setup'))
    return false;
  const pathname = from.split(/[?#]/)[0] ?? from;
  const area = NAV_ITEMS.find((item) => pathname === item.path || pathname.startsWith(`${item.path}/`));
  return area ? can(area.action) : true;
}

/** /setup is only open while the server says setup is needed. */
export function RequireSetup() {
  const { status } = useAuth();
  if (status === 'setup') return <Outlet />;
  if (status === 'authenticated') return <Navigate to="/" replace />;
  return <Navigate to="/login" replace />;
}

/** Opens the page only when the user's permissions include `action`; otherwise a 403 page. */
export function RequirePermission({ action, children }: { action: Action; children: ReactNode }) {
  const { can } = useAuth();
  return can(action) ? children : <ForbiddenPage />;
}

export function HomeRedirect() {
  const { can } = useAuth();
  return <Navigate to={homePath(can)} replace />;
}
