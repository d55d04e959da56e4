import { useEffect, useState } from 'react';
import {
  Badge,
  Button,
  Checkbox,
  Code,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { EmailSettings, EmailTemplate, EmailTemplateKey } from '@bizdash/contracts/email';
import { useAuth } from '../../app/auth/auth-context';
import { DateTime } from '../../components/date-time';
import { ListPagination } from '../../components/list-pagination';
import { PageHeader } from '../../components/page-header';
import { PageLoader } from '../../components/page-loader';
import { PasswordField } from '../../components/password-field';
import { QueryError } from '../../components/query-error';
import { errorMessage, fieldErrorsOf } from '../../lib/errors';
import {
  useEmailLog,
  useEmailSettings,
  useEmailTemplates,
  usePreviewEmailTemplate,
  useResetEmailTemplate,
  useSaveEmailSettings,
  useSaveEmailTemplate,
  useSendTestEmail,
} from './api';

/** Settings → Email: the SMTP server, a test message, the editable templates and the send log. */
export function EmailSection() {
  const settings = useEmailSettings();
  return (
    <>
      <PageHeader
        title="Email"
        description="Invoices, overdue-payment reminders (for clients who opted in) and task-due reminders are sent through your SMTP server by a background job; the log below shows each message."
      />
      {settings.isPending ? (
        <PageLoader />
      ) : settings.isError ? (
        <QueryError error={settings.error} what="the email settings" onRetry={() => void settings.refetch()} />
      ) : (
        <Stack gap="lg" maw={960}>
          <SmtpForm settings={settings.data} />
          <TemplatesCard />
          <EmailLogCard />
        </Stack>
      )}
    </>
  );
}

function SmtpForm({ settings }: { settings: EmailSettings }) {
  const { can } = useAuth();
  const canManage = can('settings.manage');
  const save = useSaveEmailSettings();
  const sendTest = useSendTestEmail();
  const [host, setHost] = useState(settings.host);
  const [port, setPort] = useState<number | string>(settings.port);
  const [secure, setSecure] = useState(settings.secure);
  const [username, setUsername] = useState(settings.username ?? '');
  const [password, setPassword] = useState('');
  const [from, setFrom] = useState(settings.from);
  const [testTo, setTestTo] = useState('');
  const errors = fieldErrorsOf(save.error);

  function submit() {
    save.mutate(
      {
        host,
        port: Number(port),
        secure,
        username: username || null,
        // Empty keeps the stored password: it is never sent back to the browser to be re-submitted.
        ...(password ? { password } : {}),
        from,
      },
      {
        onSuccess: () => {
          setPassword('');
          notifications.show({ color: 'teal', message: 'SMTP settings saved' });
        },
      },
    );
  }

  return (
    <Paper withBorder p="md">
      <Title order={4} mb="sm">
        SMTP server
      </Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label="Host"
              placeholder="smtp.example.com"
              required
              disabled={!canManage}
              value={host}
              onChange={(e) => setHost(e.currentTarget.value)}
              error={errors.host}
            />
            <NumberInput
              label="Port"
              min={1}
              max={65535}
              required
              disabled={!canManage}
              value={port}
              onChange={setPort}
              error={errors.port}
            />
            <Checkbox
              mt={{ sm: 30 }}
              label="TLS from the start (port 465)"
              disabled={!canManage}
              checked={secure}
              onChange={(e) => setSecure(e.currentTarget.checked)}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label="Username"
              autoComplete="off"
              disabled={!canManage}
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
              error={errors.username}
            />
            <PasswordField
              label="SMTP password"
              autoComplete="new-password"
              disabled={!canManage}
              placeholder={settings.hasPassword ? 'Stored; type to replace' : 'Not set'}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={errors.password}
            />
            <TextInput
              label="From"
              placeholder="Rao Traders <billing@example.com>"
              required
              disabled={!canManage}
              value={from}
              onChange={(e) => setFrom(e.currentTarget.value)}
              error={errors.from}
            />
          </SimpleGrid>
          {save.isError && Object.keys(errors).length === 0 ? (
            <Text c="red" size="sm">
              {errorMessage(save.error)}
            </Text>
          ) : null}
          {canManage ? (
            <Group>
              <Button type="submit" loading={save.isPending}>
                Save SMTP settings
              </Button>
            </Group>
          ) : (
            <Text size="xs" c="dimmed">
              Only an owner or admin can change these.
            </Text>
          )}
        </Stack>
      </form>
      {canManage ? (
        <Group mt="md" align="flex-end">
          <TextInput
            label="Send a test email to"
            type="email"
            placeholder="you@example.com"
            value={testTo}
            onChange={(e) => setTestTo(e.currentTarget.value)}
            w={280}
          />
          <Button
            variant="default"
            disabled={!settings.isConfigured || !testTo}
            loading={sendTest.isPending}
            onClick={() =>
              sendTest.mutate(testTo, {
                onSuccess: (r) =>
                  notifications.show({ color: 'teal', message: `Test email queued for ${r.to}; see the log below` }),
                onError: (e) => notifications.show({ color: 'red', title: 'Not sent', message: errorMessage(e) }),
              })
            }
          >
            Send test email
          </Button>
        </Group>
      ) : null}
    </Paper>
  );
}

function TemplatesCard() {
  const templates = useEmailTemplates();
  const [key, setKey] = useState<EmailTemplateKey>('invoice');
  if (templates.isPending) return <PageLoader />;
  if (templates.isError) {
    return <QueryError error={templates.error} what="the email templates" onRetry={() => void templates.refetch()} />;
  }
  const current = templates.data.items.find((t) => t.key === key) ?? templates.data.items[0];
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={4}>Templates</Title>
        <SegmentedControl
          value={key}
          onChange={(v) => setKey(v as EmailTemplateKey)}
          data={templates.data.items.map((t) => ({ value: t.key, label: t.label }))}
        />
      </Group>
      {current ? <TemplateEditor key={`${current.key}:${current.updatedAt ?? 'default'}`} template={current} /> : null}
    </Paper>
  );
}

function TemplateEditor({ template }: { template: EmailTemplate }) {
  const { can } = useAuth();
  const canManage = can('settings.manage');
  const [subject, setSubject] = useState(template.subject);
  const [body, setBody] = useState(template.body);
  const save = useSaveEmailTemplate();
  const reset = useResetEmailTemplate();
  const preview = usePreviewEmailTemplate();
  const errors = fieldErrorsOf(save.error);
  const { mutate: runPreview } = preview;

  // Re-render the preview as the text changes (debounced), with the server's own renderer and sample values.
  useEffect(() => {
    const timer = setTimeout(() => runPreview({ key: template.key, input: { subject, body } }), 300);
    return () => clearTimeout(timer);
  }, [subject, body, template.key, runPreview]);

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
      <Stack gap="sm">
        <TextInput
          label="Subject"
          disabled={!canManage}
          value={subject}
          onChange={(e) => setSubject(e.currentTarget.value)}
          error={errors.subject}
        />
        <Textarea
          label="Body"
          autosize
          minRows={8}
          disabled={!canManage}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          error={errors.body}
        />
        <div>
          <Text size="sm" fw={500} mb={4}>
            Placeholders
          </Text>
          <Table withRowBorders={false} verticalSpacing={2} fz="xs">
            <Table.Tbody>
              {template.placeholders.map((p) => (
                <Table.Tr key={p.name}>
                  <Table.Td w={180}>
                    <Code>{`{{${p.name}}}`}</Code>
                  </Table.Td>
                  <Table.Td c="dimmed">{p.description}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
        {canManage ? (
          <Group>
            <Button
              loading={save.isPending}
              onClick={() =>
                save.mutate(
                  { key: template.key, input: { subject, body } },
                  {
                    onSuccess: () => notifications.show({ color: 'teal', message: `${template.label} template saved` }),
                  },
                )
              }
            >
              Save template
            </Button>
            <Button
              variant="subtle"
              color="gray"
              disabled={template.isDefault}
              loading={reset.isPending}
              onClick={() => reset.mutate(template.key)}
            >
              Restore default
            </Button>
            {template.isDefault ? (
              <Badge variant="light" color="gray">
                Default text
              </Badge>
            ) : null}
          </Group>
        ) : null}
      </Stack>
      <Stack gap="xs">
        <Text size="sm" fw={500}>
          Preview with sample values
        </Text>
        <Paper withBorder p="sm" bg="var(--mantine-color-gray-0)" data-testid="email-preview">
          <Text size="sm" fw={600}>
            {preview.data?.subject ?? ''}
          </Text>
          <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
            {preview.data?.body ?? ''}
          </Text>
        </Paper>
        {preview.data && preview.data.unknownPlaceholders.length > 0 ? (
          <Text size="xs" c="red">
            Unknown placeholders: {preview.data.unknownPlaceholders.map((p) => `{{${p}}}`).join(', ')}
          </Text>
        ) : null}
      </Stack>
    </SimpleGrid>
  );
}

const STATUS_COLOR = { queued: 'blue', sent: 'teal', failed: 'red' } as const;
const KIND_LABEL = {
  invoice: 'Invoice',
  overdue_reminder: 'Overdue reminder',
  task_due: 'Task due',
  test: 'Test',
  statement: 'Statement',
  security_alert: 'Security alert',
} as const;

function EmailLogCard() {
  const [page, setPage] = useState(1);
  const log = useEmailLog(page);
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="sm">
        Email log
      </Title>
      {log.isPending ? (
        <PageLoader />
      ) : log.isError ? (
        <QueryError error={log.error} what="the email log" onRetry={() => void log.refetch()} />
      ) : log.data.items.length === 0 ? (
        <Text c="dimmed" size="sm">
          No email sent yet.
        </Text>
      ) : (
        <>
          <Table.ScrollContainer minWidth={640}>
            <Table striped verticalSpacing="xs" fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Queued</Table.Th>
                  <Table.Th>Kind</Table.Th>
                  <Table.Th>To</Table.Th>
                  <Table.Th>Subject</Table.Th>
                  <Table.Th>Status</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {log.data.items.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td>
                      <DateTime value={m.createdAt} relative />
                    </Table.Td>
                    <Table.Td>{KIND_LABEL[m.kind]}</Table.Td>
                    <Table.Td>{m.to}</Table.Td>
                    <Table.Td>{m.subject}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={STATUS_COLOR[m.status]}>
                        {m.status}
                      </Badge>
                      {m.error ? (
                        <Text size="xs" c="red" lineClamp={2} title={m.error}>
                          {m.error}
                        </Text>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <ListPagination page={page} pageSize={10} total={log.data.total} onPageChange={setPage} noun="messages" />
        </>
      )}
    </Paper>
  );
}
