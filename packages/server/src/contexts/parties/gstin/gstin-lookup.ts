import { z } from 'zod';
import type { GstinRegistration } from '@bizdash/contracts/gstin';

/** Fetches the registered details of a valid GSTIN; rejects on any failure (timeout, HTTP error, bad body). */
export interface GstinLookupProvider {
  lookup(gstin: string): Promise<GstinRegistration>;
}

/**
 * The response shape assumed of a commercial GSTIN API (modelled on the common providers):
 *   GET {baseUrl}/gstin/{gstin}   header `x-api-key: {key}`
 *   200 { "gstin": "...", "legalName": "...", "tradeName": "...", "address": "...", "status": "Active",
 *         "taxpayerType": "Regular" }
 * Unknown fields are ignored; missing ones read as null.
 */
const ProviderResponse = z.object({
  legalName: z.string().nullish(),
  tradeName: z.string().nullish(),
  address: z.string().nullish(),
  status: z.string().nullish(),
  taxpayerType: z.string().nullish(),
});

export interface HttpGstinLookupOptions {
  baseUrl: string;
  apiKey?: string | undefined;
  /** How long to wait for the provider; about 3 s so a form never hangs on it. */
  timeoutMs?: number;
}

export function makeHttpGstinLookup({
  baseUrl,
  apiKey,
  timeoutMs = 3000,
}: HttpGstinLookupOptions): GstinLookupProvider {
  const root = baseUrl.replace(/\/+$/, '');
  return {
    async lookup(gstin) {
      const response = await fetch(`${root}/gstin/${encodeURIComponent(gstin)}`, {
        headers: { accept: 'application/json', ...(apiKey ? { 'x-api-key': apiKey } : {}) },
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) throw new Error(`GSTIN provider answered ${response.status}`);
      const body = ProviderResponse.parse(await response.json());
      return {
        legalName: body.legalName ?? null,
        tradeName: body.tradeName ?? null,
        address: body.address ?? null,
        status: body.status ?? null,
        registrationType: body.taxpayerType ?? null,
      };
    },
  };
}
