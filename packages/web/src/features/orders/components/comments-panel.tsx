import { useState } from 'react';
import {
  ActionIcon,
  Avatar,
  Badge,
  Button,
  FileButton,
  Group,
  Menu,
  Modal,
  Paper,
  Popover,
  Skeleton,
  Stack,
  Text,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconDotsVertical,
  IconDownload,
  IconEye,
  IconPaperclip,
  IconPencil,
  IconTrash,
  IconX,
} from '@tabler/icons-react';
import type { Comment, CommentAttachment } from '@bizdash/contracts/comments';
import { ALLOWED_UPLOAD_TYPES } from '@bizdash/contracts/orders';
import { useMe } from '../../../app/auth/auth-context';
import { initials } from '../../../app/layout/user-menu';
import { DateTime } from '../../../components/date-time';
import { QueryError } from '../../../components/query-error';
import { errorMessage } from '../../../lib/errors';
import { formatDateTime, formatFileSize } from '../../../lib/format';
import { useAddComment, useCommentRevisions, useComments, useDeleteComment, useEditComment } from '../api';
import { downloadFile } from '../file-transfer';
import { CommentBody } from './comment-body';
import { FilePreviewModal, type PreviewFile } from './file-preview';
import { MentionTextarea } from './mention-textarea';

const ACCEPT = ALLOWED_UPLOAD_TYPES.map((ext) => `.${ext}`).join(',');
/** Roles the server lets change anyone's comment. */
const MODERATORS = ['owner', 'admin', 'manager'];
const HINT = 'Type @ to mention someone. **bold**, _italic_, `code`, - lists and links work. Ctrl+Enter sends.';

export function CommentsPanel({ orderId, canWrite }: { orderId: number; canWrite: boolean }) {
  const query = useComments(orderId);
  const [preview, setPreview] = useState<PreviewFile | null>(null);
  if (query.isPending) return <Skeleton height={120} />;
  if (query.isError) {
    return (
      <QueryError
        error={query.error}
        what="comments"
        onRetry={() => void query.refetch()}
        isRetrying={query.isFetching}
      />
    );
  }
  const items = query.data.items;
  return (
    <Stack gap="md" data-testid="comments-panel">
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          No comments yet. Notes, calls and decisions about this order go here.
        </Text>
      ) : (
        items.map((c) => (
          <CommentItem key={c.id} orderId={orderId} comment={c} canWrite={canWrite} onPreview={setPreview} />
        ))
      )}
      {canWrite ? <Composer orderId={orderId} /> : null}
      <FilePreviewModal file={preview} onClose={() => setPreview(null)} />
    </Stack>
  );
}

function Composer({ orderId }: { orderId: number }) {
  const add = useAddComment(orderId);
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<string | null>(null);
  const send = () => {
    if (!body.trim()) {
      setError('Write something first');
      return;
    }
    add.mutate(
      { body: body.trim(), files },
      {
        onSuccess: () => {
          setBody('');
          setFiles([]);
          setError(null);
        },
        onError: (e) => setError(errorMessage(e)),
      },
    );
  };
  return (
    <Paper withBorder p="sm">
      <MentionTextarea
        aria-label="New comment"
        placeholder="Add a comment…"
        description={HINT}
        inputWrapperOrder={['input', 'description', 'error']}
        value={body}
        onChange={(v) => {
          setBody(v);
          setError(null);
        }}
        onSubmit={send}
        error={error}
      />
      {files.length ? (
        <Group gap={6} mt="xs">
          {files.map((f, i) => (
            <Badge
              key={`${f.name}-${i}`}
              variant="default"
              rightSection={
                <ActionIcon
                  size="xs"
                  variant="transparent"
                  aria-label={`Remove ${f.name}`}
                  onClick={() => setFiles((all) => all.filter((_, j) => j !== i))}
                >
                  <IconX size={10} />
                </ActionIcon>
              }
            >
              {f.name}
            </Badge>
          ))}
        </Group>
      ) : null}
      <Group justify="space-between" mt="xs">
        <FileButton multiple accept={ACCEPT} onChange={(chosen) => setFiles((all) => [...all, ...chosen].slice(0, 10))}>
          {(props) => (
            <Button {...props} variant="subtle" size="xs" leftSection={<IconPaperclip size={14} />}>
              Attach files
            </Button>
          )}
        </FileButton>
        <Button size="xs" onClick={send} loading={add.isPending}>
          Comment
        </Button>
      </Group>
    </Paper>
  );
}

function CommentItem({
  orderId,
  comment,
  canWrite,
  onPreview,
}: {
  orderId: number;
  comment: Comment;
  canWrite: boolean;
  onPreview: (file: PreviewFile) => void;
}) {
  const me = useMe();
  const edit = useEditComment(orderId);
  const remove = useDeleteComment(orderId);
  const [isEditing, setEditing] = useState(false);
  const [draft, setDraft] = useState(comment.body);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const mayChange = canWrite && (comment.author?.id === me.id || MODERATORS.includes(me.role));
  const author = comment.author?.name ?? 'Someone';

  if (comment.isDeleted) {
    return (
      <Text size="sm" c="dimmed" fs="italic" pl={44} data-testid="comment-deleted">
        {author}&apos;s comment was deleted
        {comment.deletedAt ? ` on ${formatDateTime(comment.deletedAt)}` : ''}.
      </Text>
    );
  }

  return (
    <Group align="flex-start" gap="sm" wrap="nowrap" data-testid={`comment-${comment.id}`}>
      <Avatar radius="xl" size={32} color="indigo" variant="light">
        {initials(author)}
      </Avatar>
      <Paper withBorder p="sm" style={{ flex: 1, minWidth: 0 }}>
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Group gap={6} wrap="wrap">
            <Text size="sm" fw={600}>
              {author}
            </Text>
            <Text size="xs" c="dimmed">
              <DateTime value={comment.createdAt} />
            </Text>
            {comment.isEdited ? <EditedBadge orderId={orderId} comment={comment} /> : null}
          </Group>
          {mayChange && !isEditing ? (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon variant="subtle" color="gray" size="sm" aria-label="Comment actions">
                  <IconDotsVertical size={14} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item
                  leftSection={<IconPencil size={14} />}
                  onClick={() => {
                    setDraft(comment.body);
                    setEditing(true);
                  }}
                >
                  Edit
                </Menu.Item>
                <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => setConfirmDelete(true)}>
                  Delete
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          ) : null}
        </Group>
        {isEditing ? (
          <Stack gap="xs" mt="xs">
            <MentionTextarea aria-label="Edit comment" value={draft} onChange={setDraft} />
            <Group justify="flex-end" gap="xs">
              <Button size="xs" variant="default" onClick={() => setEditing(false)}>
                Cancel
              </Button>
              <Button
                size="xs"
                loading={edit.isPending}
                disabled={!draft.trim()}
                onClick={() =>
                  edit.mutate(
                    { commentId: comment.id, body: draft.trim() },
                    {
                      onSuccess: () => setEditing(false),
                      onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
                    },
                  )
                }
              >
                Save
              </Button>
            </Group>
          </Stack>
        ) : (
          <div style={{ marginTop: 4 }}>
            <CommentBody body={comment.body} />
          </div>
        )}
        {comment.attachments.length ? (
          <Group gap={6} mt="xs">
            {comment.attachments.map((a) => (
              <AttachmentChip key={a.id} attachment={a} onPreview={onPreview} />
            ))}
          </Group>
        ) : null}
      </Paper>
      <Modal opened={confirmDelete} onClose={() => setConfirmDelete(false)} title="Delete this comment?" centered>
        <Text size="sm">It disappears from the conversation; its earlier versions stay in the record.</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setConfirmDelete(false)}>
            Cancel
          </Button>
          <Button
            color="red"
            loading={remove.isPending}
            onClick={() =>
              remove.mutate(comment.id, {
                onSuccess: () => setConfirmDelete(false),
                onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
              })
            }
          >
            Delete
          </Button>
        </Group>
      </Modal>
    </Group>
  );
}

function EditedBadge({ orderId, comment }: { orderId: number; comment: Comment }) {
  const [opened, setOpened] = useState(false);
  const revisions = useCommentRevisions(orderId, comment.id, opened);
  return (
    <Popover opened={opened} onChange={setOpened} width={360} position="bottom-start" shadow="md" withinPortal>
      <Popover.Target>
        <Badge
          size="xs"
          variant="default"
          component="button"
          style={{ cursor: 'pointer' }}
          onClick={() => setOpened((o) => !o)}
          aria-label="Edited, show earlier versions"
        >
          edited
        </Badge>
      </Popover.Target>
      <Popover.Dropdown>
        <Text size="xs" fw={700} tt="uppercase" c="dimmed" mb={6}>
          Earlier versions
        </Text>
        {revisions.isPending ? (
          <Skeleton height={40} />
        ) : revisions.isError ? (
          <Text size="sm" c="red">
            {errorMessage(revisions.error)}
          </Text>
        ) : (
          <Stack gap="sm">
            {revisions.data.items.map((r) => (
              <div key={r.id}>
                <Text size="xs" c="dimmed">
                  Replaced {formatDateTime(r.replacedAt)} by {r.replacedBy?.name ?? 'someone'}
                </Text>
                <CommentBody body={r.body} />
              </div>
            ))}
          </Stack>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}

function AttachmentChip({
  attachment,
  onPreview,
}: {
  attachment: CommentAttachment;
  onPreview: (file: PreviewFile) => void;
}) {
  const { previewUrl } = attachment;
  return (
    <Paper withBorder px="xs" py={4}>
      <Group gap={6} wrap="nowrap">
        <IconPaperclip size={13} />
        <Text size="xs" maw={200} truncate>
          {attachment.originalName}
        </Text>
        <Text size="xs" c="dimmed">
          {formatFileSize(attachment.sizeBytes)}
        </Text>
        {previewUrl ? (
          <ActionIcon
            size="sm"
            variant="subtle"
            aria-label={`Preview ${attachment.originalName}`}
            onClick={() =>
              onPreview({
                name: attachment.originalName,
                mediaType: attachment.mediaType,
                sizeBytes: attachment.sizeBytes,
                previewUrl,
                downloadUrl: attachment.downloadUrl,
              })
            }
          >
            <IconEye size={13} />
          </ActionIcon>
        ) : null}
        <ActionIcon
          size="sm"
          variant="subtle"
          aria-label={`Download ${attachment.originalName}`}
          onClick={() => void downloadFile(attachment.downloadUrl, attachment.originalName)}
        >
          <IconDownload size={13} />
        </ActionIcon>
      </Group>
    </Paper>
  );
}
