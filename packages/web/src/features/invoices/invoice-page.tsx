import { useEffect, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Center,
  Divider,
  FileButton,
  Group,
  Loader,
  Menu,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArrowLeft,
  IconBan,
  IconCash,
  IconChevronDown,
  IconDownload,
  IconFileMinus,
  IconFilePlus,
  IconPencil,
  IconSend,
  IconTrash,
} from '@tabler/icons-react';
import type { Invoice } from '@bizdash/contracts/invoices';
import { useAuth } from '../../app/auth/auth-context';
import { Amount } from '../../components/amount';
import { DateTime } from '../../components/date-time';
import { HistoryPanel } from '../../components/history-panel';
import { PageHeader } from '../../components/page-header';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { errorMessage } from '../../lib/errors';
import { PLACEHOLDER, formatAmount, formatDate, formatNumber, formatPaise } from '../../lib/format';
import {
  downloadFile,
  fetchFile,
  fileNameOf,
  useCancelInvoice,
  useDeleteInvoice,
  useImportIrpResponse,
  useInvoice,
  useInvoicePayments,
  useIssueInvoice,
} from './api';
import { BackdatedIssue, isBackdatedRefusal } from './components/backdated-issue';
import { paiseOf } from './components/allocation-table';
import { KIND_LABELS, MODE_LABELS, PaymentBadge, StatusBadge, TYPE_LABELS, TypeBadge } from '../../components/badges';
import { RecordPaymentModal } from './components/record-payment-modal';
import { exportDetailsText } from './components/export-details-fields';
import { EwayBillImportModal, EwayBillModal, canEwayBill, ewayBillSummary } from './components/eway-bill';
import { stateName } from '../../lib/format';
import { regimeLabel } from './invoice-draft';
import { PublicLinksButton } from '../public-links/public-links-button';
import { useOrder } from '../orders/api';
import { EmailInvoiceButton } from '../email/email-invoice-button';
import { DocumentJournal } from '../accounts/components/document-journal';

function Card({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Text size="xs" tt="uppercase" fw={700} c="dimmed" mb="xs">
        {title}
      </Text>
      {children}
    </Paper>
  );
}

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Group justify="space-between" gap="sm" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {label}
      </Text>
      <Text size="sm" ta="right" component="div" style={{ minWidth: 0, wordBreak: 'break-word' }} data-testid={testId}>
        {children}
      </Text>
    </Group>
  );
}

/** The order this document bills (issue 14), by its number once loaded. */
function OrderLink({ orderId }: { orderId: number }) {
  const order = useOrder(orderId);
  return (
    <Anchor component={Link} to={`/orders/${orderId}`} size="sm">
      {order.data?.number ?? `Order #${orderId}`}
    </Anchor>
  );
}

export function InvoicePage() {
  const id = Number(useParams().id);
  const query = useInvoice(id);
  if (query.isPending) return <PageLoader />;
  if (query.isError) {
    return (
      <QueryError
        error={query.error}
        what="this document"
        onRetry={() => void query.refetch()}
        isRetrying={query.isFetching}
      />
    );
  }
  return <InvoiceDetail invoice={query.data} />;
}

/** The document's e-invoice can be made for issued B2B, SEZ and export supplies (the server answers 409 otherwise). */
function canEInvoice(invoice: Invoice): boolean {
  return invoice.status === 'issued' && invoice.direction === 'receivable' && invoice.tax.supplyKind !== 'B2C';
}

function InvoiceDetail({ invoice }: { invoice: Invoice }) {
  const { can } = useAuth();
  const navigate = useNavigate();
  const [tab, setTab] = useState<string | null>('lines');
  const [dialog, setDialog] = useState<'issue' | 'cancel' | 'delete' | 'irp' | 'payment' | 'ewb' | 'ewb-import' | null>(
    null,
  );
  const [isDownloading, setDownloading] = useState(false);
  const issue = useIssueInvoice();
  // The server's refusal of a back-dated issue, shown in the dialog with the override.
  const [backdated, setBackdated] = useState<string | null>(null);
  const issueNow = (allowBackdated: boolean) =>
    issue.mutate(
      { id: invoice.id, allowBackdated },
      {
        onSuccess: (issued) => {
          setDialog(null);
          setBackdated(null);
          notifications.show({ color: 'teal', message: `${issued.number ?? 'Document'} issued` });
        },
        onError: (error) =>
          isBackdatedRefusal(error)
            ? setBackdated(errorMessage(error))
            : notifications.show({ color: 'red', message: errorMessage(error) }),
      },
    );
  const remove = useDeleteInvoice();
  const isDraft = invoice.status === 'draft';
  const isIssued = invoice.status === 'issued';
  const isNote = invoice.type === 'credit_note' || invoice.type === 'debit_note';
  const canPay = isIssued && invoice.type !== 'credit_note' && paiseOf(invoice.balanceDue) > 0 && can('money.write');
  const title = invoice.number ?? `Draft ${TYPE_LABELS[invoice.type].toLowerCase()}`;
  const t = invoice.totals;
  const isIntra = invoice.tax.stateTaxLabel !== null;

  async function onDownloadPdf(copies: string = 'original') {
    setDownloading(true);
    try {
      const suffix = copies === 'original' ? '' : `-${copies.replace(/,/g, '-')}`;
      await downloadFile(
        `/invoices/${invoice.id}/pdf?copies=${copies}`,
        `${fileNameOf(invoice.number, invoice.id)}${suffix}.pdf`,
      );
    } catch (error) {
      notifications.show({ color: 'red', title: 'PDF not downloaded', message: errorMessage(error) });
    } finally {
      setDownloading(false);
    }
  }

  async function onDownloadEInvoice() {
    try {
      await downloadFile(`/invoices/${invoice.id}/einvoice`, `${fileNameOf(invoice.number, invoice.id)}-einvoice.json`);
    } catch (error) {
      notifications.show({ color: 'red', title: 'E-invoice JSON not downloaded', message: errorMessage(error) });
    }
  }

  return (
    <>
      <Anchor component={Link} to="/invoices" size="sm" c="dimmed" mb="xs" display="inline-block">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          Invoices
        </Group>
      </Anchor>
      <PageHeader
        title={title}
        description={
          <Group gap="xs" component="span">
            <TypeBadge type={invoice.type} />
            <StatusBadge status={invoice.status} />
            <PaymentBadge status={invoice.paymentStatus} />
            {invoice.kind && invoice.kind !== 'tax_invoice' ? <span>{KIND_LABELS[invoice.kind]}</span> : null}
            <span>
              {invoice.party.name} · {formatDate(invoice.date)}
            </span>
          </Group>
        }
        actions={
          <>
            {isDraft && can('invoices.write') ? (
              <>
                <Button
                  variant="default"
                  color="red"
                  leftSection={<IconTrash size={16} />}
                  onClick={() => setDialog('delete')}
                >
                  Delete
                </Button>
                <Button
                  variant="default"
                  component={Link}
                  to={`/invoices/${invoice.id}/edit`}
                  leftSection={<IconPencil size={16} />}
                >
                  Edit
                </Button>
              </>
            ) : null}
            {isDraft && can('invoices.issue') ? (
              <Button leftSection={<IconSend size={16} />} onClick={() => setDialog('issue')}>
                Issue…
              </Button>
            ) : null}
            {canPay ? (
              <Button leftSection={<IconCash size={16} />} onClick={() => setDialog('payment')}>
                Record payment
              </Button>
            ) : null}
            {isIssued && !isNote && can('invoices.write') ? (
              <>
                <Button
                  variant="default"
                  component={Link}
                  to={`/invoices/new?type=credit_note&original=${invoice.id}`}
                  leftSection={<IconFileMinus size={16} />}
                >
                  Credit note
                </Button>
                <Button
                  variant="default"
                  component={Link}
                  to={`/invoices/new?type=debit_note&original=${invoice.id}`}
                  leftSection={<IconFilePlus size={16} />}
                >
                  Debit note
                </Button>
              </>
            ) : null}
            {isIssued && invoice.direction === 'receivable' && can('invoices.issue') ? (
              <EmailInvoiceButton invoiceId={invoice.id} invoiceNumber={invoice.number} emails={invoice.party.emails} />
            ) : null}
            {!isDraft && can('invoices.write') ? (
              <PublicLinksButton target={{ kind: 'invoice_view', id: invoice.id }} canManage />
            ) : null}
            <Menu position="bottom-end">
              <Menu.Target>
                <Button variant="default" rightSection={<IconChevronDown size={14} />} loading={isDownloading}>
                  More
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>Download PDF</Menu.Label>
                {PDF_COPY_CHOICES.map((choice) => (
                  <Menu.Item
                    key={choice.copies}
                    leftSection={<IconDownload size={16} />}
                    onClick={() => void onDownloadPdf(choice.copies)}
                  >
                    {choice.label}
                  </Menu.Item>
                ))}
                <Menu.Divider />
                {canEInvoice(invoice) ? (
                  <>
                    <Menu.Item leftSection={<IconDownload size={16} />} onClick={() => void onDownloadEInvoice()}>
                      E-invoice JSON for the IRP
                    </Menu.Item>
                    {can('invoices.issue') ? (
                      <Menu.Item onClick={() => setDialog('irp')}>Import IRP response…</Menu.Item>
                    ) : null}
                  </>
                ) : null}
                {canEwayBill(invoice) && can('invoices.issue') ? (
                  <>
                    <Menu.Label>E-way bill</Menu.Label>
                    <Menu.Item leftSection={<IconDownload size={16} />} onClick={() => setDialog('ewb')}>
                      E-way bill JSON for the portal…
                    </Menu.Item>
                    <Menu.Item onClick={() => setDialog('ewb-import')}>Record e-way bill number…</Menu.Item>
                    <Menu.Divider />
                  </>
                ) : null}
                <Menu.Item component={Link} to={`/payments/ledger/${invoice.party.id}`}>
                  Party ledger
                </Menu.Item>
                {isIssued && can('invoices.issue') ? (
                  <>
                    <Menu.Divider />
                    <Menu.Item color="red" leftSection={<IconBan size={16} />} onClick={() => setDialog('cancel')}>
                      Cancel document…
                    </Menu.Item>
                  </>
                ) : null}
              </Menu.Dropdown>
            </Menu>
          </>
        }
      />

      <Stack gap="md">
        {invoice.status === 'cancelled' ? (
          <Alert color="red" title="Cancelled" icon={<IconBan size={18} />}>
            Cancelled <DateTime value={invoice.cancelledAt} /> · {invoice.cancelReason}. The number stays used.
          </Alert>
        ) : null}

        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
          <Card title={invoice.direction === 'receivable' ? 'Billed to' : 'Supplier'}>
            <Stack gap={4}>
              <Anchor component={Link} to={`/parties/${invoice.party.id}`} size="sm" fw={600}>
                {invoice.party.name}
              </Anchor>
              <Text size="sm" className="mono">
                {invoice.party.gstin ?? 'Unregistered'}
              </Text>
              {invoice.party.billingAddress ? (
                <Text size="sm" c="dimmed">
                  {invoice.party.billingAddress.line1}, {invoice.party.billingAddress.city}{' '}
                  {invoice.party.billingAddress.pin}
                </Text>
              ) : null}
              {invoice.party.state ? (
                <Text size="sm" c="dimmed">
                  {stateName(invoice.party.state.code)}
                </Text>
              ) : null}
            </Stack>
          </Card>
          <Card title="Document">
            <Stack gap={6}>
              <Row label="Date">{formatDate(invoice.date)}</Row>
              {invoice.dueDate ? (
                <Row label="Due">
                  <Text span size="sm" c={invoice.isOverdue ? 'red' : undefined} className="num">
                    {formatDate(invoice.dueDate)}
                  </Text>
                </Row>
              ) : null}
              <Row label="Place of supply">{stateName(invoice.tax.placeOfSupply.code)}</Row>
              <Row label="Tax">
                <Badge variant="light" color={invoice.tax.isInterState ? 'indigo' : 'teal'}>
                  {regimeLabel(invoice.tax.regime)}
                </Badge>
              </Row>
              {invoice.tax.regimeOverrideReason ? <Row label="Override">{invoice.tax.regimeOverrideReason}</Row> : null}
              {invoice.tax.reverseCharge ? <Row label="Reverse charge">Yes</Row> : null}
              {invoice.supplierNumber ? <Row label="Supplier's number">{invoice.supplierNumber}</Row> : null}
              {invoice.business.registrationId !== null ? (
                <Row label="Our GSTIN" testId="invoice-our-gstin">
                  <span className="mono">{invoice.business.gstin}</span> · {invoice.business.state.name}
                </Row>
              ) : null}
              {exportDetailsText(invoice.exportDetails, formatDate) ? (
                <Row label="Export" testId="invoice-export-details">
                  {exportDetailsText(invoice.exportDetails, formatDate)}
                </Row>
              ) : null}
              {invoice.itc ? (
                <Row label="Input tax credit">
                  {invoice.itc.eligibility === 'eligible'
                    ? 'Eligible'
                    : `${invoice.itc.eligibility === 'partial' ? 'Partly eligible' : 'Not eligible'}${invoice.itc.reason ? `: ${invoice.itc.reason}` : ''}`}
                </Row>
              ) : null}
              {invoice.original ? (
                <Row label="Against">
                  <Anchor component={Link} to={`/invoices/${invoice.original.id}`} size="sm">
                    {invoice.original.number}
                  </Anchor>
                </Row>
              ) : null}
              {invoice.noteReason ? <Row label="Reason">{invoice.noteReason}</Row> : null}
              {invoice.orderId !== null ? (
                <Row label="Order" testId="invoice-order">
                  <OrderLink orderId={invoice.orderId} />
                </Row>
              ) : null}
              {invoice.ewayBill.number ? (
                <Row label="E-way bill" testId="invoice-ewaybill">
                  <Text span size="sm" className="num" ta="right">
                    {ewayBillSummary(invoice)}
                  </Text>
                </Row>
              ) : null}
              {invoice.einvoice.irn ? (
                <Row label="IRN">
                  <Text span size="xs" className="mono">
                    {invoice.einvoice.irn.slice(0, 16)}…
                  </Text>
                </Row>
              ) : null}
            </Stack>
          </Card>
          <Card title="Amounts" testId="invoice-amounts">
            <Stack gap={6}>
              <Row label="Grand total" testId="invoice-grand-total">
                <Amount value={t.grandTotal} fw={700} />
              </Row>
              {invoice.type !== 'credit_note' && !isDraft ? (
                <>
                  <Row label="Paid (incl. TDS)" testId="invoice-paid">
                    <Amount value={invoice.amountPaid} />
                  </Row>
                  <Row label="Credit notes" testId="invoice-credited">
                    <Amount value={invoice.amountCredited} />
                  </Row>
                  <Divider />
                  <Row label="Balance due" testId="invoice-balance">
                    <Amount value={invoice.balanceDue} fw={700} c={invoice.isOverdue ? 'red' : undefined} />
                  </Row>
                </>
              ) : null}
            </Stack>
          </Card>
        </SimpleGrid>

        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="lines">Lines ({invoice.lines.length})</Tabs.Tab>
            <Tabs.Tab value="pdf">PDF</Tabs.Tab>
            {!isDraft && invoice.type !== 'credit_note' ? <Tabs.Tab value="payments">Payments</Tabs.Tab> : null}
            {!isNote ? <Tabs.Tab value="notes">Notes ({invoice.relatedNotes.length})</Tabs.Tab> : null}
            {!isDraft && can('accounts.read') ? (
              <Tabs.Tab value="journal" data-testid="invoice-journal-tab">
                Journal
              </Tabs.Tab>
            ) : null}
            {can('audit.read') ? <Tabs.Tab value="history">History</Tabs.Tab> : null}
          </Tabs.List>

          <Tabs.Panel value="lines" pt="md">
            <Paper withBorder p={0}>
              <Table.ScrollContainer minWidth={900} type="native">
                <Table verticalSpacing="xs" data-testid="invoice-lines">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={40}>#</Table.Th>
                      <Table.Th>Description</Table.Th>
                      <Table.Th>HSN/SAC</Table.Th>
                      <Table.Th className="num-cell">Qty</Table.Th>
                      <Table.Th className="num-cell">Rate</Table.Th>
                      <Table.Th className="num-cell">Discount</Table.Th>
                      <Table.Th className="num-cell">Taxable</Table.Th>
                      <Table.Th className="num-cell">
                        {isIntra ? `CGST + ${invoice.tax.stateTaxLabel}` : 'IGST'}
                      </Table.Th>
                      <Table.Th className="num-cell">Total</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {invoice.lines.map((line) => (
                      <Table.Tr key={line.id}>
                        <Table.Td className="num">{line.position}</Table.Td>
                        <Table.Td>{line.description}</Table.Td>
                        <Table.Td className="mono">{line.hsnSac}</Table.Td>
                        <Table.Td className="num-cell">
                          {formatNumber(line.quantity)} {line.unit}
                        </Table.Td>
                        <Table.Td className="num-cell">{formatAmount(line.rate)}</Table.Td>
                        <Table.Td className="num-cell">
                          {line.discount ? formatAmount(line.discountAmount) : PLACEHOLDER}
                        </Table.Td>
                        <Table.Td className="num-cell">{formatAmount(line.taxableValue)}</Table.Td>
                        <Table.Td className="num-cell">
                          <Text size="sm" className="num">
                            {isIntra ? formatPaise(paiseOf(line.cgst) + paiseOf(line.sgst)) : formatAmount(line.igst)}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {line.gstRate}%
                          </Text>
                        </Table.Td>
                        <Table.Td className="num-cell">{formatAmount(line.total)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <Group justify="space-between" align="flex-start" p="md" wrap="wrap" gap="lg">
                <Stack gap={4} maw={520}>
                  <Text size="sm" fw={500} data-testid="invoice-words">
                    {invoice.amountInWords}
                  </Text>
                  {invoice.notes ? (
                    <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-line' }}>
                      {invoice.notes}
                    </Text>
                  ) : null}
                </Stack>
                <Stack gap={4} miw={280}>
                  <Row label="Taxable value">{formatAmount(t.taxableValue)}</Row>
                  {isIntra ? (
                    <>
                      <Row label="CGST">{formatAmount(t.cgst)}</Row>
                      <Row label={invoice.tax.stateTaxLabel ?? 'SGST'}>{formatAmount(t.sgst)}</Row>
                    </>
                  ) : (
                    <Row label="IGST">{formatAmount(t.igst)}</Row>
                  )}
                  {paiseOf(t.cess) > 0 ? <Row label="Cess">{formatAmount(t.cess)}</Row> : null}
                  {invoice.roundToRupee ? <Row label="Round off">{formatAmount(t.roundOff)}</Row> : null}
                  <Divider />
                  <Row label="Grand total">
                    <Text span fw={700} className="num">
                      {formatAmount(t.grandTotal)}
                    </Text>
                  </Row>
                </Stack>
              </Group>
            </Paper>
          </Tabs.Panel>

          <Tabs.Panel value="pdf" pt="md">
            <PdfPreview invoice={invoice} onDownload={(copies) => void onDownloadPdf(copies)} />
          </Tabs.Panel>

          <Tabs.Panel value="payments" pt="md">
            <InvoicePayments invoice={invoice} />
          </Tabs.Panel>

          <Tabs.Panel value="notes" pt="md">
            <Paper withBorder p="md">
              {invoice.relatedNotes.length === 0 ? (
                <Text size="sm" c="dimmed">
                  No credit or debit notes against this document.
                </Text>
              ) : (
                <Table data-testid="related-notes">
                  <Table.Tbody>
                    {invoice.relatedNotes.map((note) => (
                      <Table.Tr key={note.id}>
                        <Table.Td>
                          <Anchor component={Link} to={`/invoices/${note.id}`} size="sm" className="mono">
                            {note.number ?? `Draft #${note.id}`}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>{TYPE_LABELS[note.type]}</Table.Td>
                        <Table.Td className="num">{formatDate(note.date)}</Table.Td>
                        <Table.Td>
                          <StatusBadge status={note.status} />
                        </Table.Td>
                        <Table.Td className="num-cell">{formatAmount(note.grandTotal)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Paper>
          </Tabs.Panel>

          <Tabs.Panel value="journal" pt="md">
            <DocumentJournal sourceType="invoice" sourceId={invoice.id} />
          </Tabs.Panel>

          <Tabs.Panel value="history" pt="md">
            <Paper withBorder p="md">
              <HistoryPanel entity="invoice" entityId={invoice.id} />
            </Paper>
          </Tabs.Panel>
        </Tabs>
      </Stack>

      <Modal
        opened={dialog === 'issue'}
        onClose={() => {
          setDialog(null);
          setBackdated(null);
        }}
        title="Issue this document?"
        centered
      >
        <Stack gap="sm">
          <Text size="sm">
            It gets the next number of its financial year's series and can no longer be edited. Grand total{' '}
            <b className="num">{formatAmount(t.grandTotal)}</b>.
          </Text>
          <Group justify="flex-end">
            <Button
              variant="default"
              onClick={() => {
                setDialog(null);
                setBackdated(null);
              }}
            >
              Back
            </Button>
            <Button
              loading={issue.isPending}
              disabled={backdated !== null}
              onClick={() => issueNow(false)}
              data-autofocus
            >
              Issue
            </Button>
          </Group>
          {backdated !== null ? (
            <BackdatedIssue message={backdated} loading={issue.isPending} onIssueAnyway={() => issueNow(true)} />
          ) : null}
        </Stack>
      </Modal>

      <Modal opened={dialog === 'delete'} onClose={() => setDialog(null)} title="Delete this draft?" centered>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setDialog(null)}>
            Keep it
          </Button>
          <Button
            color="red"
            loading={remove.isPending}
            onClick={() =>
              remove.mutate(invoice.id, {
                onSuccess: () => void navigate('/invoices'),
                onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
              })
            }
          >
            Delete draft
          </Button>
        </Group>
      </Modal>

      <CancelModal invoice={invoice} opened={dialog === 'cancel'} onClose={() => setDialog(null)} />
      <IrpResponseModal invoice={invoice} opened={dialog === 'irp'} onClose={() => setDialog(null)} />
      <EwayBillModal invoice={invoice} opened={dialog === 'ewb'} onClose={() => setDialog(null)} />
      <EwayBillImportModal invoice={invoice} opened={dialog === 'ewb-import'} onClose={() => setDialog(null)} />
      <RecordPaymentModal
        opened={dialog === 'payment'}
        onClose={() => setDialog(null)}
        prefill={{
          direction: invoice.direction === 'receivable' ? 'received' : 'made',
          partyId: invoice.party.id,
          invoiceId: invoice.id,
          amount: invoice.balanceDue,
        }}
      />
    </>
  );
}

/**
 * The copies Rule 48 asks for, as the PDF route prints them (`?copies=`): the original for the recipient, the
 * duplicate for the transporter (for the supplier on services), the triplicate for the supplier, or all three.
 */
const PDF_COPY_CHOICES = [
  { copies: 'original', label: 'Original for recipient' },
  { copies: 'duplicate', label: 'Duplicate (transporter; supplier for services)' },
  { copies: 'triplicate', label: 'Triplicate for supplier' },
  { copies: 'original,duplicate,triplicate', label: 'All three copies' },
] as const;

/** The server's PDF, fetched with the bearer token and shown from a blob URL. */
function PdfPreview({ invoice, onDownload }: { invoice: Invoice; onDownload: (copies: string) => void }) {
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let objectUrl: string | null = null;
    let isCurrent = true;
    fetchFile(`/invoices/${invoice.id}/pdf`)
      .then((blob) => {
        if (!isCurrent) return;
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      })
      .catch((e: unknown) => isCurrent && setError(e));
    return () => {
      isCurrent = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
    // Re-render the PDF when the document changes (issue, payment, IRN).
  }, [invoice.id, invoice.updatedAt]);

  if (error) return <QueryError error={error} what="the PDF" />;
  if (!url) {
    return (
      <Center h={300}>
        <Loader size="sm" />
      </Center>
    );
  }
  return (
    <Stack gap="xs">
      <Group justify="flex-end">
        <Menu position="bottom-end">
          <Menu.Target>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconDownload size={14} />}
              rightSection={<IconChevronDown size={12} />}
            >
              Download / print PDF
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {PDF_COPY_CHOICES.map((choice) => (
              <Menu.Item key={choice.copies} onClick={() => onDownload(choice.copies)}>
                {choice.label}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      </Group>
      <iframe
        src={url}
        title={`PDF of ${invoice.number ?? 'the draft'}`}
        style={{ width: '100%', height: 820, border: '1px solid var(--mantine-color-default-border)', borderRadius: 4 }}
        data-testid="pdf-preview"
      />
    </Stack>
  );
}

function InvoicePayments({ invoice }: { invoice: Invoice }) {
  const query = useInvoicePayments(invoice);
  if (invoice.amountPaid === '0.00') {
    return (
      <Paper withBorder p="md">
        <Text size="sm" c="dimmed">
          No payments allocated yet.
        </Text>
      </Paper>
    );
  }
  if (query.isPending) return <Loader size="sm" />;
  if (query.isError) return <QueryError error={query.error} what="payments" />;
  return (
    <Paper withBorder p={0}>
      <Table verticalSpacing="xs" data-testid="invoice-payments">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Date</Table.Th>
            <Table.Th>Mode</Table.Th>
            <Table.Th>Reference</Table.Th>
            <Table.Th className="num-cell">Payment</Table.Th>
            <Table.Th className="num-cell">Allocated here</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {query.data.map(({ payment, amount }) => (
            <Table.Tr key={payment.id}>
              <Table.Td className="num">{formatDate(payment.date)}</Table.Td>
              <Table.Td>{MODE_LABELS[payment.mode]}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/payments?payment=${payment.id}`} size="sm">
                  {payment.reference ?? `Payment #${payment.id}`}
                </Anchor>
              </Table.Td>
              <Table.Td className="num-cell">{formatAmount(payment.amount)}</Table.Td>
              <Table.Td className="num-cell">{formatAmount(amount)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

function CancelModal({ invoice, opened, onClose }: { invoice: Invoice; opened: boolean; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const cancel = useCancelInvoice();
  return (
    <Modal opened={opened} onClose={onClose} title={`Cancel ${invoice.number ?? 'document'}?`} centered>
      <Stack gap="sm">
        <Text size="sm">
          A cancelled document stays in the books with its number; it no longer counts in returns or balances.
        </Text>
        <TextInput
          label="Reason"
          required
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={error}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Back
          </Button>
          <Button
            color="red"
            loading={cancel.isPending}
            onClick={() => {
              if (!reason.trim()) {
                setError('Say why the document is cancelled');
                return;
              }
              cancel.mutate(
                { id: invoice.id, input: { reason: reason.trim() } },
                { onSuccess: onClose, onError: (e) => setError(errorMessage(e)) },
              );
            }}
          >
            Cancel document
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function IrpResponseModal({ invoice, opened, onClose }: { invoice: Invoice; opened: boolean; onClose: () => void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const importResponse = useImportIrpResponse();
  function submit() {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      setError('This is not JSON. Paste the response exactly as the portal or GSP gave it.');
      return;
    }
    importResponse.mutate(
      // The server validates the shape (bare or NIC-wrapped); a bad one comes back as a 400 naming the field.
      { id: invoice.id, body: body as Parameters<typeof importResponse.mutate>[0]['body'] },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: 'IRN saved on the document' });
          onClose();
        },
        onError: (e) => setError(errorMessage(e)),
      },
    );
  }
  return (
    <Modal opened={opened} onClose={onClose} title="Import the IRP response" size="lg" centered>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Paste the JSON the Invoice Registration Portal (or your GSP) returned for {invoice.number ?? 'this document'},
          or upload the file. The IRN, acknowledgement and signed QR code are stored and printed on the PDF.
        </Text>
        <FileButton
          accept="application/json,.json"
          onChange={(file) => {
            if (file) void file.text().then(setText);
          }}
        >
          {(props) => (
            <Button variant="default" size="xs" {...props} style={{ alignSelf: 'flex-start' }}>
              Upload JSON file
            </Button>
          )}
        </FileButton>
        <Textarea
          label="Response JSON"
          autosize
          minRows={6}
          maxRows={14}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={error}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={submit} loading={importResponse.isPending} disabled={!text.trim()}>
            Import
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
