/**
 * Order files and comment attachments: multipart uploads with progress and authenticated downloads, through the
 * shared API client (token and refresh included). The server hands out file URLs as "/api/v1/…" paths.
 */
import { API_BASE, apiBlob, downloadFile as saveFile, uploadWithProgress } from '../../lib/api';

/** API paths from the server ("/api/v1/orders/…") or relative ones ("/orders/…"). */
function relative(path: string): string {
  return path.startsWith(API_BASE) ? path.slice(API_BASE.length) : path;
}

/** POST files as multipart field "file"; resolves to the JSON answer or throws ApiError. */
export function uploadFiles<T>(path: string, files: readonly File[], onProgress?: (fraction: number) => void) {
  const form = new FormData();
  for (const file of files) form.append('file', file, file.name);
  return uploadWithProgress<T>(relative(path), form, onProgress ? { onProgress } : {});
}

/** GET a file as a Blob (for object URLs: previews and downloads). */
export async function fetchFileBlob(path: string, signal?: AbortSignal): Promise<Blob> {
  return (await apiBlob(relative(path), undefined, signal)).blob;
}

/** Downloads a file under its original name. */
export function downloadFile(path: string, fileName: string): Promise<void> {
  return saveFile(relative(path), undefined, fileName);
}
