import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Button, Center, Code, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconBug } from '@tabler/icons-react';

interface ErrorBoundaryProps {
  children: ReactNode;
  /** Remount the children when this changes (e.g. the route), clearing a previous error. */
  resetKey?: string;
}

interface ErrorBoundaryState {
  error: Error | null;
}

/** Catches render errors so one broken page doesn't blank the whole app. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidUpdate(prev: ErrorBoundaryProps): void {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('BizDash render error', error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <Center py={64} px="md">
        <Stack align="center" gap="sm" maw={520} ta="center">
          <ThemeIcon size={56} radius="xl" variant="light" color="red">
            <IconBug size={28} />
          </ThemeIcon>
          <Title order={3}>Something went wrong on this page</Title>
          <Text c="dimmed" size="sm">
            The page hit an unexpected error. Your data is safe — nothing was saved half-way. Reload to try again; if it
            keeps happening, send the message below to whoever looks after BizDash.
          </Text>
          <Code block w="100%" ta="left">
            {error.message}
          </Code>
          <Group>
            <Button onClick={() => window.location.reload()}>Reload page</Button>
            <Button variant="default" onClick={() => this.setState({ error: null })}>
              Try again
            </Button>
          </Group>
        </Stack>
      </Center>
    );
  }
}
