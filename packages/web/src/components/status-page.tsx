import type { ReactNode } from 'react';
import { Button, Center, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconError404, IconLock } from '@tabler/icons-react';
import { Link } from 'react-router';

interface StatusPageProps {
  icon: ReactNode;
  title: string;
  children: ReactNode;
  action?: ReactNode;
  testId?: string;
}

function StatusPage({ icon, title, children, action, testId }: StatusPageProps) {
  useDocumentTitle(`${title} · BizDash`);
  return (
    <Center py={80} px="md" data-testid={testId}>
      <Stack align="center" gap="sm" maw={560} ta="center">
        <ThemeIcon size={64} radius="xl" variant="light" color="gray">
          {icon}
        </ThemeIcon>
        <Title order={2}>{title}</Title>
        <Text c="dimmed">{children}</Text>
        {action}
      </Stack>
    </Center>
  );
}

export function ForbiddenPage() {
  return (
    <StatusPage
      icon={<IconLock size={32} />}
      title="You don't have access to this page"
      testId="forbidden"
      action={
        <Button component={Link} to="/" variant="light" mt="sm">
          Go to your home page
        </Button>
      }
    >
      Your role doesn't include this area. If you need it for your work, ask the owner or an admin to change your role.
    </StatusPage>
  );
}

export function NotFoundPage() {
  return (
    <StatusPage
      icon={<IconError404 size={32} />}
      title="Page not found"
      testId="not-found"
      action={
        <Button component={Link} to="/" variant="light" mt="sm">
          Go to your home page
        </Button>
      }
    >
      There is no page at this address. It may have moved, or the link may be mistyped.
    </StatusPage>
  );
}
