import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  CopyButton,
  Grid,
  Group,
  Menu,
  Modal,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArrowLeft,
  IconCash,
  IconChevronDown,
  IconDownload,
  IconEdit,
  IconFileInvoice,
  IconLink,
  IconPackage,
  IconTruck,
} from '@tabler/icons-react';
import type { PaymentMode } from '@bizdash/contracts/payments';
import type { SalesDocument, SalesDocumentKind } from '@bizdash/contracts/sales-documents';
import { useAuth } from '../../app/auth/auth-context';
import { Amount } from '../../components/amount';
import { PageHeader } from '../../components/page-header';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { errorMessage } from '../../lib/errors';
import { formatDate, formatDateTime, todayIsoDate } from '../../lib/format';
import { downloadFile } from '../invoices/api';
import { DateField } from '../../components/date-field';
import { EwayBillImportModal, EwayBillModal, ewayBillSummary } from '../invoices/components/eway-bill';
import { stateName } from '../../lib/format';
import {
  useConvertToInvoice,
  useConvertToOrder,
  useCreateSalesDocumentLink,
  useRecordAdvance,
  useSalesDocument,
  useSetSalesDocumentStatus,
} from './api';
import { CHALLAN_REASONS, KINDS, STATUS_LABELS } from './kinds';

const OPEN = ['draft', 'sent', 'accepted'];

/** /quotations/:id (and /proformas/:id, /challans/:id): the document, its link, conversions and advances. */
export function SalesDocumentPage({ kind }: { kind: SalesDocumentKind }) {
  const id = Number(useParams().id);
  const query = useSalesDocument(id);
  if (query.isError) return <QueryError error={query.error} what="the document" onRetry={() => void query.refetch()} />;
  if (!query.data) return <PageLoader />;
  return <DocumentView kind={kind} doc={query.data} />;
}

function DocumentView({ kind, doc }: { kind: SalesDocumentKind; doc: SalesDocument }) {
  const { can } = useAuth();
  const navigate = useNavigate();
  const meta = KINDS[kind];
  const status = STATUS_LABELS[doc.status];
  const [link, setLink] = useState<string | null>(null);
  const [isConverting, setConverting] = useState(false);
  const [isAdvancing, setAdvancing] = useState(false);
  const [ewbDialog, setEwbDialog] = useState<'ewb' | 'ewb-import' | null>(null);
  const makeLink = useCreateSalesDocumentLink(doc.id);
  const setStatus = useSetSalesDocumentStatus(doc.id);
  const toOrder = useConvertToOrder(doc.id);
  const toInvoice = useConvertToInvoice(doc.id);
  const canWrite = can('invoices.write');
  const isOpen = OPEN.includes(doc.status);
  const t = doc.totals;
  const isIntra = doc.tax.stateTaxLabel !== null;

  async function onLink() {
    try {
      const created = await makeLink.mutateAsync();
      setLink(created.url ?? `${window.location.origin.replace(/:\d+$/, '')}${created.path}`);
    } catch (error) {
      notifications.show({ color: 'red', title: 'No link made', message: errorMessage(error) });
    }
  }

  async function onStatus(to: 'sent' | 'accepted' | 'declined' | 'cancelled') {
    try {
      await setStatus.mutateAsync({ status: to });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Not changed', message: errorMessage(error) });
    }
  }

  async function onConvertWhole() {
    try {
      const invoice = await toInvoice.mutateAsync({});
      notifications.show({ color: 'teal', message: 'Draft invoice made: review and issue it' });
      void navigate(`/invoices/${invoice.id}`);
    } catch (error) {
      notifications.show({ color: 'red', title: 'Not converted', message: errorMessage(error) });
    }
  }

  async function onConvertOrder() {
    try {
      const order = await toOrder.mutateAsync();
      notifications.show({ color: 'teal', message: `Order ${order.number} made` });
      void navigate(`/orders/${order.id}`);
    } catch (error) {
      notifications.show({ color: 'red', title: 'Not converted', message: errorMessage(error) });
    }
  }

  async function onPdf() {
    try {
      await downloadFile(`/sales-documents/${doc.id}/pdf`, `${doc.number.replace(/[^A-Za-z0-9-]+/g, '-')}.pdf`);
    } catch (error) {
      notifications.show({ color: 'red', title: 'PDF not downloaded', message: errorMessage(error) });
    }
  }

  return (
    <div data-testid="sales-document-page">
      <Anchor component={Link} to={meta.path} size="sm" c="dimmed" mb="xs" display="inline-block">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {meta.title}
        </Group>
      </Anchor>
      <PageHeader
        title={`${meta.singular} ${doc.number}`}
        description={`For ${doc.party.name} · ${formatDate(doc.date)}`}
        actions={
          <>
            <Button variant="default" leftSection={<IconDownload size={16} />} onClick={() => void onPdf()}>
              PDF
            </Button>
            {canWrite && (doc.status === 'draft' || doc.status === 'sent') && doc.conversions.length === 0 ? (
              <Button
                variant="default"
                leftSection={<IconEdit size={16} />}
                component={Link}
                to={`${meta.path}/${doc.id}/edit`}
              >
                Edit
              </Button>
            ) : null}
            {canWrite && kind !== 'delivery_challan' && (doc.status === 'draft' || doc.status === 'sent') ? (
              <Button
                variant="default"
                leftSection={<IconLink size={16} />}
                onClick={() => void onLink()}
                loading={makeLink.isPending}
              >
                Send link
              </Button>
            ) : null}
            {kind === 'delivery_challan' && doc.status !== 'cancelled' && can('invoices.issue') ? (
              <Menu position="bottom-end">
                <Menu.Target>
                  <Button variant="default" leftSection={<IconTruck size={16} />}>
                    E-way bill
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item onClick={() => setEwbDialog('ewb')}>Download JSON for the portal</Menu.Item>
                  <Menu.Item onClick={() => setEwbDialog('ewb-import')}>Record the e-way bill number</Menu.Item>
                </Menu.Dropdown>
              </Menu>
            ) : null}
            {canWrite && isOpen ? (
              <Menu position="bottom-end">
                <Menu.Target>
                  <Button rightSection={<IconChevronDown size={16} />}>Convert</Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item
                    leftSection={<IconFileInvoice size={16} />}
                    onClick={() => (kind === 'delivery_challan' ? setConverting(true) : void onConvertWhole())}
                  >
                    Into a sales invoice
                  </Menu.Item>
                  {kind === 'quotation' && doc.orderType && doc.conversions.length === 0 ? (
                    <Menu.Item leftSection={<IconPackage size={16} />} onClick={() => void onConvertOrder()}>
                      Into an order ({doc.orderType.name})
                    </Menu.Item>
                  ) : null}
                  <Menu.Divider />
                  {kind === 'quotation' && (doc.status === 'draft' || doc.status === 'sent') ? (
                    <>
                      <Menu.Item onClick={() => void onStatus('accepted')}>Mark accepted</Menu.Item>
                      <Menu.Item onClick={() => void onStatus('declined')}>Mark declined</Menu.Item>
                    </>
                  ) : null}
                  {doc.status === 'draft' ? (
                    <Menu.Item onClick={() => void onStatus('sent')}>Mark sent</Menu.Item>
                  ) : null}
                  <Menu.Item color="red" onClick={() => void onStatus('cancelled')}>
                    Cancel {meta.singular.toLowerCase()}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            ) : null}
          </>
        }
      />
      <Stack gap="md">
        <Group gap="xs">
          <Badge variant="light" color={status.color} data-testid="document-status">
            {status.label}
          </Badge>
          {doc.validUntil && (doc.status === 'draft' || doc.status === 'sent') ? (
            <Text size="sm" c="dimmed">
              Valid until {formatDate(doc.validUntil)}
            </Text>
          ) : null}
        </Group>
        {link ? (
          <Alert color="blue" title="Link for the client" withCloseButton onClose={() => setLink(null)}>
            <Group gap="sm">
              <TextInput value={link} readOnly w={520} data-testid="public-link" />
              <CopyButton value={link}>
                {({ copied, copy }) => (
                  <Button variant="light" onClick={copy}>
                    {copied ? 'Copied' : 'Copy'}
                  </Button>
                )}
              </CopyButton>
            </Group>
            <Text size="xs" c="dimmed" mt={4}>
              {kind === 'quotation'
                ? 'The client can view the PDF and accept or decline there. Send it by email or WhatsApp.'
                : 'The client can view the PDF there.'}
            </Text>
          </Alert>
        ) : null}
        {kind === 'proforma' ? (
          <Alert color="gray" variant="light">
            A proforma invoice is not a tax invoice: it is not reported in GSTR-1 and posts nothing to the books.
          </Alert>
        ) : null}
        <Grid>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Paper withBorder p="md">
              <SimpleGrid cols={2} spacing="xs">
                <Label name={kind === 'delivery_challan' ? 'Consignee' : 'Client'}>
                  {doc.party.name}
                  {doc.party.gstin ? ` · ${doc.party.gstin}` : ''}
                </Label>
                <Label name="Place of supply">{stateName(doc.tax.placeOfSupply.code)}</Label>
                <Label name="Date">{formatDate(doc.date)}</Label>
                {doc.validUntil ? <Label name="Valid until">{formatDate(doc.validUntil)}</Label> : null}
                {doc.challanReason ? <Label name="Purpose">{CHALLAN_REASONS[doc.challanReason]}</Label> : null}
                {doc.transport ? <Label name="Transport">{doc.transport}</Label> : null}
                {doc.ewayBill.number ? <Label name="E-way bill">{ewayBillSummary(doc)}</Label> : null}
                {doc.orderType ? <Label name="Order type">{doc.orderType.name}</Label> : null}
                {doc.partner ? <Label name="Partner">{doc.partner.name}</Label> : null}
                {doc.sentAt ? <Label name="Sent">{formatDateTime(doc.sentAt)}</Label> : null}
                {doc.respondedAt ? (
                  <Label name="Client answered">
                    {formatDateTime(doc.respondedAt)}
                    {doc.responseNote ? ` · “${doc.responseNote}”` : ''}
                  </Label>
                ) : null}
              </SimpleGrid>
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Paper withBorder p="md" data-testid="document-totals">
              <Stack gap={4}>
                <Row name="Taxable value" value={t.taxableValue} />
                {isIntra ? (
                  <>
                    <Row name="CGST" value={t.cgst} />
                    <Row name={doc.tax.stateTaxLabel ?? 'SGST'} value={t.sgst} />
                  </>
                ) : (
                  <Row name="IGST" value={t.igst} />
                )}
                {t.roundOff !== '0.00' ? <Row name="Round off" value={t.roundOff} /> : null}
                <Row name="Total" value={t.grandTotal} strong />
                {kind === 'proforma' ? <Row name="Advance received" value={doc.advanceTotal} /> : null}
              </Stack>
            </Paper>
          </Grid.Col>
        </Grid>
        <Paper withBorder p={0}>
          <Table.ScrollContainer minWidth={700} type="native">
            <Table verticalSpacing="xs" data-testid="document-lines">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Description</Table.Th>
                  <Table.Th>HSN/SAC</Table.Th>
                  <Table.Th className="num-cell">Qty</Table.Th>
                  {kind === 'delivery_challan' ? <Table.Th className="num-cell">Invoiced</Table.Th> : null}
                  <Table.Th className="num-cell">Rate</Table.Th>
                  <Table.Th className="num-cell">GST %</Table.Th>
                  <Table.Th className="num-cell">Taxable</Table.Th>
                  <Table.Th className="num-cell">Total</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {doc.lines.map((l) => (
                  <Table.Tr key={l.id}>
                    <Table.Td>{l.description}</Table.Td>
                    <Table.Td className="num">{l.hsnSac}</Table.Td>
                    <Table.Td className="num-cell">
                      {l.quantity} {l.unit}
                    </Table.Td>
                    {kind === 'delivery_challan' ? (
                      <Table.Td className="num-cell">{l.convertedQuantity}</Table.Td>
                    ) : null}
                    <Table.Td className="num-cell">
                      <Amount value={l.rate} />
                    </Table.Td>
                    <Table.Td className="num-cell">{l.gstRate}</Table.Td>
                    <Table.Td className="num-cell">
                      <Amount value={l.taxableValue} />
                    </Table.Td>
                    <Table.Td className="num-cell">
                      <Amount value={l.total} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
        {doc.conversions.length > 0 || doc.convertedOrderId ? (
          <Paper withBorder p="md">
            <Text fw={600} size="sm" mb="xs">
              Converted into
            </Text>
            <Stack gap={4}>
              {doc.conversions.map((c) => (
                <Anchor key={c.invoiceId} component={Link} to={`/invoices/${c.invoiceId}`} size="sm">
                  {c.number ?? 'Draft invoice'} · {formatDate(c.date)} · {c.status}
                </Anchor>
              ))}
              {doc.convertedOrderId ? (
                <Anchor component={Link} to={`/orders/${doc.convertedOrderId}`} size="sm">
                  Order #{doc.convertedOrderId}
                </Anchor>
              ) : null}
            </Stack>
          </Paper>
        ) : null}
        {kind === 'proforma' ? (
          <Paper withBorder p="md">
            <Group justify="space-between" mb="xs">
              <Text fw={600} size="sm">
                Advances
              </Text>
              {can('money.write') && doc.status !== 'cancelled' ? (
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconCash size={14} />}
                  onClick={() => setAdvancing(true)}
                >
                  Record advance
                </Button>
              ) : null}
            </Group>
            {doc.advances.length === 0 ? (
              <Text size="sm" c="dimmed">
                None yet. An advance is applied to the tax invoice when it is issued.
              </Text>
            ) : (
              doc.advances.map((a) => (
                <Text size="sm" key={a.paymentId}>
                  {formatDate(a.date)} · <Amount value={a.amount} /> · {a.mode}
                  {a.reference ? ` · ${a.reference}` : ''} · applied <Amount value={a.allocated} />
                </Text>
              ))
            )}
          </Paper>
        ) : null}
        {doc.terms ? (
          <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
            {doc.terms}
          </Text>
        ) : null}
      </Stack>
      {kind === 'delivery_challan' ? (
        <>
          <ConvertChallanModal doc={doc} opened={isConverting} onClose={() => setConverting(false)} />
          <EwayBillModal
            invoice={doc}
            endpoint="sales-documents"
            opened={ewbDialog === 'ewb'}
            onClose={() => setEwbDialog(null)}
          />
          <EwayBillImportModal
            invoice={doc}
            endpoint="sales-documents"
            opened={ewbDialog === 'ewb-import'}
            onClose={() => setEwbDialog(null)}
          />
        </>
      ) : null}
      {kind === 'proforma' ? <AdvanceModal doc={doc} opened={isAdvancing} onClose={() => setAdvancing(false)} /> : null}
    </div>
  );
}

function Label({ name, children }: { name: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {name}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  );
}

function Row({ name, value, strong }: { name: string; value: string; strong?: boolean }) {
  return (
    <Group justify="space-between">
      <Text size="sm" fw={strong ? 700 : undefined}>
        {name}
      </Text>
      <Amount value={value} size="sm" fw={strong ? 700 : undefined} />
    </Group>
  );
}

/** Per-line quantities to invoice now, each up to what remains on the challan. */
function ConvertChallanModal({ doc, opened, onClose }: { doc: SalesDocument; opened: boolean; onClose: () => void }) {
  const navigate = useNavigate();
  const convert = useConvertToInvoice(doc.id);
  const [quantities, setQuantities] = useState<Record<number, string>>(() =>
    Object.fromEntries(doc.lines.map((l) => [l.id, l.remainingQuantity])),
  );
  const [date, setDate] = useState<string>(todayIsoDate());
  const [error, setError] = useState<string | null>(null);

  async function submit() {
    setError(null);
    const lines = doc.lines
      .map((l) => ({ lineId: l.id, quantity: (quantities[l.id] ?? '0').trim() || '0' }))
      .filter((l) => Number(l.quantity) > 0);
    try {
      const invoice = await convert.mutateAsync({ date, lines });
      onClose();
      void navigate(`/invoices/${invoice.id}`);
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <Modal opened={opened} onClose={onClose} title="Invoice goods from this challan" size="lg">
      <Stack>
        <DateField label="Invoice date" value={date} onChange={(v) => setDate(v ?? todayIsoDate())} w={200} />
        <Table data-testid="convert-lines">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Line</Table.Th>
              <Table.Th className="num-cell">Left</Table.Th>
              <Table.Th className="num-cell">Invoice now</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {doc.lines.map((l) => (
              <Table.Tr key={l.id}>
                <Table.Td>{l.description}</Table.Td>
                <Table.Td className="num-cell">
                  {l.remainingQuantity} {l.unit}
                </Table.Td>
                <Table.Td className="num-cell">
                  <NumberInput
                    aria-label={`Quantity of ${l.description}`}
                    min={0}
                    max={Number(l.remainingQuantity)}
                    decimalScale={3}
                    value={quantities[l.id] ?? ''}
                    onChange={(v) => setQuantities((q) => ({ ...q, [l.id]: String(v) }))}
                    w={120}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {error ? <Alert color="red">{error}</Alert> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
          <Button onClick={() => void submit()} loading={convert.isPending}>
            Make draft invoice
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

const MODES: { value: PaymentMode; label: string }[] = [
  { value: 'bank_transfer', label: 'Bank transfer' },
  { value: 'upi', label: 'UPI' },
  { value: 'cash', label: 'Cash' },
  { value: 'cheque', label: 'Cheque' },
  { value: 'card', label: 'Card' },
  { value: 'other', label: 'Other' },
];

function AdvanceModal({ doc, opened, onClose }: { doc: SalesDocument; opened: boolean; onClose: () => void }) {
  const record = useRecordAdvance(doc.id);
  const [date, setDate] = useState(todayIsoDate());
  const [amount, setAmount] = useState<string>('');
  const [mode, setMode] = useState<PaymentMode>('bank_transfer');
  const [reference, setReference] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function submit() {
    setError(null);
    try {
      await record.mutateAsync({ date, amount, mode, reference: reference.trim() || null });
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <Modal opened={opened} onClose={onClose} title="Record an advance against this proforma">
      <Stack>
        <DateField label="Date" value={date} onChange={(v) => setDate(v ?? todayIsoDate())} />
        <NumberInput
          label="Amount (₹)"
          min={0}
          decimalScale={2}
          thousandSeparator=","
          value={amount}
          onChange={(v) => setAmount(String(v))}
        />
        <Select
          label="Mode"
          data={MODES}
          value={mode}
          onChange={(v) => setMode((v as PaymentMode | null) ?? 'other')}
        />
        <TextInput label="Reference" value={reference} onChange={(e) => setReference(e.currentTarget.value)} />
        {error ? <Alert color="red">{error}</Alert> : null}
        <Group justify="flex-end">
          <Button onClick={() => void submit()} loading={record.isPending}>
            Record
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
