import { describe, expect, it } from 'vitest';
import { canonicalJson, GENESIS_HASH, hashAuditEntry, type HashedAuditFields } from './audit-hash';

const entry: HashedAuditFields = {
  seq: 1,
  at: '2026-11-23T04:30:00.000Z',
  actor_type: 'user',
  actor_id: 1,
  actor_name: 'Asha',
  action: 'user.created',
  entity: 'user',
  entity_id: '2',
  changes: '{"name":{"after":"Bala","before":null}}',
  request_id: 'r1',
  ip: '127.0.0.1',
  prev_hash: GENESIS_HASH,
};

describe('audit hashing', () => {
  it('writes JSON with sorted keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}',
    );
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it('changes the hash when any hashed field changes', () => {
    const base = hashAuditEntry(entry);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(hashAuditEntry({ ...entry })).toBe(base);
    for (const [key, value] of Object.entries({
      seq: 2,
      at: '2026-11-23T04:30:00.001Z',
      actor_name: 'Someone',
      action: 'user.deleted',
      entity_id: '3',
      changes: null,
      ip: '10.0.0.1',
      prev_hash: 'f'.repeat(64),
    })) {
      expect(hashAuditEntry({ ...entry, [key]: value }), key).not.toBe(base);
    }
  });
});
