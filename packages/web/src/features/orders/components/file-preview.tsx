import { useEffect, useState } from 'react';
import { Button, Center, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { errorMessage } from '../../../lib/errors';
import { formatFileSize } from '../../../lib/format';
import { downloadFile, fetchFileBlob } from '../file-transfer';

export interface PreviewFile {
  name: string;
  mediaType: string;
  sizeBytes: number;
  /** GET for inline display (needs the bearer token, so it is fetched as a blob). */
  previewUrl: string;
  downloadUrl: string;
}

/** Shows a PDF (in an iframe) or an image from a blob URL; the URL is released when the modal closes. */
export function FilePreviewModal({ file, onClose }: { file: PreviewFile | null; onClose: () => void }) {
  return (
    <Modal
      opened={file !== null}
      onClose={onClose}
      title={file ? `${file.name} · ${formatFileSize(file.sizeBytes)}` : ''}
      size="xl"
      centered
    >
      {file ? <PreviewBody key={file.previewUrl} file={file} /> : null}
    </Modal>
  );
}

function PreviewBody({ file }: { file: PreviewFile }) {
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    let objectUrl: string | null = null;
    fetchFileBlob(file.previewUrl, controller.signal)
      .then((blob) => {
        // The server sniffed the type from the bytes; label the blob with it so the viewer picks the right renderer.
        objectUrl = URL.createObjectURL(new Blob([blob], { type: file.mediaType }));
        setUrl(objectUrl);
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(errorMessage(e));
      });
    return () => {
      controller.abort();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [file.previewUrl, file.mediaType]);

  if (error) {
    return (
      <Text c="red" size="sm">
        {error}
      </Text>
    );
  }
  if (!url) {
    return (
      <Center h={300}>
        <Loader />
      </Center>
    );
  }
  return (
    <Stack gap="sm">
      {file.mediaType.startsWith('image/') ? (
        <img src={url} alt={file.name} style={{ maxWidth: '100%', maxHeight: '70vh', objectFit: 'contain' }} />
      ) : (
        <iframe
          src={url}
          title={`Preview of ${file.name}`}
          style={{ width: '100%', height: '70vh', border: '1px solid var(--mantine-color-default-border)' }}
          data-testid="file-preview-frame"
        />
      )}
      <Group justify="flex-end">
        <Button
          variant="default"
          leftSection={<IconDownload size={16} />}
          onClick={() => void downloadFile(file.downloadUrl, file.name)}
        >
          Download
        </Button>
      </Group>
    </Stack>
  );
}
