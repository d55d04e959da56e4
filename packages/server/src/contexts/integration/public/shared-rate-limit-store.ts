import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Clock } from '../../../platform/clock';
import type { Database } from '../../../platform/db/database';
import { makeLoginThrottle } from '../../identity/index';

/**
 * A @fastify/rate-limit store that counts in the database (the `auth_throttle` window counters the login throttle
 * uses, under `rate:<route>|<client>` keys) instead of each process's memory. With several BizDash processes
 * behind one proxy, an in-memory count would let a client through N times the limit by spreading requests over the
 * processes; here every process adds to the same counter in one atomic upsert, so the limit holds for the whole
 * installation and survives a restart.
 */
export function makeSharedRateLimitStore(database: Database, clock: Clock): FastifyRateLimitStoreCtor {
  const { countAttempt } = makeLoginThrottle(database);

  return class SharedRateLimitStore implements FastifyRateLimitStore {
    /** The plugin constructs the global store with its options (not needed here); routes get child stores. */
    constructor(
      _options?: unknown,
      private readonly scope = 'global',
    ) {}

    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
      max: number,
    ) {
      countAttempt(`rate:${this.scope}|${key}`, { maxAttempts: max, windowMs: timeWindow }, clock.now()).then(
        (count) => callback(null, { current: count.attempt, ttl: count.retryAfterSeconds * 1000 }),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }

    /** Each route with its own limit counts on its own keys. */
    child(routeOptions: { method: string | string[]; url: string }) {
      return new SharedRateLimitStore(undefined, `${String(routeOptions.method)}:${routeOptions.url}`);
    }
  };
}
