/**
 * Renders a component as the app does (Mantine theme in its test mode: no transitions or portals, dates, notifications, TanStack Query, a router) with a
 * signed-in user whose permissions are those of `role` (from the domain's role table, as the server sends them).
 */
import type { ReactElement, ReactNode } from 'react';
import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { Me } from '@bizdash/contracts/auth';
import { ROLE_PERMISSIONS, type Action, type Role } from '@bizdash/domain/permissions';
import { AuthContext, type AuthContextValue, type SessionUser } from '../src/app/auth/auth-context';
import { theme } from '../src/app/theme';

export function meFor(role: Role, patch: Partial<Me> = {}): SessionUser {
  return Me.parse({
    id: 1,
    name: 'Asha Rao',
    email: 'asha@example.in',
    role,
    permissions: [...ROLE_PERMISSIONS[role]],
    totpEnabled: false,
    lastLoginAt: null,
    ...patch,
  });
}

function authValue(me: SessionUser): AuthContextValue {
  const permissions = new Set<Action>(me.permissions);
  return {
    status: 'authenticated',
    me,
    businessName: 'Test Traders',
    isMeLoading: false,
    meError: null,
    refetchMe: () => {},
    signedOutReason: null,
    login: async () => {},
    logout: async () => {},
    markSetupDone: () => {},
    retryBoot: () => {},
    can: (action) => permissions.has(action),
  };
}

/**
 * The current location, for asserting navigation (`screen.getByTestId('location')`). The component under test is
 * rendered inside `data-testid="subject"`, apart from Mantine's style tags and this probe.
 */
function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{`${location.pathname}${location.search}`}</output>;
}

/**
 * Puts text into a field at once (a paste: one change event), for fields a test fills but is not about; typing
 * key by key re-renders a large form per character.
 */
export async function fill(user: ReturnType<typeof userEvent.setup>, field: HTMLElement, text: string): Promise<void> {
  await user.clear(field);
  await user.click(field);
  await user.paste(text);
}

export interface RenderOptions {
  role?: Role;
  /** Where the router starts, e.g. "/parties?page=2". */
  route?: string;
  /** Route pattern the element is mounted at, so useParams works ("/parties/:id/edit"). Default: every path. */
  path?: string;
}

export function renderWithApp(ui: ReactElement, { role = 'owner', route = '/', path = '*' }: RenderOptions = {}) {
  // No retries and no refetch on focus: a test sees each request exactly once, and an error straight away.
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false }, mutations: { retry: false } },
  });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <MantineProvider theme={theme} env="test">
      <DatesProvider settings={{ locale: 'en', firstDayOfWeek: 1 }}>
        <Notifications />
        <QueryClientProvider client={queryClient}>
          <MemoryRouter initialEntries={[route]}>
            <AuthContext value={authValue(meFor(role))}>
              <Routes>
                <Route path={path} element={<div data-testid="subject">{children}</div>} />
                {path === '*' ? null : <Route path="*" element={null} />}
              </Routes>
              <LocationProbe />
            </AuthContext>
          </MemoryRouter>
        </QueryClientProvider>
      </DatesProvider>
    </MantineProvider>
  );
  // No pause between keystrokes: typing is instant, as it is for the component.
  const user = userEvent.setup({ delay: null });
  return { ...render(ui, { wrapper }), user, queryClient };
}
