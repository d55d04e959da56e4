import type { ReactNode } from 'react';
import { Group, Paper, Stack, Text, Title } from '@mantine/core';

interface SectionCardProps {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  testId?: string;
}

/** A titled card for one part of a settings-style page. */
export function SectionCard({ title, description, actions, children, testId }: SectionCardProps) {
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} data-testid={testId} component="section" aria-label={title}>
      <Group justify="space-between" align="flex-start" mb="md" gap="sm" wrap="wrap">
        <Stack gap={2} style={{ minWidth: 0, flex: '1 1 280px' }}>
          <Title order={3} fz="lg">
            {title}
          </Title>
          {description ? (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          ) : null}
        </Stack>
        {actions}
      </Group>
      {children}
    </Paper>
  );
}
