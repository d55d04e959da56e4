import { useEffect } from 'react';
import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { registerSW } from 'virtual:pwa-register';

const UPDATE_NOTIFICATION_ID = 'service-worker-update';
/** An open tab can live for days; look for a new release now and then, not only on navigation. */
const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Registers the service worker (production builds only) and, when a new version is installed and waiting, asks
 * before switching: reloading under someone's half-filled invoice would lose their work.
 */
export function ServiceWorkerUpdates() {
  useEffect(() => {
    // The dev server has no worker, so hot reload and the API proxy see every request.
    if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
    let timer: ReturnType<typeof setInterval> | undefined;
    const updateServiceWorker = registerSW({
      onNeedRefresh() {
        notifications.show({
          id: UPDATE_NOTIFICATION_ID,
          title: 'A new version is ready',
          autoClose: false,
          withCloseButton: true,
          message: (
            <Group justify="space-between" gap="sm" wrap="nowrap">
              <Text size="sm">Reload to start using it.</Text>
              <Button size="xs" onClick={() => void updateServiceWorker(true)}>
                Reload
              </Button>
            </Group>
          ),
        });
      },
      onRegisteredSW(_url, registration) {
        if (!registration) return;
        timer = setInterval(() => void registration.update().catch(() => undefined), UPDATE_CHECK_INTERVAL_MS);
      },
    });
    return () => clearInterval(timer);
  }, []);
  return null;
}
