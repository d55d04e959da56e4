import { useState } from 'react';
import {
  ActionIcon,
  Alert,
  Button,
  Collapse,
  FileButton,
  Group,
  Menu,
  Modal,
  MultiSelect,
  Paper,
  Progress,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Textarea,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconChevronDown,
  IconChevronRight,
  IconDotsVertical,
  IconDownload,
  IconEye,
  IconFileText,
  IconPlus,
  IconTrash,
  IconUpload,
} from '@tabler/icons-react';
import type { DocumentStatus, OrderDetail, OrderDocument, OrderFile } from '@bizdash/contracts/orders';
import { ALLOWED_UPLOAD_TYPES } from '@bizdash/contracts/orders';
import { useAuth } from '../../../app/auth/auth-context';
import { DateTime } from '../../../components/date-time';
import { QueryError } from '../../../components/query-error';
import { errorMessage, fieldErrorsOf } from '../../../lib/errors';
import { formatFileSize, formatNumber } from '../../../lib/format';
import {
  useAddDocuments,
  useDocumentTypes,
  useOrderDocument,
  useOrderDocuments,
  useRemoveDocument,
  useSetDocumentStatus,
  useUploadDocumentFile,
} from '../api';
import { downloadFile } from '../file-transfer';
import { DOCUMENT_ACTION_LABELS, DOCUMENT_STATUS_LABELS } from '../labels';
import { Completeness, DocumentStatusBadge } from './order-badges';
import { FilePreviewModal, type PreviewFile } from './file-preview';

const ACCEPT = ALLOWED_UPLOAD_TYPES.map((ext) => `.${ext}`).join(',');
/** How far a document got; moves to a later rank are buttons, moves back live in the row's menu. */
const RANK: Record<DocumentStatus, number> = { pending: 0, received: 1, rejected: 1.5, submitted: 2, accepted: 3 };
const isForward = (from: DocumentStatus, to: DocumentStatus) => to === 'rejected' || RANK[to] > RANK[from];

export function DocumentsPanel({ order }: { order: OrderDetail }) {
  const { can } = useAuth();
  const canWrite = can('orders.write') && !order.stage.isTerminal;
  const query = useOrderDocuments(order.id);
  const [preview, setPreview] = useState<PreviewFile | null>(null);
  const [rejecting, setRejecting] = useState<OrderDocument | null>(null);
  const [isAdding, setAdding] = useState(false);

  if (query.isPending) {
    return (
      <Stack gap="sm">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} height={64} radius="md" />
        ))}
      </Stack>
    );
  }
  if (query.isError) {
    return (
      <QueryError
        error={query.error}
        what="documents"
        onRetry={() => void query.refetch()}
        isRetrying={query.isFetching}
      />
    );
  }
  const { items, completeness, maxUploadBytes } = query.data;

  return (
    <Stack gap="sm" data-testid="documents-panel">
      <Group justify="space-between" align="center">
        <Group gap="md">
          <Completeness value={completeness} />
          <Text size="xs" c="dimmed">
            PDF, JPEG, PNG, WEBP, DOCX or XLSX up to {formatFileSize(maxUploadBytes)}
          </Text>
        </Group>
        {canWrite ? (
          <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} onClick={() => setAdding(true)}>
            Require a document
          </Button>
        ) : null}
      </Group>
      {items.length === 0 ? (
        <Paper withBorder p="xl">
          <Stack align="center" gap={4} c="dimmed">
            <IconFileText size={26} />
            <Text size="sm" inherit>
              No documents are required for this order.
            </Text>
          </Stack>
        </Paper>
      ) : (
        items.map((doc) => (
          <DocumentRow
            key={doc.id}
            orderId={order.id}
            doc={doc}
            canWrite={canWrite}
            maxUploadBytes={maxUploadBytes}
            onPreview={setPreview}
            onReject={setRejecting}
          />
        ))
      )}
      <FilePreviewModal file={preview} onClose={() => setPreview(null)} />
      <RejectModal orderId={order.id} doc={rejecting} onClose={() => setRejecting(null)} />
      <AddDocumentsModal
        orderId={order.id}
        opened={isAdding}
        existing={items.map((d) => d.documentType.id)}
        onClose={() => setAdding(false)}
      />
    </Stack>
  );
}

function previewOf(file: OrderFile): PreviewFile | null {
  if (!file.previewUrl) return null;
  return {
    name: file.originalName,
    mediaType: file.mediaType,
    sizeBytes: file.sizeBytes,
    previewUrl: file.previewUrl,
    downloadUrl: file.downloadUrl,
  };
}

function DocumentRow({
  orderId,
  doc,
  canWrite,
  maxUploadBytes,
  onPreview,
  onReject,
}: {
  orderId: number;
  doc: OrderDocument;
  canWrite: boolean;
  maxUploadBytes: number;
  onPreview: (file: PreviewFile) => void;
  onReject: (doc: OrderDocument) => void;
}) {
  const [isOpen, setOpen] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const upload = useUploadDocumentFile(orderId);
  const setStatus = useSetDocumentStatus(orderId);
  const remove = useRemoveDocument(orderId);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const name = doc.documentType.name;
  const file = doc.currentFile;

  function onFile(chosen: File | null) {
    if (!chosen) return;
    if (chosen.size > maxUploadBytes) {
      notifications.show({
        color: 'red',
        title: `${chosen.name} is too large`,
        message: `Files can be up to ${formatFileSize(maxUploadBytes)}.`,
      });
      return;
    }
    setProgress(0);
    upload.mutate(
      { docId: doc.id, file: chosen, onProgress: setProgress },
      {
        onError: (e) =>
          notifications.show({ color: 'red', title: `Upload of ${chosen.name} failed`, message: errorMessage(e) }),
        onSettled: () => setProgress(null),
      },
    );
  }

  function move(status: DocumentStatus) {
    if (status === 'rejected') {
      onReject(doc);
      return;
    }
    setStatus.mutate(
      { docId: doc.id, status },
      {
        onError: (e) => notifications.show({ color: 'red', title: `${name} not changed`, message: errorMessage(e) }),
      },
    );
  }

  const forward = doc.allowedStatuses.filter((s) => isForward(doc.status, s));
  const backward = doc.allowedStatuses.filter((s) => !isForward(doc.status, s));
  const filePreview = file ? previewOf(file) : null;

  return (
    <Paper withBorder p="sm" data-testid={`document-${doc.id}`} aria-label={name}>
      <Group justify="space-between" wrap="wrap" gap="sm" align="flex-start">
        <Group gap="sm" wrap="nowrap" align="flex-start" style={{ minWidth: 0, flex: '1 1 320px' }}>
          <ActionIcon
            variant="subtle"
            color="gray"
            onClick={() => setOpen((o) => !o)}
            aria-label={`${isOpen ? 'Hide' : 'Show'} history of ${name}`}
            aria-expanded={isOpen}
            mt={2}
          >
            {isOpen ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
          </ActionIcon>
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Group gap="xs" wrap="nowrap">
              <Text fw={600} size="sm" truncate>
                {name}
              </Text>
              <DocumentStatusBadge status={doc.status} />
            </Group>
            {file ? (
              <Text size="xs" c="dimmed" truncate>
                <span data-testid="current-file">{file.originalName}</span> · v{file.version} ·{' '}
                {formatFileSize(file.sizeBytes)} · {file.uploadedBy?.name ?? 'system'},{' '}
                <DateTime value={file.uploadedAt} />
              </Text>
            ) : (
              <Text size="xs" c="dimmed">
                No file yet
              </Text>
            )}
            {doc.status === 'rejected' && doc.rejectionReason ? (
              <Text size="xs" c="red" data-testid="rejection-reason">
                Rejected: {doc.rejectionReason}
              </Text>
            ) : null}
          </Stack>
        </Group>
        <Group gap={6} wrap="wrap" justify="flex-end">
          {filePreview ? (
            <Tooltip label="Preview">
              <ActionIcon
                variant="default"
                size="lg"
                aria-label={`Preview ${name}`}
                onClick={() => onPreview(filePreview)}
              >
                <IconEye size={16} />
              </ActionIcon>
            </Tooltip>
          ) : null}
          {file ? (
            <Tooltip label="Download">
              <ActionIcon
                variant="default"
                size="lg"
                aria-label={`Download ${name}`}
                onClick={() =>
                  void downloadFile(file.downloadUrl, file.originalName).catch((e: unknown) =>
                    notifications.show({ color: 'red', message: errorMessage(e) }),
                  )
                }
              >
                <IconDownload size={16} />
              </ActionIcon>
            </Tooltip>
          ) : null}
          {canWrite ? (
            <>
              <FileButton onChange={onFile} accept={ACCEPT} inputProps={{ 'aria-label': `File for ${name}` }}>
                {(props) => (
                  <Button
                    {...props}
                    size="xs"
                    variant="default"
                    leftSection={<IconUpload size={14} />}
                    loading={upload.isPending}
                  >
                    {file ? 'Upload new version' : 'Upload'}
                  </Button>
                )}
              </FileButton>
              {forward.map((s) => (
                <Button
                  key={s}
                  size="xs"
                  variant={s === 'accepted' ? 'filled' : 'light'}
                  color={s === 'rejected' ? 'red' : s === 'accepted' ? 'green' : undefined}
                  onClick={() => move(s)}
                  loading={setStatus.isPending && setStatus.variables.status === s}
                >
                  {DOCUMENT_ACTION_LABELS[s]}
                </Button>
              ))}
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <ActionIcon variant="subtle" color="gray" size="lg" aria-label={`More actions for ${name}`}>
                    <IconDotsVertical size={16} />
                  </ActionIcon>
                </Menu.Target>
                <Menu.Dropdown>
                  {backward.map((s) => (
                    <Menu.Item key={s} onClick={() => move(s)}>
                      {DOCUMENT_ACTION_LABELS[s]}
                    </Menu.Item>
                  ))}
                  {backward.length ? <Menu.Divider /> : null}
                  <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => setConfirmRemove(true)}>
                    Stop requiring
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            </>
          ) : null}
        </Group>
      </Group>
      {progress !== null ? (
        <Progress value={progress * 100} size="sm" mt="xs" animated aria-label={`Uploading ${name}`} />
      ) : null}
      <Collapse expanded={isOpen}>
        {isOpen ? <DocumentHistory orderId={orderId} docId={doc.id} onPreview={onPreview} /> : null}
      </Collapse>
      <Modal opened={confirmRemove} onClose={() => setConfirmRemove(false)} title={`Stop requiring ${name}?`} centered>
        <Text size="sm">The document leaves the checklist. Its files stay stored and listed in the timeline.</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setConfirmRemove(false)}>
            Cancel
          </Button>
          <Button
            color="red"
            loading={remove.isPending}
            onClick={() =>
              remove.mutate(doc.id, {
                onSuccess: () => setConfirmRemove(false),
                onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
              })
            }
          >
            Stop requiring
          </Button>
        </Group>
      </Modal>
    </Paper>
  );
}

function DocumentHistory({
  orderId,
  docId,
  onPreview,
}: {
  orderId: number;
  docId: number;
  onPreview: (file: PreviewFile) => void;
}) {
  const query = useOrderDocument(orderId, docId, true);
  if (query.isPending) return <Skeleton height={60} mt="sm" />;
  if (query.isError) return <QueryError error={query.error} what="the history" />;
  const doc = query.data;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" mt="sm" pl={36} data-testid={`document-history-${docId}`}>
      <Stack gap={6}>
        <Text size="xs" fw={700} tt="uppercase" c="dimmed">
          Versions
        </Text>
        {doc.files.length === 0 ? (
          <Text size="xs" c="dimmed">
            Nothing uploaded yet.
          </Text>
        ) : (
          doc.files.map((f) => {
            const p = previewOf(f);
            return (
              <Group key={f.id} justify="space-between" gap="xs" wrap="nowrap" data-testid="file-version">
                <div style={{ minWidth: 0 }}>
                  <Text size="sm" truncate fw={f.isCurrent ? 600 : undefined}>
                    v{f.version} · {f.originalName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatFileSize(f.sizeBytes)} · {f.uploadedBy?.name ?? 'system'} · <DateTime value={f.uploadedAt} />
                  </Text>
                </div>
                <Group gap={4} wrap="nowrap">
                  {p ? (
                    <ActionIcon
                      variant="subtle"
                      aria-label={`Preview version ${f.version}`}
                      onClick={() => onPreview(p)}
                    >
                      <IconEye size={15} />
                    </ActionIcon>
                  ) : null}
                  <ActionIcon
                    variant="subtle"
                    aria-label={`Download version ${f.version}`}
                    onClick={() => void downloadFile(f.downloadUrl, f.originalName)}
                  >
                    <IconDownload size={15} />
                  </ActionIcon>
                </Group>
              </Group>
            );
          })
        )}
      </Stack>
      <Stack gap={6}>
        <Text size="xs" fw={700} tt="uppercase" c="dimmed">
          Status history
        </Text>
        {doc.history.map((h) => (
          <div key={h.id}>
            <Text size="sm">
              {h.from ? `${DOCUMENT_STATUS_LABELS[h.from]} → ` : 'Required · '}
              {DOCUMENT_STATUS_LABELS[h.to]}
            </Text>
            <Text size="xs" c="dimmed">
              {h.actor?.name ?? 'System'} · <DateTime value={h.at} />
            </Text>
            {h.reason ? (
              <Text size="xs" c={h.to === 'rejected' ? 'red' : undefined}>
                {h.reason}
              </Text>
            ) : null}
          </div>
        ))}
        <Text size="xs" c="dimmed">
          {formatNumber(doc.files.length)} version{doc.files.length === 1 ? '' : 's'} on file
        </Text>
      </Stack>
    </SimpleGrid>
  );
}

function RejectModal({ orderId, doc, onClose }: { orderId: number; doc: OrderDocument | null; onClose: () => void }) {
  const setStatus = useSetDocumentStatus(orderId);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setReason('');
    setError(null);
    onClose();
  };
  return (
    <Modal opened={doc !== null} onClose={close} title={doc ? `Reject ${doc.documentType.name}` : 'Reject'} centered>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!doc) return;
          if (!reason.trim()) {
            setError('Say why it was rejected, so the client knows what to fix');
            return;
          }
          setStatus.mutate(
            { docId: doc.id, status: 'rejected', reason: reason.trim() },
            {
              onSuccess: () => {
                close();
              },
              onError: (e) => setError(fieldErrorsOf(e).reason ?? errorMessage(e)),
            },
          );
        }}
      >
        <Stack gap="sm">
          <Textarea
            label="Reason"
            required
            autosize
            minRows={3}
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setError(null);
            }}
            error={error}
            placeholder="Signature does not match the specimen on record"
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={setStatus.isPending}>
              Reject document
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function AddDocumentsModal({
  orderId,
  opened,
  existing,
  onClose,
}: {
  orderId: number;
  opened: boolean;
  existing: number[];
  onClose: () => void;
}) {
  const types = useDocumentTypes(opened);
  const add = useAddDocuments(orderId);
  const [ids, setIds] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const options = (types.data?.items ?? [])
    .filter((t) => !existing.includes(t.id))
    .map((t) => ({ value: String(t.id), label: t.name }));
  const close = () => {
    setIds([]);
    setError(null);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title="Require more documents" centered>
      <Stack gap="sm">
        {error ? (
          <Alert color="red" variant="light">
            {error}
          </Alert>
        ) : null}
        <MultiSelect
          label="Document types"
          data={options}
          value={ids}
          onChange={setIds}
          searchable
          placeholder={types.isPending ? 'Loading…' : 'Pick one or more'}
          nothingFoundMessage="Every document type is already required"
          comboboxProps={{ withinPortal: true }}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            disabled={ids.length === 0}
            loading={add.isPending}
            onClick={() =>
              add.mutate(ids.map(Number), {
                onSuccess: close,
                onError: (e) => setError(errorMessage(e)),
              })
            }
          >
            Add
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
