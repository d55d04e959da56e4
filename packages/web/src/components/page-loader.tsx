import { Center, Loader, Stack, Text } from '@mantine/core';
import { BrandMark } from './brand-mark';

/** While a lazily loaded page's code arrives. */
export function PageLoader() {
  return (
    <Center py={80} aria-busy="true" aria-label="Loading">
      <Loader size="md" type="dots" />
    </Center>
  );
}

/** Before the app knows who is logged in. */
export function FullPageLoader({ label = 'Loading BizDash…' }: { label?: string }) {
  return (
    <Center mih="100vh" aria-busy="true">
      <Stack align="center" gap="md">
        <BrandMark size={44} />
        <Loader size="sm" type="dots" />
        <Text size="sm" c="dimmed">
          {label}
        </Text>
      </Stack>
    </Center>
  );
}
