import type { ReactNode } from 'react';
import { Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { BrandMark } from '../../components/brand-mark';

interface AuthCardProps {
  title: string;
  subtitle?: ReactNode;
  width?: number;
  children: ReactNode;
  footer?: ReactNode;
}

/** The frame of the signed-out pages: brand, a card with the form, and a quiet footer. */
export function AuthCard({ title, subtitle, width = 420, children, footer }: AuthCardProps) {
  useDocumentTitle(`${title} · BizDash`);
  return (
    <Box
      mih="100vh"
      py={{ base: 'lg', sm: 48 }}
      px="md"
      bg="light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-8))"
    >
      <Center>
        <Stack w="100%" maw={width} gap="lg">
          <Group gap={10} justify="center">
            <BrandMark size={36} />
            <Text fw={750} fz={26} lts={-0.4}>
              BizDash
            </Text>
          </Group>
          <Paper withBorder shadow="sm" p={{ base: 'lg', sm: 32 }} radius="lg">
            <Stack gap={4} mb="lg">
              <Title order={1} fz={22}>
                {title}
              </Title>
              {subtitle ? (
                <Text c="dimmed" size="sm">
                  {subtitle}
                </Text>
              ) : null}
            </Stack>
            {children}
          </Paper>
          {footer ? (
            <Text c="dimmed" size="xs" ta="center">
              {footer}
            </Text>
          ) : null}
        </Stack>
      </Center>
    </Box>
  );
}
