import { describe, expect, it } from 'vitest';
import { controlCharacterIssues, unknownFieldIssues } from './strict-validator';

describe('strict input', () => {
  it('finds control and bidi-override characters anywhere, and allows tab and newlines', () => {
    expect(controlCharacterIssues({ name: 'Asha\tRao\r\nPune', lines: [{ note: 'ok' }] })).toEqual([]);
    expect(controlCharacterIssues({ name: 'Ash\u0000a' }).map((i) => i.path)).toEqual([['name']]);
    expect(controlCharacterIssues({ lines: [{ d: 'x' }, { d: 'evil\u202Egnp.exe' }] }).map((i) => i.path)).toEqual([
      ['lines', 1, 'd'],
    ]);
    expect(controlCharacterIssues('a\u001Fb').map((i) => i.path)).toEqual([[]]);
    expect(controlCharacterIssues({ 'bad\u0007key': 1 }).map((i) => i.message)).toEqual(['is not a valid field name']);
  });

  it('names fields the contract stripped, at any depth', () => {
    const raw = { name: 'A', revenueSharePercent: '40', lines: [{ rate: '1', qty: '2', colour: 'red' }] };
    const parsed = { name: 'A', lines: [{ rate: '1', qty: '2' }], defaulted: true };
    expect(unknownFieldIssues(raw, parsed).map((i) => i.path.join('.'))).toEqual([
      'revenueSharePercent',
      'lines.0.colour',
    ]);
    // Keys a contract keeps (records, transforms to the same shape) are not reported.
    expect(unknownFieldIssues({ meta: { a: 1 } }, { meta: { a: 1 } })).toEqual([]);
  });
});
