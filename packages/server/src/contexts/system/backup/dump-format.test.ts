import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dependencyOrder, openLineWriter, readRowBatches, toDumpValue } from './dump-format';

describe('dependencyOrder', () => {
  it('puts every parent before its children, ignoring self references', () => {
    const order = dependencyOrder(
      ['invoice_lines', 'invoices', 'parties', 'users', 'audit_log'],
      [
        { child: 'invoice_lines', parent: 'invoices' },
        { child: 'invoices', parent: 'parties' },
        { child: 'parties', parent: 'users' },
        { child: 'parties', parent: 'parties' },
      ],
    );
    expect(order).toHaveLength(5);
    const at = (t: string) => order.indexOf(t);
    expect(at('users')).toBeLessThan(at('parties'));
    expect(at('parties')).toBeLessThan(at('invoices'));
    expect(at('invoices')).toBeLessThan(at('invoice_lines'));
  });

  it('still lists every table when foreign keys form a cycle', () => {
    const order = dependencyOrder(
      ['a', 'b', 'c'],
      [
        { child: 'a', parent: 'b' },
        { child: 'b', parent: 'a' },
        { child: 'c', parent: 'a' },
      ],
    );
    expect([...order].sort()).toEqual(['a', 'b', 'c']);
    expect(order.indexOf('c')).toBeGreaterThan(order.indexOf('a'));
  });
});

describe('JSON Lines dump', () => {
  it('writes rows and reads them back in batches, bytes as bytea hex', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bizdash-dump-'));
    try {
      const file = path.join(dir, 't.jsonl');
      const writer = openLineWriter(file);
      const rows = Array.from({ length: 25 }, (_, i) => [i + 1, `name ${i}\n"quoted"`, null, Buffer.from([i, 255])]);
      await writer.writeRows(rows.slice(0, 10));
      await writer.writeRows(rows.slice(10));
      await writer.close();
      const batches: unknown[][][] = [];
      for await (const batch of readRowBatches(file, 10)) batches.push(batch);
      expect(batches.map((b) => b.length)).toEqual([10, 10, 5]);
      expect(batches.flat()[24]).toEqual([25, 'name 24\n"quoted"', null, '\\x18ff']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps numbers and text as they are and booleans as 0/1', () => {
    expect([toDumpValue(12), toDumpValue('12.50'), toDumpValue(true), toDumpValue(undefined)]).toEqual([
      12,
      '12.50',
      1,
      null,
    ]);
  });
});
