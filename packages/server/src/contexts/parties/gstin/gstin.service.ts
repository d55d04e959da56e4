import { GstinRegistration, type GstinCheck } from '@bizdash/contracts/gstin';
import { validateGstin } from '@bizdash/domain/gstin/validate-gstin';
import type { Clock } from '../../../platform/clock';
import type { Database } from '../../../platform/db/database';
import type { GstinLookupProvider } from './gstin-lookup';
import { findFreshLookup, saveLookup } from './gstin.repo';

export interface GstinServiceDeps {
  database: Database;
  clock: Clock;
  lookup?: GstinLookupProvider | undefined;
}

export type GstinService = ReturnType<typeof makeGstinService>;

const CACHE_DAYS = 30;
export const LOOKUP_FAILED_NOTE = 'The GSTIN lookup service did not answer; details were not filled';

/** Offline GSTIN validation, plus registered details from the lookup provider (cached 30 days) when configured. */
export function makeGstinService({ database, clock, lookup }: GstinServiceDeps) {
  async function check(input: string): Promise<GstinCheck> {
    const v = validateGstin(input);
    const offline: GstinCheck = {
      valid: v.valid,
      normalized: v.normalized,
      kind: v.kind,
      stateCode: v.stateCode,
      stateName: v.stateName,
      pan: v.pan,
      errors: v.errors.map((e) => ({ code: e.code, message: e.message })),
    };
    if (!v.valid || !lookup) return offline;

    const now = clock.now();
    const freshAfter = new Date(now.getTime() - CACHE_DAYS * 86_400_000).toISOString();
    const cached = await findFreshLookup(database.db, v.normalized, freshAfter);
    if (cached) {
      const registration = GstinRegistration.parse(JSON.parse(cached.details));
      return { ...offline, registration, lookup: { source: 'cache', fetchedAt: cached.fetched_at } };
    }

    let registration: GstinRegistration;
    try {
      registration = await lookup.lookup(v.normalized);
    } catch {
      // A slow or failing provider must not block the form: answer with what the number itself says.
      return { ...offline, lookupError: LOOKUP_FAILED_NOTE };
    }
    const fetchedAt = now.toISOString();
    const details = JSON.stringify(registration);
    await saveLookup(database.db, { gstin: v.normalized, details, fetched_at: fetchedAt });
    return { ...offline, registration, lookup: { source: 'provider', fetchedAt } };
  }

  return { check };
}
