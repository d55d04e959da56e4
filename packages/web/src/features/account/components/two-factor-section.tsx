import { useState, type FormEvent } from 'react';
import {
  Alert,
  Badge,
  Box,
  Button,
  Code,
  CopyButton,
  Group,
  Image,
  List,
  Modal,
  Paper,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconCheck, IconCopy, IconShieldCheck, IconShieldOff } from '@tabler/icons-react';
import type { TotpSetupResult } from '@bizdash/contracts/auth';
import { useMe } from '../../../app/auth/auth-context';
import { PasswordField } from '../../../components/password-field';
import { isApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { useTotpDisable, useTotpEnable, useTotpSetup } from '../api';
import { SectionCard } from './section-card';

/** "JBSW Y3DP EHPK 3PXP": a base32 secret in fours, easier to type into an app by hand. */
function groupSecret(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

function EnrolPanel({ setup, onDone, onCancel }: { setup: TotpSetupResult; onDone: () => void; onCancel: () => void }) {
  const enable = useTotpEnable();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!/^\d{6}$/.test(code)) {
      setError('Enter the 6-digit code shown in your app');
      return;
    }
    setError(undefined);
    try {
      await enable.mutateAsync(code);
      notifications.show({
        color: 'teal',
        title: 'Two-factor authentication is on',
        message: 'From now on you will enter a code from your app when you log in.',
      });
      onDone();
    } catch (err) {
      setCode('');
      setError(
        isApiError(err) && (err.code === 'TOTP_INVALID' || err.code === 'VALIDATION_FAILED')
          ? "That code didn't match. Check the time on your phone is right and enter the current code."
          : errorMessage(err),
      );
    }
  }

  return (
    <Paper withBorder p="md" radius="md" bg="light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-6))">
      <Group align="flex-start" gap="xl" wrap="wrap">
        <Box bg="white" p={8} style={{ borderRadius: 'var(--mantine-radius-md)', lineHeight: 0 }}>
          <Image
            src={setup.qrDataUrl}
            alt="QR code to add BizDash to your authenticator app"
            w={184}
            h={184}
            fit="contain"
          />
        </Box>
        <Stack gap="sm" style={{ flex: '1 1 300px' }}>
          <List type="ordered" size="sm" spacing={6}>
            <List.Item>
              Open an authenticator app (Google Authenticator, Microsoft Authenticator, 1Password…).
            </List.Item>
            <List.Item>Scan the QR code, or type in the key below.</List.Item>
            <List.Item>Enter the 6-digit code the app shows.</List.Item>
          </List>
          <div>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase" lts={0.3} mb={4}>
              Setup key
            </Text>
            <Group gap={6} wrap="nowrap">
              <Code fz="sm" style={{ wordBreak: 'break-all' }} data-testid="totp-secret">
                {groupSecret(setup.secret)}
              </Code>
              <CopyButton value={setup.secret} timeout={1500}>
                {({ copied, copy }) => (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    onClick={copy}
                    leftSection={copied ? <IconCheck size={12} /> : <IconCopy size={12} />}
                  >
                    {copied ? 'Copied' : 'Copy'}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </div>
          <form onSubmit={(e) => void handleSubmit(e)} noValidate>
            <Group align="flex-start" gap="sm" wrap="wrap">
              <TextInput
                label="6-digit code"
                placeholder="123456"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                value={code}
                onChange={(e) => setCode(e.currentTarget.value.replace(/\D/g, '').slice(0, 6))}
                error={error}
                w={180}
                styles={{ input: { letterSpacing: '0.3em', fontVariantNumeric: 'tabular-nums' } }}
                data-testid="totp-enable-code"
                autoFocus
              />
              <Group gap="xs" mt={25}>
                <Button type="submit" loading={enable.isPending}>
                  Turn on
                </Button>
                <Button variant="default" onClick={onCancel}>
                  Cancel
                </Button>
              </Group>
            </Group>
          </form>
        </Stack>
      </Group>
    </Paper>
  );
}

function DisableModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const disable = useTotpDisable();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();

  function close() {
    setPassword('');
    setError(undefined);
    disable.reset();
    onClose();
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!password) {
      setError('Enter your password');
      return;
    }
    try {
      await disable.mutateAsync(password);
      notifications.show({
        color: 'orange',
        title: 'Two-factor authentication is off',
        message: 'You will log in with your password only.',
      });
      close();
    } catch (err) {
      setError(
        isApiError(err) && (err.code === 'INVALID_CREDENTIALS' || err.code === 'UNAUTHENTICATED')
          ? 'That password is not right'
          : errorMessage(err),
      );
    }
  }

  return (
    <Modal opened={opened} onClose={close} title="Turn off two-factor authentication?">
      <form onSubmit={(e) => void handleSubmit(e)} noValidate>
        <Stack gap="md">
          <Text size="sm">
            Without it, anyone who learns your password can log in as you. Enter your password to confirm.
          </Text>
          <PasswordField
            label="Password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={error}
            data-autofocus
            required
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Keep it on
            </Button>
            <Button type="submit" color="red" loading={disable.isPending}>
              Turn off
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function TwoFactorSection() {
  const me = useMe();
  const setup = useTotpSetup();
  const [isDisableOpen, setDisableOpen] = useState(false);
  const enrolment = setup.data;

  return (
    <SectionCard
      title="Two-factor authentication"
      description="A code from an app on your phone, asked for at every login, on top of your password."
      testId="account-2fa"
      actions={
        me.totpEnabled ? (
          <Badge color="teal" variant="light" leftSection={<IconShieldCheck size={14} />} size="lg">
            On
          </Badge>
        ) : (
          <Badge color="gray" variant="light" leftSection={<IconShieldOff size={14} />} size="lg">
            Off
          </Badge>
        )
      }
    >
      {me.totpEnabled ? (
        <Group justify="space-between" gap="sm" wrap="wrap">
          <Text size="sm" c="dimmed">
            Your account is protected with an authenticator app.
          </Text>
          <Button variant="default" color="red" onClick={() => setDisableOpen(true)}>
            Turn off
          </Button>
        </Group>
      ) : enrolment ? (
        <EnrolPanel setup={enrolment} onDone={() => setup.reset()} onCancel={() => setup.reset()} />
      ) : (
        <Stack gap="sm">
          {setup.error ? (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
              {errorMessage(setup.error)}
            </Alert>
          ) : null}
          <Group justify="space-between" gap="sm" wrap="wrap">
            <Text size="sm" c="dimmed" maw={560}>
              Strongly recommended for owners, admins and anyone who handles money. You will need an authenticator app
              on your phone.
            </Text>
            <Button onClick={() => setup.mutate()} loading={setup.isPending}>
              Set up
            </Button>
          </Group>
        </Stack>
      )}
      <DisableModal opened={isDisableOpen} onClose={() => setDisableOpen(false)} />
    </SectionCard>
  );
}
