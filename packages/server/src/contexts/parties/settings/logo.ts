import { createHash } from 'node:crypto';
import type { BusinessSettings } from '@bizdash/contracts/settings';
import { AppError } from '@bizdash/domain/errors';
import type { RequestContext } from '../../../platform/request-context';
import { detectFileType } from '../../../platform/storage/media-types';
import { deleteLogo, findLogo, replaceLogo, setLogoKey } from './logo.repo';
import type { SettingsCore } from './settings-core';
import { toBusinessSettings } from './settings.repo';

const LOGO_TYPES = new Set(['image/png', 'image/jpeg']);
const MAX_LOGO_BYTES = 1024 * 1024;

/** The logo printed on documents. */
export function makeLogo({ database, audit, clock, business }: SettingsCore) {
  /** The logo printed on documents: PNG or JPEG (what PDFs can embed), checked by its bytes, not its name. */
  async function setLogo(ctx: RequestContext, bytes: Buffer): Promise<BusinessSettings> {
    const type = await detectFileType(bytes);
    if (!type || !LOGO_TYPES.has(type.mime)) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'logo: upload a PNG or JPEG picture', { field: 'logo' });
    }
    if (bytes.length > MAX_LOGO_BYTES) {
      throw new AppError('PAYLOAD_TOO_LARGE', 'logo: the picture must be 1 MB or smaller', { field: 'logo' });
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    return database.transaction(async (tx) => {
      const before = await business(tx);
      const now = clock.now().toISOString();
      await replaceLogo(tx, { mime: type.mime, bytes, sha256, updated_at: now });
      const row = await setLogoKey(tx, before.id, sha256, now);
      await audit.record(tx, ctx, {
        action: 'business.logo_changed',
        entity: 'business',
        entityId: before.id,
        changes: { logo: { before: before.logo_key, after: sha256 } },
      });
      return toBusinessSettings(row);
    });
  }

  async function removeLogo(ctx: RequestContext): Promise<BusinessSettings> {
    return database.transaction(async (tx) => {
      const before = await business(tx);
      if (!before.logo_key) return toBusinessSettings(before);
      const now = clock.now().toISOString();
      await deleteLogo(tx);
      const row = await setLogoKey(tx, before.id, null, now);
      await audit.record(tx, ctx, {
        action: 'business.logo_removed',
        entity: 'business',
        entityId: before.id,
        changes: { logo: { before: before.logo_key, after: null } },
      });
      return toBusinessSettings(row);
    });
  }

  async function getLogo(): Promise<{ mime: string; bytes: Buffer }> {
    const row = await findLogo(database.db);
    if (!row) throw new AppError('NOT_FOUND', 'No logo has been uploaded');
    return { mime: row.mime, bytes: Buffer.from(row.bytes) };
  }

  return { setLogo, removeLogo, getLogo };
}
