import { AppError } from '@bizdash/domain/errors';

/** What may be uploaded, by the type sniffed from the bytes (never the name or the browser's claim). */
const ALLOWED: Readonly<Record<string, { extension: AllowedExtension; mediaType: string; isInline: boolean }>> = {
  'application/pdf': { extension: 'pdf', mediaType: 'application/pdf', isInline: true },
  'image/jpeg': { extension: 'jpg', mediaType: 'image/jpeg', isInline: true },
  'image/png': { extension: 'png', mediaType: 'image/png', isInline: true },
  'image/webp': { extension: 'webp', mediaType: 'image/webp', isInline: true },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    extension: 'docx',
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    isInline: false,
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    extension: 'xlsx',
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    isInline: false,
  },
};

export type AllowedExtension = 'pdf' | 'jpg' | 'png' | 'webp' | 'docx' | 'xlsx';

export interface SniffedType {
  extension: AllowedExtension;
  mediaType: string;
  /** PDF and images may be shown inline; office files always download. */
  isInline: boolean;
}

/** Sniffs the head of a file; throws UNSUPPORTED_MEDIA_TYPE for anything outside the allowed list. */
export async function sniffAllowedType(head: Uint8Array): Promise<SniffedType> {
  const detected = await detectFileType(head);
  const allowed = detected ? ALLOWED[detected.mime] : undefined;
  if (!allowed) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `Only PDF, JPEG, PNG, WEBP, DOCX and XLSX files are accepted${detected ? ` (this one is ${detected.mime})` : ''}`,
      { detected: detected?.mime ?? null, allowed: Object.values(ALLOWED).map((a) => a.extension) },
    );
  }
  return allowed;
}

export function isInlineExtension(extension: string): boolean {
  return Object.values(ALLOWED).some((a) => a.extension === extension && a.isInline);
}

/**
 * The type a file's bytes say it is (file-type's signatures), or undefined. file-type is loaded by the first upload,
 * not at start-up (issue 21: idle memory).
 */
export async function detectFileType(bytes: Uint8Array): Promise<{ ext: string; mime: string } | undefined> {
  const { fileTypeFromBuffer } = await import('file-type');
  return fileTypeFromBuffer(bytes);
}
