import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Invoice } from '@bizdash/contracts/invoices';
import { Alert, Badge, Button, Group, Modal, Paper, SimpleGrid, Stack, Tabs, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconFileInvoice,
  IconAlertTriangle,
  IconArrowBackUp,
  IconBulb,
  IconCheck,
  IconChecklist,
  IconFileText,
  IconHistory,
  IconLock,
  IconMessage,
  IconPencil,
  IconX,
} from '@tabler/icons-react';
import type { OrderDetail, StageCode, TransitionOption } from '@bizdash/contracts/orders';
import { useAuth } from '../../app/auth/auth-context';
import { DateTime } from '../../components/date-time';
import { PageHeader } from '../../components/page-header';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { api, isApiError } from '../../lib/api';
import { errorMessage } from '../../lib/errors';
import { PLACEHOLDER, formatAmount, formatDate, formatNumber } from '../../lib/format';
import { useOrder, useOrderDocuments, useTransition } from './api';
import { CommentsPanel } from './components/comments-panel';
import { DocumentsPanel } from './components/documents-panel';
import { Completeness, OverdueBadge, PriorityBadge, StageBadge } from './components/order-badges';
import { OrderBillingCard } from './components/order-billing-card';
import { OrderMoneyCard } from './components/order-money-card';
import { OrderTasks } from './components/order-tasks';
import { ReopenModal, type ReopenTarget } from './components/reopen-modal';
import { SettlementCard } from './components/settlement-card';
import { TimelinePanel } from './components/timeline-panel';
import { STAGE_COLORS } from './labels';
import { BackLink } from './order-form-page';
import { PublicLinksButton } from '../public-links/public-links-button';

const TABS = ['documents', 'timeline', 'comments', 'tasks'] as const;
type Tab = (typeof TABS)[number];

export function OrderDetailPage() {
  const id = Number(useParams().id);
  const query = useOrder(id);
  if (query.isPending) return <PageLoader />;
  if (query.isError)
    return (
      <QueryError
        error={query.error}
        what="this order"
        onRetry={() => void query.refetch()}
        isRetrying={query.isFetching}
      />
    );
  return <OrderDetailView order={query.data} />;
}

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md">
      <Text size="xs" tt="uppercase" fw={700} c="dimmed" mb="xs">
        {title}
      </Text>
      <Stack gap={6}>{children}</Stack>
    </Paper>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group justify="space-between" gap="sm" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {label}
      </Text>
      <Text size="sm" ta="right" component="div" style={{ minWidth: 0, wordBreak: 'break-word' }}>
        {children}
      </Text>
    </Group>
  );
}

/** Drafts a tax invoice for the order's fees and opens it, so it is checked before it is issued. */
function InvoiceOrderButton({ orderId }: { orderId: number }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const draft = useMutation({
    mutationFn: () => api.post<Invoice>(`/orders/${orderId}/invoice`),
    onSuccess: async (invoice) => {
      await queryClient.invalidateQueries({ queryKey: ['orders'] });
      void navigate(`/invoices/${invoice.id}/edit`);
    },
    onError: (error) => notifications.show({ color: 'red', title: 'No invoice drafted', message: errorMessage(error) }),
  });
  return (
    <Button
      variant="default"
      leftSection={<IconFileInvoice size={16} />}
      loading={draft.isPending}
      onClick={() => draft.mutate()}
      data-testid="invoice-order"
    >
      Invoice fees
    </Button>
  );
}

function OrderDetailView({ order }: { order: OrderDetail }) {
  const { can } = useAuth();
  const canWrite = can('orders.write');
  const canEdit = canWrite && !order.stage.isTerminal;
  const showMoney = can('money.read');
  const [searchParams, setSearchParams] = useSearchParams();
  const tabParam = searchParams.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(tabParam ?? '') ? (tabParam as Tab) : 'documents'; // checked
  const d = order.documents;

  return (
    <>
      <BackLink to="/orders" label="Orders" />
      <PageHeader
        title={`${order.number} · ${order.title}`}
        description={
          <Group gap="xs">
            <StageBadge stage={order.stage} size="md" />
            <PriorityBadge priority={order.priority} />
            {order.isOverdue ? <OverdueBadge /> : null}
            <span>
              {order.orderType.name} for {order.client.name}
            </span>
          </Group>
        }
        actions={
          <Group gap="sm">
            {can('invoices.write') && !order.invoices.some((d) => d.type === 'sales' && d.status !== 'cancelled') ? (
              <InvoiceOrderButton orderId={order.id} />
            ) : null}
            {canEdit ? <PublicLinksButton target={{ kind: 'upload', id: order.id }} canManage /> : null}
            {canEdit ? (
              <Button
                component={Link}
                to={`/orders/${order.id}/edit`}
                variant="default"
                leftSection={<IconPencil size={16} />}
              >
                Edit
              </Button>
            ) : null}
          </Group>
        }
      />

      <Stack gap="md">
        <StageBar order={order} />

        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
          <Card title="Parties">
            <Row label="Client">
              <Link to={`/parties/${order.client.id}`}>{order.client.name}</Link>
            </Row>
            <Row label="Partner">
              {order.partner ? <Link to={`/parties/${order.partner.id}`}>{order.partner.name}</Link> : PLACEHOLDER}
            </Row>
            <Row label="Company">{order.company?.name ?? PLACEHOLDER}</Row>
            <Row label="Order type">{order.orderType.name}</Row>
          </Card>
          <Card title="Work">
            <Row label="Assignee">{order.assignee?.name ?? 'Unassigned'}</Row>
            <Row label="Due">
              <Text
                span
                size="sm"
                className="num"
                c={order.isOverdue ? 'red' : undefined}
                fw={order.isOverdue ? 600 : undefined}
              >
                {order.dueDate ? formatDate(order.dueDate) : PLACEHOLDER}
              </Text>
            </Row>
            <Row label="Tags">
              {order.tags.length ? (
                <Group gap={4} justify="flex-end">
                  {order.tags.map((t) => (
                    <Badge key={t} size="sm" variant="default">
                      {t}
                    </Badge>
                  ))}
                </Group>
              ) : (
                PLACEHOLDER
              )}
            </Row>
            <Row label="Created">
              {order.createdBy?.name ?? 'System'}, <DateTime value={order.createdAt} dateOnly />
            </Row>
          </Card>
          <Card title={showMoney ? 'Shares and charges' : 'Shares'}>
            <Row label="Share count">
              <span className="num">{order.shareCount === null ? PLACEHOLDER : formatNumber(order.shareCount)}</span>
            </Row>
            <Row label="Price per share">
              <span className="num">{formatAmount(order.sharePrice)}</span>
            </Row>
            <Row label="Order value">
              <span className="num">{formatAmount(order.orderValue)}</span>
            </Row>
            {showMoney ? (
              <>
                <Row label="Fees">
                  <span className="num" data-testid="order-fees">
                    {formatAmount(order.fees)}
                  </span>
                </Row>
                <Row label="Base charges">
                  <span className="num">{formatAmount(order.baseCharges)}</span>
                </Row>
              </>
            ) : null}
          </Card>
        </SimpleGrid>

        {showMoney ? (
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
            <OrderMoneyCard order={order} />
            <SettlementCard order={order} />
          </SimpleGrid>
        ) : null}
        {showMoney ? <OrderBillingCard order={order} /> : null}

        {order.description ? (
          <Paper withBorder p="md">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {order.description}
            </Text>
          </Paper>
        ) : null}

        <Paper withBorder p="md">
          <Tabs
            value={tab}
            onChange={(v) =>
              setSearchParams(
                (prev) => {
                  const next = new URLSearchParams(prev);
                  if (!v || v === 'documents') next.delete('tab');
                  else next.set('tab', v);
                  return next;
                },
                { replace: true },
              )
            }
            keepMounted={false}
          >
            <Tabs.List mb="md">
              <Tabs.Tab value="documents" leftSection={<IconFileText size={15} />}>
                Documents{' '}
                <Text span size="xs" c="dimmed" className="num">
                  {d.required ? `${d.accepted}/${d.required}` : ''}
                </Text>
              </Tabs.Tab>
              <Tabs.Tab value="timeline" leftSection={<IconHistory size={15} />}>
                Timeline
              </Tabs.Tab>
              <Tabs.Tab value="comments" leftSection={<IconMessage size={15} />}>
                Comments
              </Tabs.Tab>
              <Tabs.Tab value="tasks" leftSection={<IconChecklist size={15} />}>
                Tasks
              </Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="documents">
              <DocumentsPanel order={order} />
            </Tabs.Panel>
            <Tabs.Panel value="timeline">
              <TimelinePanel orderId={order.id} />
            </Tabs.Panel>
            <Tabs.Panel value="comments">
              <CommentsPanel orderId={order.id} canWrite={canWrite} />
            </Tabs.Panel>
            <Tabs.Panel value="tasks">
              <OrderTasks orderId={order.id} canWrite={canWrite} />
            </Tabs.Panel>
          </Tabs>
        </Paper>
      </Stack>
    </>
  );
}

/** Where the order is, where it can go next, and what the documents suggest. */
function StageBar({ order }: { order: OrderDetail }) {
  const { can } = useAuth();
  const canWrite = can('orders.write');
  const transition = useTransition();
  const [confirm, setConfirm] = useState<TransitionOption | null>(null);
  const [reopen, setReopen] = useState<ReopenTarget | null>(null);
  const moves = order.allowedTransitions.filter((t) => !t.isReopen);
  const reopens = can('orders.reopen') ? order.allowedTransitions.filter((t) => t.isReopen) : [];
  const suggestion = order.suggestedTransition;

  function move(to: StageCode, note?: string, onDone?: () => void) {
    transition.mutate(
      { id: order.id, to, ...(note ? { note } : {}) },
      {
        onSuccess: () => onDone?.(),
        onError: (e) => {
          const allowed =
            isApiError(e) && Array.isArray(e.details.allowed)
              ? ` Allowed: ${(e.details.allowed as string[]).join(', ')}.`
              : '';
          notifications.show({ color: 'red', title: 'Stage not changed', message: `${errorMessage(e)}${allowed}` });
        },
      },
    );
  }

  function choose(option: TransitionOption) {
    if (option.to === 'completed' || option.to === 'failed') setConfirm(option);
    else move(option.to);
  }

  return (
    <>
      {suggestion && canWrite ? (
        <Alert color="teal" variant="light" icon={<IconBulb size={18} />} data-testid="suggested-transition">
          <Group justify="space-between" gap="sm">
            <Text size="sm">{suggestion.message}</Text>
            <Button
              size="xs"
              color="teal"
              onClick={() => move(suggestion.to)}
              loading={transition.isPending && transition.variables.to === suggestion.to}
            >
              Move to {suggestion.label}
            </Button>
          </Group>
        </Alert>
      ) : null}
      {order.stage.isTerminal ? (
        <Alert color="gray" variant="light" icon={<IconLock size={18} />} data-testid="closed-notice">
          <Group justify="space-between" gap="sm">
            <Text size="sm">
              {order.stage.label}{' '}
              {order.closedAt ? (
                <>
                  on <DateTime value={order.closedAt} />
                </>
              ) : null}
              . The order is read-only; comments and tasks stay open.
            </Text>
            {reopens.length ? (
              <Button
                size="xs"
                variant="default"
                leftSection={<IconArrowBackUp size={14} />}
                onClick={() =>
                  setReopen({
                    orderId: order.id,
                    number: order.number,
                    options: reopens.map((r) => ({ to: r.to, label: r.label })),
                  })
                }
              >
                Reopen…
              </Button>
            ) : null}
          </Group>
        </Alert>
      ) : canWrite && moves.length ? (
        <Paper withBorder p="sm" data-testid="stage-actions">
          <Group gap="xs" wrap="wrap">
            <Text size="sm" c="dimmed" mr={4}>
              {order.stage.label} since <DateTime value={order.stageChangedAt} dateOnly />. Move to:
            </Text>
            {moves.map((m) => (
              <Button
                key={m.to}
                size="xs"
                variant={m.to === 'completed' ? 'filled' : m.to === 'failed' ? 'subtle' : 'light'}
                color={m.to === 'completed' ? 'green' : m.to === 'failed' ? 'red' : STAGE_COLORS[m.to]}
                leftSection={
                  m.to === 'completed' ? <IconCheck size={14} /> : m.to === 'failed' ? <IconX size={14} /> : null
                }
                onClick={() => choose(m)}
                loading={transition.isPending && transition.variables.to === m.to}
              >
                {m.label}
              </Button>
            ))}
            <div style={{ marginLeft: 'auto' }}>
              <Completeness value={order.documents} />
            </div>
          </Group>
        </Paper>
      ) : null}
      <CloseModal
        orderId={order.id}
        option={confirm}
        onClose={() => setConfirm(null)}
        onConfirm={(note) => confirm && move(confirm.to, note, () => setConfirm(null))}
        isPending={transition.isPending}
      />
      <ReopenModal target={reopen} onClose={() => setReopen(null)} />
    </>
  );
}

/** Completing or failing closes the order (read-only afterwards), so it is confirmed, with an optional note. */
export function CloseModal({
  orderId,
  option,
  onClose,
  onConfirm,
  isPending,
}: {
  orderId: number;
  option: TransitionOption | null;
  onClose: () => void;
  onConfirm: (note: string | undefined) => void;
  isPending: boolean;
}) {
  const [note, setNote] = useState('');
  const isFail = option?.to === 'failed';
  // Completing with required documents not yet accepted is allowed (the client may send them later), but the
  // user confirms it knowing which ones.
  const documents = useOrderDocuments(orderId);
  const missing =
    option?.to === 'completed'
      ? (documents.data?.items ?? []).filter((d) => d.status !== 'accepted').map((d) => d.documentType.name)
      : [];
  return (
    <Modal
      opened={option !== null}
      onClose={() => {
        setNote('');
        onClose();
      }}
      title={option ? `Move to ${option.label}?` : ''}
      centered
    >
      <Stack gap="sm">
        <Text size="sm">
          {isFail
            ? 'The order closes as failed: base charges apply instead of fees.'
            : 'The order closes as completed: its fees become due.'}{' '}
          Closed orders are read-only; a manager can reopen them with a reason.
        </Text>
        {missing.length > 0 ? (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="missing-documents">
            {missing.length === 1 ? 'One required document is' : `${missing.length} required documents are`} not
            accepted yet: {missing.join(', ')}.
          </Alert>
        ) : null}
        <Textarea
          label="Note (optional)"
          autosize
          minRows={2}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color={isFail ? 'red' : 'green'}
            loading={isPending}
            onClick={() => {
              onConfirm(note.trim() || undefined);
              setNote('');
            }}
          >
            {option ? `Move to ${option.label}` : 'Confirm'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
