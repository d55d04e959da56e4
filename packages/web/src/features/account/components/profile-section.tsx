import { Avatar, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMe } from '../../../app/auth/auth-context';
import { initials } from '../../../app/layout/user-menu';
import { DateTime } from '../../../components/date-time';
import { RoleBadge } from '../../../components/role-badge';
import { SectionCard } from './section-card';

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" lts={0.3}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

export function ProfileSection() {
  const me = useMe();
  return (
    <SectionCard
      title="Profile"
      description="Your name and role are managed by the owner or an admin of your business."
      testId="account-profile"
    >
      <Group gap="lg" align="center" wrap="nowrap">
        <Avatar size={56} radius="xl" color="indigo" variant="light" visibleFrom="xs">
          {initials(me.name)}
        </Avatar>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md" style={{ flex: 1 }}>
          <Fact label="Name">{me.name}</Fact>
          <Fact label="Email">
            <Text size="sm" style={{ wordBreak: 'break-all' }}>
              {me.email}
            </Text>
          </Fact>
          <Fact label="Role">
            <RoleBadge role={me.role} />
          </Fact>
          <Fact label="Last login">
            {me.lastLoginAt ? (
              <DateTime value={me.lastLoginAt} />
            ) : (
              <Text span size="sm" c="dimmed">
                This is your first
              </Text>
            )}
          </Fact>
        </SimpleGrid>
      </Group>
    </SectionCard>
  );
}
