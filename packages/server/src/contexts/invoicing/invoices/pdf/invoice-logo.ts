import type { Invoice } from '@bizdash/contracts/invoices';
import type { Executor } from '../../../../platform/db/database';
import { findBusinessLogo, findCurrentLogo, findLogoVersion, insertLogoVersion } from './invoice-logo.repo';

/**
 * Which logo a document prints. A draft shows the business's current logo (it is still being prepared); an issued
 * or cancelled document shows the one it was issued with (business snapshot `logoSha256`), read from
 * logo_versions, so replacing or removing the settings logo never changes an issued PDF. Documents issued before
 * logos were printed have no hash and print none, as they always did.
 */
export async function invoiceLogo(db: Executor, invoice: Pick<Invoice, 'status' | 'business'>): Promise<Buffer | null> {
  if (invoice.status === 'draft') {
    const current = await findCurrentLogo(db);
    return current ? Buffer.from(current.bytes) : null;
  }
  const sha256 = invoice.business.logoSha256;
  if (!sha256) return null;
  const kept = await findLogoVersion(db, sha256);
  return kept ? Buffer.from(kept.bytes) : null;
}

/**
 * Copies the logo a document is being issued with into logo_versions (inside the transaction). Keyed by
 * content hash, so issuing a thousand invoices with one logo stores it once.
 */
export async function keepIssuedLogo(tx: Executor, sha256: string | null | undefined, now: string): Promise<void> {
  if (!sha256) return;
  const current = await findBusinessLogo(tx, sha256);
  // The snapshot was taken from business.logo_key in this same transaction, so the row is there; if the key is
  // dangling there is nothing to print, and the PDF prints no logo.
  if (!current) return;
  await insertLogoVersion(tx, { sha256, mime: current.mime, bytes: current.bytes, created_at: now });
}
