import { Code, Table, Text } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import type { AuditEntry } from '@bizdash/contracts/audit';
import { fieldLabel } from '../features/audit/audit-labels';
import { PLACEHOLDER, formatDate, formatDateTime, isIsoDate } from '../lib/format';

const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** One recorded value, as a person reads it: dates in dd-mm-yyyy IST, booleans as Yes/No, objects as JSON. */
export function AuditValue({ value }: { value: unknown }) {
  if (value === null || value === undefined || value === '') {
    return (
      <Text span c="dimmed" size="sm">
        {PLACEHOLDER}
      </Text>
    );
  }
  if (typeof value === 'boolean')
    return (
      <Text span size="sm">
        {value ? 'Yes' : 'No'}
      </Text>
    );
  if (typeof value === 'number')
    return (
      <Text span size="sm" className="num">
        {String(value)}
      </Text>
    );
  if (typeof value === 'string') {
    if (isIsoDate(value))
      return (
        <Text span size="sm" className="num">
          {formatDate(value)}
        </Text>
      );
    if (INSTANT_RE.test(value))
      return (
        <Text span size="sm" className="num">
          {formatDateTime(value, { seconds: true })}
        </Text>
      );
    if (value === '[redacted]' || value === '***') {
      return (
        <Text span size="sm" c="dimmed" fs="italic">
          hidden
        </Text>
      );
    }
    return (
      <Text span size="sm" style={{ wordBreak: 'break-word' }}>
        {value}
      </Text>
    );
  }
  return (
    <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
      {JSON.stringify(value, null, 2)}
    </Code>
  );
}

/** The full before → after table of an audit entry's changed fields. */
export function AuditChangesTable({ changes }: { changes: AuditEntry['changes'] }) {
  const fields = changes ? Object.entries(changes) : [];
  if (fields.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No field changes were recorded for this event.
      </Text>
    );
  }
  return (
    <Table withTableBorder withColumnBorders verticalSpacing="xs" layout="fixed">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="28%">Field</Table.Th>
          <Table.Th>Before</Table.Th>
          <Table.Th>After</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {fields.map(([field, change]) => (
          <Table.Tr key={field}>
            <Table.Td>
              <Text size="sm" fw={500}>
                {fieldLabel(field)}
              </Text>
            </Table.Td>
            <Table.Td bg="var(--mantine-color-red-light)">
              <AuditValue value={change.before} />
            </Table.Td>
            <Table.Td bg="var(--mantine-color-teal-light)">
              <AuditValue value={change.after} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

const isEmpty = (value: unknown) => value === null || value === undefined || value === '';

/**
 * A compact "Role: staff → manager" list, for timelines. A new record (nothing before) lists its values only; a
 * field that became empty says so.
 */
export function AuditChangesInline({ changes }: { changes: AuditEntry['changes'] }) {
  const fields = changes ? Object.entries(changes) : [];
  if (fields.length === 0) return null;
  const isNewRecord = fields.every(([, change]) => isEmpty(change.before));
  return (
    <div>
      {fields.map(([field, change]) => (
        <Text key={field} size="sm" component="div" mt={2}>
          <Text span fw={500} size="sm">
            {fieldLabel(field)}:
          </Text>{' '}
          {isNewRecord ? null : (
            <>
              <AuditValue value={change.before} />{' '}
              <IconArrowRight size={12} style={{ verticalAlign: 'middle' }} aria-label="changed to" />{' '}
            </>
          )}
          <AuditValue value={change.after} />
        </Text>
      ))}
    </div>
  );
}
