import { Badge, Group, Text } from '@mantine/core';
import { IconShieldCheck, IconShieldOff } from '@tabler/icons-react';

export function StatusBadge({ isActive }: { isActive: boolean }) {
  return isActive ? (
    <Badge color="teal" variant="dot">
      Active
    </Badge>
  ) : (
    <Badge color="gray" variant="dot">
      Disabled
    </Badge>
  );
}

export function TwoFactorState({ enabled }: { enabled: boolean }) {
  return enabled ? (
    <Group gap={4} wrap="nowrap" c="teal">
      <IconShieldCheck size={16} />
      <Text size="sm" inherit>
        On
      </Text>
    </Group>
  ) : (
    <Group gap={4} wrap="nowrap" c="dimmed">
      <IconShieldOff size={16} />
      <Text size="sm" inherit>
        Off
      </Text>
    </Group>
  );
}
