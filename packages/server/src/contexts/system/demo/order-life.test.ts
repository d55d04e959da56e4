import { describe, expect, it } from 'vitest';
import { completenessOf, DOCUMENT_TRANSITIONS, STAGE_CODES, STAGE_TRANSITIONS } from '@bizdash/domain/orders/lifecycle';
import { seededRandom } from './indian-data';
import { buildLife } from './order-life';

const DAY = 86_400_000;

describe('buildLife', () => {
  it('ends in the stage asked for, through allowed moves only, in time order', () => {
    const random = seededRandom(42);
    const created = Date.parse('2026-01-05T05:00:00Z');
    const until = Date.parse('2026-11-23T05:00:00Z');
    for (const target of STAGE_CODES) {
      for (let i = 0; i < 50; i++) {
        const life = buildLife(random, created, until, 45, 1 + (i % 6), target);
        expect(life.stage).toBe(target);
        expect(life.steps[0]).toMatchObject({ from: null, to: 'received', at: created });
        for (const [k, step] of life.steps.entries()) {
          if (k === 0) continue;
          const before = life.steps[k - 1];
          expect(STAGE_TRANSITIONS[step.from ?? 'received']).toContain(step.to);
          expect(step.from).toBe(before?.to);
          expect(step.at).toBeGreaterThan(before?.at ?? 0);
          expect(step.at).toBeLessThanOrEqual(until);
        }
      }
    }
  });

  it('moves documents only as the document lifecycle allows, and counts them like the orders module', () => {
    const random = seededRandom(7);
    const created = Date.parse('2026-03-01T05:00:00Z');
    const life = buildLife(random, created, created + 200 * DAY, 30, 5, 'completed');
    expect(life.documents).toHaveLength(5);
    for (const history of life.documents) {
      expect(history[0]).toMatchObject({ from: null, to: 'pending' });
      for (const step of history.slice(1)) {
        expect(DOCUMENT_TRANSITIONS[step.from ?? 'pending']).toContain(step.to);
      }
      // A completed order has every document accepted.
      expect(history[history.length - 1]?.to).toBe('accepted');
    }
    const statuses = life.documents.map((h) => h[h.length - 1]?.to ?? 'pending');
    expect(life.completeness).toEqual(completenessOf(statuses));
    expect(life.isComplete).toBe(true);
  });

  it('repeats exactly for the same seed', () => {
    const a = buildLife(seededRandom(3), 0, 100 * DAY, 20, 4, 'documents_submitted');
    const b = buildLife(seededRandom(3), 0, 100 * DAY, 20, 4, 'documents_submitted');
    expect(a).toEqual(b);
  });
});
