import { Badge, Group } from '@mantine/core';
import type { PartyRole } from '@bizdash/contracts/parties';
import { ROLE_COLORS, ROLE_LABELS } from '../labels';

export function PartyRoleBadges({ roles }: { roles: readonly PartyRole[] }) {
  return (
    <Group gap={4} wrap="nowrap">
      {roles.map((role) => (
        <Badge key={role} size="sm" variant="light" color={ROLE_COLORS[role]}>
          {ROLE_LABELS[role]}
        </Badge>
      ))}
    </Group>
  );
}
