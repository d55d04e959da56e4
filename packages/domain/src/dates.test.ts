import { describe, expect, it } from 'vitest';
import { dateInZone } from './dates';

describe('dateInZone', () => {
  it('turns the Indian date over at 18:30 UTC', () => {
    expect(dateInZone(new Date('2026-03-31T18:29:59Z'))).toBe('2026-03-31');
    expect(dateInZone(new Date('2026-03-31T18:30:00Z'))).toBe('2026-04-01');
  });
  it('honours another zone', () => {
    expect(dateInZone(new Date('2026-04-01T02:00:00Z'), 'America/New_York')).toBe('2026-03-31');
  });
});
