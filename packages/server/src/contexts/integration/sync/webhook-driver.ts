import { createHmac } from 'node:crypto';
import type { WebhookConfig } from '@bizdash/contracts/sync';
import type { Clock } from '../../../platform/clock';
import type { Database } from '../../../platform/db/database';
import { countAttempts, insertDelivery } from './deliveries.repo';
import type { SyncDeliverInput, SyncDriver } from './sync-driver';

export const SIGNATURE_HEADER = 'X-BizDash-Signature';

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`: signing the timestamp with the body lets a receiver
 * reject replays of an old captured request (by checking t) as well as forged bodies.
 */
export function webhookSignature(secret: string, unixSeconds: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

export interface WebhookDriverDeps {
  database: Database;
  clock: Clock;
  timeoutMs?: number;
}

/** The sync module passes `replay` along when an admin replays a delivery, for the delivery log. */
export type WebhookDeliverInput = SyncDeliverInput<WebhookConfig> & { replay?: boolean };

/**
 * POSTs each event as JSON to the target's URL. Every attempt, answered or not, is written to the delivery log;
 * anything but a 2xx throws so the job is retried with backoff. Receivers should de-duplicate on the event id
 * (X-BizDash-Event-Id): delivery is at least once.
 */
export function makeWebhookDriver({
  database,
  clock,
  timeoutMs = 10_000,
}: WebhookDriverDeps): SyncDriver<WebhookConfig> {
  return {
    kind: 'webhook',
    async deliver(input: WebhookDeliverInput) {
      const { target, event } = input;
      const body = JSON.stringify({
        id: event.id,
        type: event.type,
        entity: event.entity,
        entityId: event.entityId,
        at: event.at,
        data: event.payload,
      });
      const attempt = (await countAttempts(database.db, target.id, event.id)) + 1;
      const startedAt = clock.now();
      const started = performance.now();
      let status: number | null = null;
      let error: string | null = null;
      try {
        const response = await fetch(target.config.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'BizDash-Webhooks/1',
            'x-bizdash-event': event.type,
            'x-bizdash-event-id': String(event.id),
            'x-bizdash-delivery-attempt': String(attempt),
            [SIGNATURE_HEADER.toLowerCase()]: webhookSignature(
              target.config.secret,
              Math.floor(startedAt.getTime() / 1000),
              body,
            ),
          },
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
        });
        status = response.status;
        const text = await response.text().catch(() => '');
        if (status < 200 || status >= 300) error = `HTTP ${status}${text ? `: ${text.slice(0, 300)}` : ''}`;
      } catch (caught) {
        error = caught instanceof Error ? `${caught.name}: ${caught.message}` : String(caught);
      }
      await insertDelivery(database.db, {
        target_id: target.id,
        event_id: event.id,
        event_type: event.type,
        attempt,
        status,
        ok: error === null,
        error,
        duration_ms: Math.round(performance.now() - started),
        replay: input.replay === true,
        created_at: startedAt.toISOString(),
      });
      if (error !== null) throw new Error(`Webhook delivery to ${target.config.url} failed: ${error}`);
      return { state: 'synced' };
    },
  };
}
