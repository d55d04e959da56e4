import type { ComponentType, ReactNode } from 'react';
import { EmptyState, List, Paper, SimpleGrid, Text, ThemeIcon } from '@mantine/core';
import { IconCheck, type IconProps } from '@tabler/icons-react';

interface AreaIntroProps {
  icon: ComponentType<IconProps>;
  heading: string;
  children: ReactNode;
  /** What this area holds, one line each. */
  points?: readonly string[];
  actions?: ReactNode;
}

/** The empty state of an area that has no records yet: what it will hold and how it fits the rest of BizDash. */
export function AreaIntro({ icon: Icon, heading, children, points = [], actions }: AreaIntroProps) {
  return (
    <Paper withBorder p={{ base: 'lg', sm: 'xl' }} data-testid="area-intro">
      <EmptyState
        variant="light"
        size="lg"
        icon={<Icon size={30} stroke={1.5} />}
        title={heading}
        description={
          <Text c="dimmed" maw={560} mx="auto">
            {children}
          </Text>
        }
        py="md"
      >
        {points.length > 0 ? (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing="xs" maw={640} mx="auto" mt="md" ta="left">
            {points.map((point) => (
              <List
                key={point}
                size="sm"
                spacing={0}
                icon={
                  <ThemeIcon size={20} radius="xl" variant="light" color="teal">
                    <IconCheck size={12} stroke={2.5} />
                  </ThemeIcon>
                }
              >
                <List.Item>{point}</List.Item>
              </List>
            ))}
          </SimpleGrid>
        ) : null}
        {actions ? <EmptyState.Actions mt="lg">{actions}</EmptyState.Actions> : null}
      </EmptyState>
    </Paper>
  );
}
