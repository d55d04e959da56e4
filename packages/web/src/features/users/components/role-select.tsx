import { Select, Stack, Text, type SelectProps } from '@mantine/core';
import type { Role } from '@bizdash/domain/permissions';
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from '../../../lib/roles';

interface RoleSelectProps extends Omit<SelectProps, 'data' | 'value' | 'onChange'> {
  roles: readonly Role[];
  value: Role | null;
  onChange: (role: Role | null) => void;
}

const renderOption: SelectProps['renderOption'] = ({ option }) => (
  <Stack gap={0}>
    <Text size="sm">{option.label}</Text>
    <Text size="xs" c="dimmed">
      {ROLE_DESCRIPTIONS[option.value as Role]}
    </Text>
  </Stack>
); // option values come from `roles` below

/** A role picker showing what each role may do. */
export function RoleSelect({ roles, value, onChange, ...props }: RoleSelectProps) {
  return (
    <Select
      {...props}
      data={roles.map((role) => ({ value: role, label: ROLE_LABELS[role] }))}
      value={value}
      onChange={(v) => onChange((v as Role | null) ?? null)} // v is one of `roles`
      renderOption={renderOption}
      allowDeselect={false}
      maxDropdownHeight={320}
    />
  );
}
