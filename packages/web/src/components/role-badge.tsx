import { Badge, type BadgeProps } from '@mantine/core';
import type { Role } from '@bizdash/domain/permissions';
import { ROLE_COLORS, ROLE_LABELS } from '../lib/roles';

export function RoleBadge({ role, ...props }: { role: Role } & Omit<BadgeProps, 'color' | 'children'>) {
  return (
    <Badge variant="light" color={ROLE_COLORS[role]} {...props}>
      {ROLE_LABELS[role]}
    </Badge>
  );
}
