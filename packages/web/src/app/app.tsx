import { useState } from 'react';
import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import { createQueryClient } from '../lib/query-client';
import { AuthProvider } from './auth/auth-provider';
import { BootGate } from './auth/guards';
import { AppRoutes } from './router';
import { ServiceWorkerUpdates } from './service-worker-updates';
import { colorSchemeManager, theme } from './theme';

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <MantineProvider theme={theme} colorSchemeManager={colorSchemeManager} defaultColorScheme="light">
      <DatesProvider settings={{ locale: 'en', firstDayOfWeek: 1, consistentWeeks: true }}>
        <Notifications position="bottom-right" limit={4} />
        <ServiceWorkerUpdates />
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <AuthProvider>
              <BootGate>
                <AppRoutes />
              </BootGate>
            </AuthProvider>
          </BrowserRouter>
        </QueryClientProvider>
      </DatesProvider>
    </MantineProvider>
  );
}
