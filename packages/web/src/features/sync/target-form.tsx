import { useState } from 'react';
import {
  Button,
  Checkbox,
  Group,
  Modal,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { SyncEventType, SyncTarget, SyncTargetKind } from '@bizdash/contracts/sync';
import { isApiError } from '../../lib/api';
import { errorMessage } from '../../lib/errors';
import { useCreateTarget, useUpdateTarget } from './api';

export const KIND_LABELS: Record<SyncTargetKind, string> = {
  webhook: 'Webhook',
  google_sheets: 'Google Sheets',
  xlsx: 'XLSX ledger',
};

export const EVENT_LABELS: Record<SyncEventType, string> = {
  'invoice.issued': 'Invoice issued',
  'invoice.cancelled': 'Invoice cancelled',
  'payment.recorded': 'Payment recorded',
  'party.created': 'Party created',
  'party.updated': 'Party updated',
  'order.created': 'Order created',
  'order.stage_changed': 'Order stage changed',
  'document.status_changed': 'Document status changed',
  'receipt.recorded': 'Order receipt recorded',
  'settlement.approved': 'Settlement approved',
  'payout.recorded': 'Payout recorded',
};

const LEDGER_EVENTS: SyncEventType[] = [
  'invoice.issued',
  'invoice.cancelled',
  'payment.recorded',
  'order.created',
  'order.stage_changed',
  'receipt.recorded',
  'settlement.approved',
  'payout.recorded',
];

function randomSecret(): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

interface TargetFormProps {
  /** The target being edited; none to add one. */
  target: SyncTarget | null;
  opened: boolean;
  onClose: () => void;
}

/** Add or edit a sync target. Secrets are write-only: on edit, leaving one blank keeps the stored value. */
export function TargetForm({ target, opened, onClose }: TargetFormProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={target ? `Edit ${target.name}` : 'Add a sync target'} size="lg">
      {opened ? <TargetFormBody key={target?.id ?? 'new'} target={target} onClose={onClose} /> : null}
    </Modal>
  );
}

function TargetFormBody({ target, onClose }: { target: SyncTarget | null; onClose: () => void }) {
  const config = (target?.config ?? {}) as Record<string, unknown>;
  const text = (key: string, fallback = '') => (typeof config[key] === 'string' ? (config[key] as string) : fallback);
  const [kind, setKind] = useState<SyncTargetKind>(target?.kind ?? 'webhook');
  const [name, setName] = useState(target?.name ?? '');
  const [events, setEvents] = useState<SyncEventType[]>(
    target?.events ?? ['invoice.issued', 'invoice.cancelled', 'payment.recorded'],
  );
  const [isActive, setActive] = useState(target?.isActive ?? true);
  const [fields, setFields] = useState<Record<string, string>>({
    url: text('url'),
    secret: '',
    spreadsheetId: text('spreadsheetId'),
    serviceAccountEmail: text('serviceAccountEmail'),
    privateKey: '',
    tokenUrl: text('tokenUrl'),
    apiBaseUrl: text('apiBaseUrl'),
    fileName: text('fileName', 'ledger.xlsx'),
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useCreateTarget();
  const update = useUpdateTarget();
  const pending = create.isPending || update.isPending;
  const set = (key: string) => (value: string) => setFields((f) => ({ ...f, [key]: value }));
  const err = (key: string) => errors[key] ?? errors[`config.${key}`];

  function configOf(): Record<string, unknown> {
    const pick = (keys: string[]) =>
      Object.fromEntries(keys.filter((k) => fields[k]!.trim() !== '').map((k) => [k, fields[k]!.trim()]));
    if (kind === 'webhook') return pick(['url', 'secret']);
    if (kind === 'google_sheets')
      return pick(['spreadsheetId', 'serviceAccountEmail', 'privateKey', 'tokenUrl', 'apiBaseUrl']);
    return pick(['fileName']);
  }

  function submit() {
    const onError = (e: unknown) => {
      if (isApiError(e) && e.errors.length > 0) {
        setErrors(Object.fromEntries(e.errors.map((f) => [f.field, f.message])));
      } else if (isApiError(e) && typeof e.details.field === 'string') {
        setErrors({ [e.details.field]: e.detail });
      }
      notifications.show({ color: 'red', title: 'Not saved', message: errorMessage(e) });
    };
    const onSuccess = () => {
      notifications.show({ color: 'teal', message: target ? 'Target saved' : 'Target added' });
      onClose();
    };
    setErrors({});
    if (target) {
      update.mutate({ id: target.id, name, events, isActive, config: configOf() }, { onSuccess, onError });
    } else {
      create.mutate({ kind, name, events, isActive, config: configOf() }, { onSuccess, onError });
    }
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label="Kind"
            data={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))}
            value={kind}
            onChange={(v) => v && setKind(v as SyncTargetKind)}
            disabled={target !== null}
            allowDeselect={false}
          />
          <TextInput
            label="Name"
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={err('name')}
          />
        </SimpleGrid>
        {kind === 'webhook' ? (
          <>
            <TextInput
              label="Endpoint URL"
              required
              placeholder="https://example.com/hooks/bizdash"
              value={fields.url}
              onChange={(e) => set('url')(e.currentTarget.value)}
              error={err('url')}
            />
            <Group align="flex-end" gap="xs" wrap="nowrap">
              <PasswordInput
                style={{ flex: 1 }}
                label="Signing secret"
                description="Receivers check X-BizDash-Signature: t=<unix>,v1=<hex HMAC-SHA256 of t.body> with it."
                required={target === null}
                placeholder={target ? 'Leave blank to keep the current secret' : 'At least 16 characters'}
                value={fields.secret}
                onChange={(e) => set('secret')(e.currentTarget.value)}
                error={err('secret')}
              />
              <Button variant="default" onClick={() => set('secret')(randomSecret())}>
                Generate
              </Button>
            </Group>
          </>
        ) : null}
        {kind === 'google_sheets' ? (
          <>
            <TextInput
              label="Spreadsheet ID"
              required
              value={fields.spreadsheetId}
              onChange={(e) => set('spreadsheetId')(e.currentTarget.value)}
              error={err('spreadsheetId')}
            />
            <TextInput
              label="Service account email"
              required
              value={fields.serviceAccountEmail}
              onChange={(e) => set('serviceAccountEmail')(e.currentTarget.value)}
              error={err('serviceAccountEmail')}
            />
            <Textarea
              label="Service account private key (PEM)"
              required={target === null}
              autosize
              minRows={3}
              maxRows={6}
              placeholder={target ? 'Leave blank to keep the current key' : '-----BEGIN PRIVATE KEY-----'}
              value={fields.privateKey}
              onChange={(e) => set('privateKey')(e.currentTarget.value)}
              error={err('privateKey')}
              ff="monospace"
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label="Token URL"
                placeholder="https://oauth2.googleapis.com/token"
                value={fields.tokenUrl}
                onChange={(e) => set('tokenUrl')(e.currentTarget.value)}
                error={err('tokenUrl')}
              />
              <TextInput
                label="Sheets API base URL"
                placeholder="https://sheets.googleapis.com"
                value={fields.apiBaseUrl}
                onChange={(e) => set('apiBaseUrl')(e.currentTarget.value)}
                error={err('apiBaseUrl')}
              />
            </SimpleGrid>
          </>
        ) : null}
        {kind === 'xlsx' ? (
          <TextInput
            label="Workbook file name"
            description="Kept in the data directory, next to the database."
            value={fields.fileName}
            onChange={(e) => set('fileName')(e.currentTarget.value)}
            error={err('fileName')}
          />
        ) : null}
        <Checkbox.Group
          label="Events"
          description={kind === 'webhook' ? 'Each chosen event is POSTed as JSON.' : 'Ledger rows follow these events.'}
          value={events}
          onChange={(v) => setEvents(v as SyncEventType[])}
          error={err('events')}
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing={6}>
            {(kind === 'webhook' ? (Object.keys(EVENT_LABELS) as SyncEventType[]) : LEDGER_EVENTS).map((e) => (
              <Checkbox key={e} value={e} label={EVENT_LABELS[e]} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <Switch label="Active" checked={isActive} onChange={(e) => setActive(e.currentTarget.checked)} />
        {Object.keys(errors).length > 0 && !Object.keys(errors).some((k) => err(k.replace(/^config\./, ''))) ? (
          <Text c="red" size="sm">
            {Object.values(errors).join('; ')}
          </Text>
        ) : null}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={pending}>
            {target ? 'Save' : 'Add target'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
