import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { webhookSignature } from './webhook-driver';

describe('webhookSignature', () => {
  it('is t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">', () => {
    const body = '{"id":1}';
    const expected = createHmac('sha256', 'secret-123').update(`1700000000.${body}`).digest('hex');
    expect(webhookSignature('secret-123', 1700000000, body)).toBe(`t=1700000000,v1=${expected}`);
  });
});
