import { useEffect, useMemo, useState } from 'react';
import { Button, FileButton, Group, Image, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPhotoUp, IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { BusinessSettings } from '@bizdash/contracts/settings';
import { api, apiBlob, uploadWithProgress } from '../../lib/api';
import { errorMessage } from '../../lib/errors';
import { settingsKeys } from './api';

/** The logo printed on invoices: PNG or JPEG up to 1 MB, checked by the server from its bytes. */
export function LogoCard({ business, canManage }: { business: BusinessSettings; canManage: boolean }) {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const logoUrl = business.logoUrl;
  // The picture needs the session's token, so it is fetched and shown through an object URL.
  const picture = useQuery({
    queryKey: ['settings', 'logo', logoUrl],
    queryFn: async () => (await apiBlob(logoUrl?.replace(/^\/api\/v1/, '') ?? '')).blob,
    enabled: logoUrl !== null,
    staleTime: Infinity,
  });
  const objectUrl = useMemo(() => (picture.data ? URL.createObjectURL(picture.data) : null), [picture.data]);
  useEffect(() => () => (objectUrl ? URL.revokeObjectURL(objectUrl) : undefined), [objectUrl]);

  async function run(action: () => Promise<unknown>, done: string) {
    setBusy(true);
    try {
      await action();
      await queryClient.invalidateQueries({ queryKey: settingsKeys.all });
      notifications.show({ color: 'green', message: done });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Logo not saved', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="lg" mb="lg">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4}>
          <Title order={4}>Logo</Title>
          <Text size="sm" c="dimmed">
            Your business's mark, PNG or JPEG, at most 1 MB. Printed at the top of invoices and notes; an issued
            document keeps the logo it was issued with.
          </Text>
        </Stack>
        <Group gap="md">
          {logoUrl && objectUrl ? (
            <Image src={objectUrl} alt="Business logo" h={56} w="auto" fit="contain" data-testid="business-logo" />
          ) : (
            <Text size="sm" c="dimmed">
              No logo yet
            </Text>
          )}
          {canManage ? (
            <>
              <FileButton
                accept="image/png,image/jpeg"
                onChange={(file) =>
                  file &&
                  void run(
                    () =>
                      uploadWithProgress<BusinessSettings>('/settings/business/logo', file, {
                        method: 'PUT',
                        contentType: file.type === 'image/jpeg' ? 'image/jpeg' : 'image/png',
                      }),
                    'Logo saved',
                  )
                }
              >
                {(props) => (
                  <Button {...props} variant="default" leftSection={<IconPhotoUp size={16} />} loading={busy}>
                    {logoUrl ? 'Replace' : 'Upload logo'}
                  </Button>
                )}
              </FileButton>
              {logoUrl ? (
                <Button
                  variant="subtle"
                  color="red"
                  leftSection={<IconTrash size={16} />}
                  onClick={() => void run(() => api.delete('/settings/business/logo'), 'Logo removed')}
                  disabled={busy}
                >
                  Remove
                </Button>
              ) : null}
            </>
          ) : null}
        </Group>
      </Group>
    </Paper>
  );
}
