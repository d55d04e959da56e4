import {
  GoogleSheetsConfig,
  GoogleSheetsConfigUpdate,
  WebhookConfig,
  WebhookConfigUpdate,
  XlsxConfig,
  XlsxConfigUpdate,
  type SyncTarget,
  type SyncTargetKind,
} from '@bizdash/contracts/sync';
import { AppError } from '@bizdash/domain/errors';
import type { z } from 'zod';
import { decryptSecret, encryptSecret } from '../../../platform/security/secrets';

/** Per kind: the full config schema, the PATCH schema, and which fields are write-only secrets. */
export const KINDS: Record<SyncTargetKind, { full: z.ZodType; update: z.ZodType; secrets: readonly string[] }> = {
  webhook: { full: WebhookConfig, update: WebhookConfigUpdate, secrets: ['secret'] },
  google_sheets: { full: GoogleSheetsConfig, update: GoogleSheetsConfigUpdate, secrets: ['privateKey'] },
  xlsx: { full: XlsxConfig, update: XlsxConfigUpdate, secrets: [] },
};

/** A config parsed with `schema`, or a 400 naming the first bad field (`config.url`). */
export function parseConfig(schema: z.ZodType, value: unknown): Record<string, unknown> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = ['config', ...issue.path.map(String)].join('.');
    throw new AppError('VALIDATION_FAILED', `${field}: ${issue.message}`, { field });
  }
  return parsed.data as Record<string, unknown>;
}

/** The config a client may see: secrets replaced by has* flags. */
export function viewConfig(kind: SyncTargetKind, stored: string): SyncTarget['config'] {
  const config = JSON.parse(stored) as Record<string, unknown>;
  const view: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (KINDS[kind].secrets.includes(key)) continue;
    view[key] = value;
  }
  for (const field of KINDS[kind].secrets) {
    view[`has${field[0]!.toUpperCase()}${field.slice(1)}`] = typeof config[field] === 'string';
  }
  return view as SyncTarget['config'];
}

/** Stores and reads target configs with their secrets encrypted by keys.encryption. */
export function makeConfigSealer(encryptionKey: Buffer) {
  function sealConfig(kind: SyncTargetKind, config: Record<string, unknown>): string {
    const stored: Record<string, unknown> = { ...config };
    for (const field of KINDS[kind].secrets) {
      if (typeof stored[field] === 'string') stored[field] = encryptSecret(encryptionKey, stored[field]);
    }
    return JSON.stringify(stored);
  }

  function openConfig(kind: SyncTargetKind, stored: string): Record<string, unknown> {
    const config = JSON.parse(stored) as Record<string, unknown>;
    for (const field of KINDS[kind].secrets) {
      if (typeof config[field] === 'string') config[field] = decryptSecret(encryptionKey, config[field]);
    }
    return config;
  }

  return { sealConfig, openConfig };
}
