import { Table, Text } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import type { AuditEntry } from '@bizdash/contracts/audit';
import { fieldLabel } from '../features/audit/audit-labels';
import {
  INSTANT_RE,
  MONEY_STRING_RE,
  REDACTED,
  auditValueText,
  type AuditValueContext,
} from '../features/audit/audit-values';
import { PLACEHOLDER, isIsoDate } from '../lib/format';

/** One recorded value, as a person reads it (see auditValueText); hidden values say so. */
export function AuditValue({
  field,
  value,
  context,
}: {
  field: string;
  value: unknown;
  context?: AuditValueContext | undefined;
}) {
  if (value === REDACTED || value === '***') {
    return (
      <Text span size="sm" c="dimmed" fs="italic">
        hidden
      </Text>
    );
  }
  const text = auditValueText(field, value, context);
  if (text === null) {
    return (
      <Text span c="dimmed" size="sm">
        {PLACEHOLDER}
      </Text>
    );
  }
  // Tabular digits (which never wrap) for figures and dates only; names and addresses wrap.
  const isFigure =
    typeof value === 'number' ||
    (typeof value === 'string' && (isIsoDate(value) || INSTANT_RE.test(value) || MONEY_STRING_RE.test(value)));
  return (
    <Text span size="sm" className={isFigure ? 'num' : undefined} style={{ overflowWrap: 'anywhere' }}>
      {text}
    </Text>
  );
}

/** Fields that identify the record itself or are bookkeeping, never worth a line in a history. */
const HIDDEN_FIELDS = new Set([
  'id',
  'createdAt',
  'created_at',
  'updatedAt',
  'updated_at',
  'searchText',
  'search_text',
]);

/** The full before → after table of an audit entry's changed fields. */
export function AuditChangesTable({
  changes,
  refNames,
}: {
  changes: AuditEntry['changes'];
  refNames?: Record<string, string> | undefined;
}) {
  const context = { refNames };
  const fields = changes ? Object.entries(changes).filter(([field]) => !HIDDEN_FIELDS.has(field)) : [];
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
              <AuditValue field={field} value={change.before} context={context} />
            </Table.Td>
            <Table.Td bg="var(--mantine-color-teal-light)">
              <AuditValue field={field} value={change.after} context={context} />
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
export function AuditChangesInline({
  changes,
  refNames,
}: {
  changes: AuditEntry['changes'];
  refNames?: Record<string, string> | undefined;
}) {
  const context = { refNames };
  const all = changes ? Object.entries(changes).filter(([field]) => !HIDDEN_FIELDS.has(field)) : [];
  const isNewRecord = all.every(([, change]) => isEmpty(change.before));
  // A new record lists what it was given; its empty fields are noise ("UPI ID: —").
  const fields = isNewRecord
    ? all.filter(
        ([field, change]) =>
          change.after === REDACTED || (change.after !== false && auditValueText(field, change.after) !== null),
      )
    : all;
  if (fields.length === 0) return null;
  return (
    <div>
      {fields.map(([field, change]) => (
        <Text key={field} size="sm" component="div" mt={2}>
          <Text span fw={500} size="sm">
            {fieldLabel(field)}:
          </Text>{' '}
          {isNewRecord ? null : (
            <>
              <AuditValue field={field} value={change.before} context={context} />{' '}
              <IconArrowRight size={12} style={{ verticalAlign: 'middle' }} aria-label="changed to" />{' '}
            </>
          )}
          <AuditValue field={field} value={change.after} context={context} />
        </Text>
      ))}
    </div>
  );
}
