import { useRef, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconArrowLeft, IconCalendar, IconLock } from '@tabler/icons-react';
import type { CreateOrderInput, OrderDetail, Priority, UpdateOrderInput } from '@bizdash/contracts/orders';
import { addDays } from '@bizdash/domain/orders/calendar';
import { tryParseMoney } from '@bizdash/domain/money';
import { useAuth } from '../../app/auth/auth-context';
import { PageHeader } from '../../components/page-header';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { PLACEHOLDER, formatPaise, todayIsoDate } from '../../lib/format';
import { errorMessage, fieldErrorsOf } from '../../lib/errors';
import { MoneyInput } from '../../components/money-input';
import { useParty } from '../parties/api';
import { useCreateOrder, useOrder, useOrderTypes, useUpdateOrder } from './api';
import { AssigneeSelect, CompanySelect, OrderTypeSelect, PartySelect } from './components/pickers';
import { shortPercent } from './components/settlement-card';
import { PRIORITY_OPTIONS } from './labels';

interface Draft {
  title: string;
  description: string;
  clientId: number | null;
  partnerId: number | null;
  orderTypeId: number | null;
  companyId: number | null;
  shareCount: string | number;
  sharePrice: string;
  fees: string;
  baseCharges: string;
  /** Null follows the partner: the order's share while the partner is unchanged, else the partner's default. */
  sharePercent: string | null;
  assigneeId: string | null;
  priority: Priority;
  tags: string[];
  dueDate: string | null;
}

const MONEY_RE = /^\d{1,13}(\.\d{1,2})?$/;

function draftOf(order?: OrderDetail): Draft {
  return {
    title: order?.title ?? '',
    description: order?.description ?? '',
    clientId: order?.client.id ?? null,
    partnerId: order?.partner?.id ?? null,
    orderTypeId: order?.orderType.id ?? null,
    companyId: order?.company?.id ?? null,
    shareCount: order?.shareCount ?? '',
    sharePrice: order?.sharePrice ?? '',
    fees: order?.fees ?? '',
    baseCharges: order?.baseCharges ?? '',
    sharePercent: null,
    assigneeId: order?.assignee ? String(order.assignee.id) : null,
    priority: order?.priority ?? 'normal',
    tags: order?.tags ?? [],
    dueDate: order?.dueDate ?? null,
  };
}

/** Share count × price in paise, exactly (BigInt), or null when either is missing or the product is absurd. */
function orderValuePaise(count: string | number, price: string): number | null {
  const n = typeof count === 'number' ? count : count.trim() ? Number(count) : Number.NaN;
  const paise = tryParseMoney(price.replace(/,/g, ''));
  if (!Number.isSafeInteger(n) || n < 0 || paise === null) return null;
  const product = BigInt(n) * BigInt(paise);
  return product <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(product) : null;
}

function validate(d: Draft, showMoney: boolean): Record<string, string> {
  const e: Record<string, string> = {};
  if (!d.title.trim()) e.title = 'Give the order a title, such as "Transfer of 500 Tata Steel shares"';
  if (d.clientId === null) e.clientId = 'Choose the client';
  if (d.orderTypeId === null) e.orderTypeId = 'Choose the order type';
  if (d.sharePrice.trim() && !MONEY_RE.test(d.sharePrice.replace(/,/g, '').trim()))
    e.sharePrice = 'Enter a price in rupees, such as 1250.50';
  if (showMoney) {
    if (d.fees.trim() && !MONEY_RE.test(d.fees.replace(/,/g, '').trim())) e.fees = 'Enter an amount in rupees';
    if (d.baseCharges.trim() && !MONEY_RE.test(d.baseCharges.replace(/,/g, '').trim()))
      e.baseCharges = 'Enter an amount in rupees';
    const share = d.sharePercent?.trim();
    if (d.partnerId !== null && share && (!/^\d{1,3}(\.\d{1,2})?$/.test(share) || Number(share) > 100))
      e.sharePercent = 'Enter a percentage from 0 to 100, such as 40 or 33.33';
  }
  return e;
}

const money = (v: string) => (v.trim() ? v.replace(/,/g, '').trim() : null);

function Section({ title, children, aside }: { title: string; children: ReactNode; aside?: ReactNode }) {
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={4} fz="md">
          {title}
        </Title>
        {aside}
      </Group>
      {children}
    </Paper>
  );
}

export function NewOrderPage() {
  return (
    <>
      <BackLink to="/orders" label="Orders" />
      <PageHeader
        title="New order"
        description="The fee, base charge, due date and required documents come from the order type; change them if this order differs."
      />
      <OrderForm initial={draftOf()} />
    </>
  );
}

export function EditOrderPage() {
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
  const order = query.data;
  return (
    <>
      <BackLink to={`/orders/${order.id}`} label={order.number} />
      <PageHeader title={`Edit ${order.number}`} description={order.title} />
      {order.stage.isTerminal ? (
        <Alert color="gray" icon={<IconLock size={18} />} title="This order is closed">
          {order.stage.label} orders are read-only. A manager can reopen it from the order page.
        </Alert>
      ) : (
        <OrderForm key={order.id} order={order} initial={draftOf(order)} />
      )}
    </>
  );
}

export function BackLink({ to, label }: { to: string; label: string }) {
  return (
    <Anchor component={Link} to={to} size="sm" c="dimmed" mb="xs" display="inline-block">
      <Group gap={4}>
        <IconArrowLeft size={14} />
        {label}
      </Group>
    </Anchor>
  );
}

function OrderForm({ order, initial }: { order?: OrderDetail; initial: Draft }) {
  const { can } = useAuth();
  const showMoney = can('money.read');
  const navigate = useNavigate();
  const create = useCreateOrder();
  const update = useUpdateOrder();
  const types = useOrderTypes();
  const [draft, setDraft] = useState<Draft>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const isSaving = create.isPending || update.isPending;
  const orderType = types.data?.items.find((t) => t.id === draft.orderTypeId);

  useHotkeys([['mod+S', () => formRef.current?.requestSubmit()]], [], true);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    if (errors[key]) setErrors(({ [key]: _dropped, ...rest }) => rest);
  };

  function chooseType(id: number | null) {
    const type = types.data?.items.find((t) => t.id === id);
    setDraft((d) => {
      const before = types.data?.items.find((t) => t.id === d.orderTypeId);
      // Defaults follow the type unless the user typed their own figure (or is editing a saved order).
      const untouched = (value: string, prior: string | undefined) => !order && (!value.trim() || value === prior);
      return {
        ...d,
        orderTypeId: id,
        // Null for roles that may not read money: their figures are left to the server's defaults.
        fees: type?.defaultFee != null && untouched(d.fees, before?.defaultFee ?? undefined) ? type.defaultFee : d.fees,
        baseCharges:
          type?.baseCharge != null && untouched(d.baseCharges, before?.baseCharge ?? undefined)
            ? type.baseCharge
            : d.baseCharges,
        dueDate:
          !order && type && type.turnaroundDays !== null && (d.dueDate === null || before !== undefined)
            ? addDays(todayIsoDate(), type.turnaroundDays)
            : d.dueDate,
      };
    });
    setErrors(({ orderTypeId: _dropped, ...rest }) => rest);
  }

  const value = orderValuePaise(draft.shareCount, draft.sharePrice);
  const partner = useParty(draft.partnerId ?? 0);
  const followedShare =
    order && draft.partnerId === (order.partner?.id ?? null)
      ? (order.sharePercent ?? '')
      : draft.partnerId === null
        ? '0'
        : (partner.data?.revenueShare ?? '0');
  const shownShare = draft.sharePercent ?? shortPercent(followedShare);

  function submit() {
    const found = validate(draft, showMoney);
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return;
    const common = {
      title: draft.title.trim(),
      description: draft.description.trim() || null,
      partnerId: draft.partnerId,
      companyId: draft.companyId,
      shareCount: draft.shareCount === '' ? null : Number(draft.shareCount),
      // Hidden (null) without money.read: not sent, so the stored price stays.
      ...(showMoney ? { sharePrice: money(draft.sharePrice) } : {}),
      assigneeId: draft.assigneeId ? Number(draft.assigneeId) : null,
      priority: draft.priority,
      tags: draft.tags,
      dueDate: draft.dueDate,
      // Without money.read the figures are hidden (null): leave them to the server's stored values or defaults.
      ...(showMoney && money(draft.fees) ? { fees: money(draft.fees) ?? undefined } : {}),
      ...(showMoney && money(draft.baseCharges) ? { baseCharges: money(draft.baseCharges) ?? undefined } : {}),
      // Sent only when typed, so the server keeps copying the partner's default otherwise.
      ...(showMoney && draft.partnerId !== null && draft.sharePercent !== null && draft.sharePercent.trim()
        ? { sharePercent: draft.sharePercent.trim() }
        : {}),
    };
    const onError = (error: unknown) => {
      const fields = fieldErrorsOf(error);
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFormError(errorMessage(error));
    };
    if (order) {
      const patch: UpdateOrderInput = { ...common, clientId: draft.clientId ?? undefined };
      if (draft.orderTypeId !== null) patch.orderTypeId = draft.orderTypeId;
      update.mutate(
        { id: order.id, patch },
        {
          onSuccess: (saved) => {
            notifications.show({ color: 'green', message: `${saved.number} saved` });
            void navigate(`/orders/${saved.id}`);
          },
          onError,
        },
      );
    } else {
      const input: CreateOrderInput = {
        ...common,
        clientId: draft.clientId ?? 0,
        orderTypeId: draft.orderTypeId ?? 0,
      };
      create.mutate(input, {
        onSuccess: (saved) => void navigate(`/orders/${saved.id}`),
        onError,
      });
    }
  }

  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      data-testid="order-form"
    >
      <Stack gap="md" maw={960}>
        {formError ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
            {formError}
          </Alert>
        ) : null}
        <Section title="Order">
          <Stack gap="sm">
            <TextInput
              label="Title"
              required
              value={draft.title}
              onChange={(e) => set('title', e.currentTarget.value)}
              error={errors.title}
              placeholder="Transfer of 500 shares"
              data-autofocus
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <PartySelect
                role="client"
                label="Client"
                required
                placeholder="Search clients"
                value={draft.clientId}
                onChange={(v) => set('clientId', v)}
                error={errors.clientId}
              />
              <PartySelect
                role="partner"
                label="Partner"
                placeholder="Search partners (optional)"
                value={draft.partnerId}
                onChange={(v) => set('partnerId', v)}
                error={errors.partnerId}
              />
              <OrderTypeSelect
                label="Order type"
                required
                placeholder="Choose a type"
                value={draft.orderTypeId}
                onChange={chooseType}
                error={errors.orderTypeId}
                nothingFoundMessage="No order types yet: add one under Settings"
              />
              <CompanySelect
                label="Company"
                placeholder="Search companies (optional)"
                value={draft.companyId}
                onChange={(v) => set('companyId', v)}
                error={errors.companyId}
              />
            </SimpleGrid>
            {orderType ? (
              <Group gap={6} data-testid="type-documents">
                <Text size="xs" c="dimmed">
                  {order ? 'Documents this type requires:' : 'Documents that will be required:'}
                </Text>
                {orderType.requiredDocuments.length === 0 ? (
                  <Text size="xs" c="dimmed">
                    none
                  </Text>
                ) : (
                  orderType.requiredDocuments.map((d) => (
                    <Badge key={d.id} size="sm" variant="default">
                      {d.name}
                    </Badge>
                  ))
                )}
              </Group>
            ) : null}
            <Textarea
              label="Description"
              autosize
              minRows={2}
              value={draft.description}
              onChange={(e) => set('description', e.currentTarget.value)}
              error={errors.description}
            />
          </Stack>
        </Section>

        <Section title="Shares">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <NumberInput
              label="Share count"
              min={0}
              allowDecimal={false}
              allowNegative={false}
              thousandSeparator=","
              thousandsGroupStyle="lakh"
              value={draft.shareCount}
              onChange={(v) => set('shareCount', v)}
              error={errors.shareCount}
              classNames={{ input: 'num' }}
            />
            {showMoney ? (
              <MoneyInput
                label="Price per share"
                value={draft.sharePrice}
                onChange={(v) => set('sharePrice', v)}
                error={errors.sharePrice}
              />
            ) : null}
            {showMoney ? (
              <Stack gap={4}>
                <Text size="sm" fw={500}>
                  Order value
                </Text>
                <Text size="lg" fw={600} className="num" data-testid="order-value" pt={4}>
                  {value === null ? PLACEHOLDER : formatPaise(value)}
                </Text>
              </Stack>
            ) : null}
          </SimpleGrid>
        </Section>

        {showMoney ? (
          <Section title="Charges">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <MoneyInput
                label="Fees"
                description="Charged when the order succeeds"
                value={draft.fees}
                onChange={(v) => set('fees', v)}
                error={errors.fees}
              />
              <MoneyInput
                label="Base charges"
                description="Charged if the order fails"
                value={draft.baseCharges}
                onChange={(v) => set('baseCharges', v)}
                error={errors.baseCharges}
              />
              <TextInput
                label="Partner's share"
                description={
                  draft.sharePercent === null
                    ? draft.partnerId === null
                      ? 'No partner: the business keeps the whole net'
                      : "The partner's default; type to change it for this order"
                    : 'Of the net (revenue − expenses), for this order'
                }
                rightSection="%"
                inputMode="decimal"
                value={shownShare}
                onChange={(e) => set('sharePercent', e.currentTarget.value.replace(/[^\d.]/g, ''))}
                error={errors.sharePercent}
                disabled={draft.partnerId === null}
                classNames={{ input: 'num' }}
              />
            </SimpleGrid>
          </Section>
        ) : null}

        <Section title="Work">
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
            <AssigneeSelect
              label="Assignee"
              placeholder="Unassigned"
              value={draft.assigneeId}
              onChange={(v) => set('assigneeId', v)}
              error={errors.assigneeId}
            />
            <Select
              label="Priority"
              data={PRIORITY_OPTIONS}
              value={draft.priority}
              onChange={(v) => set('priority', (v as Priority | null) ?? 'normal')} // options are priorities
              allowDeselect={false}
            />
            <DatePickerInput
              label="Due date"
              placeholder="dd-mm-yyyy"
              valueFormat="DD-MM-YYYY"
              value={draft.dueDate}
              onChange={(v) => set('dueDate', v)}
              clearable
              leftSection={<IconCalendar size={16} />}
              error={errors.dueDate}
            />
            <TagsInput
              label="Tags"
              placeholder="Type and press Enter"
              value={draft.tags}
              onChange={(v) => set('tags', v)}
              error={errors.tags}
              maxTags={30}
            />
          </SimpleGrid>
        </Section>

        <Group justify="flex-end" gap="sm">
          <Button variant="default" component={Link} to={order ? `/orders/${order.id}` : '/orders'}>
            Cancel
          </Button>
          <Button type="submit" loading={isSaving}>
            {order ? 'Save changes' : 'Create order'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
