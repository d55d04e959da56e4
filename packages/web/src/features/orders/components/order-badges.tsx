import { Badge, Group, Progress, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { DocumentCompleteness, DocumentStatus, Priority, Stage } from '@bizdash/contracts/orders';
import { formatNumber } from '../../../lib/format';
import {
  DOCUMENT_STATUS_COLORS,
  DOCUMENT_STATUS_LABELS,
  PRIORITY_COLORS,
  PRIORITY_LABELS,
  STAGE_COLORS,
} from '../labels';

export function StageBadge({ stage, size = 'sm' }: { stage: Stage; size?: 'xs' | 'sm' | 'md' | 'lg' }) {
  return (
    <Badge color={STAGE_COLORS[stage.code]} variant="light" size={size} data-testid="stage-badge">
      {stage.label}
    </Badge>
  );
}

export function PriorityBadge({ priority }: { priority: Priority }) {
  if (priority === 'normal') return null;
  return (
    <Badge color={PRIORITY_COLORS[priority]} variant={priority === 'urgent' ? 'filled' : 'light'} size="xs">
      {PRIORITY_LABELS[priority]}
    </Badge>
  );
}

export function DocumentStatusBadge({ status }: { status: DocumentStatus }) {
  return (
    <Badge color={DOCUMENT_STATUS_COLORS[status]} variant="light" size="sm" data-testid="document-status">
      {DOCUMENT_STATUS_LABELS[status]}
    </Badge>
  );
}

export function OverdueBadge() {
  return (
    <Badge color="red" variant="light" size="xs" leftSection={<IconAlertTriangle size={11} />}>
      Overdue
    </Badge>
  );
}

/** "3/5 accepted" with a bar: accepted in green, received-but-not-accepted in blue, rejected noted. */
export function Completeness({ value, compact = false }: { value: DocumentCompleteness; compact?: boolean }) {
  if (value.required === 0) {
    return (
      <Text size="xs" c="dimmed">
        No documents
      </Text>
    );
  }
  const pct = (n: number) => (n / value.required) * 100;
  const inHand = value.received - value.accepted;
  const detail = `${formatNumber(value.received)} received · ${formatNumber(value.submitted)} submitted · ${formatNumber(value.accepted)} accepted${value.rejected ? ` · ${formatNumber(value.rejected)} rejected` : ''} of ${formatNumber(value.required)}`;
  return (
    <Tooltip label={detail}>
      <div style={{ minWidth: compact ? 80 : 110 }} data-testid="completeness">
        <Group gap={6} wrap="nowrap" justify="space-between">
          <Text size="xs" className="num" fw={500}>
            {formatNumber(value.accepted)}/{formatNumber(value.required)} accepted
          </Text>
          {value.rejected > 0 ? (
            <Text size="xs" c="red" className="num">
              {formatNumber(value.rejected)} rejected
            </Text>
          ) : null}
        </Group>
        <Progress.Root size={5} mt={3}>
          <Progress.Section value={pct(value.accepted)} color="green" />
          <Progress.Section value={pct(inHand)} color="blue" />
          <Progress.Section value={pct(value.rejected)} color="red" />
        </Progress.Root>
      </div>
    </Tooltip>
  );
}
