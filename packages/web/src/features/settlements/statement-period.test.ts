import { describe, expect, it } from 'vitest';
import { financialYearOf, presetPeriod } from './statement-period';

describe('statement periods', () => {
  it('puts January to March in the financial year that began the April before', () => {
    expect(financialYearOf('2027-03-31')).toEqual({ from: '2026-04-01', to: '2027-03-31' });
    expect(financialYearOf('2026-04-01')).toEqual({ from: '2026-04-01', to: '2027-03-31' });
    expect(financialYearOf('2026-01-15')).toEqual({ from: '2025-04-01', to: '2026-03-31' });
  });

  it('turns presets into periods on a given day', () => {
    expect(presetPeriod('fy', '2026-11-23')).toEqual({ from: '2026-04-01', to: '2026-11-23' });
    expect(presetPeriod('fy', '2027-02-10')).toEqual({ from: '2026-04-01', to: '2027-02-10' });
    expect(presetPeriod('last-fy', '2026-11-23')).toEqual({ from: '2025-04-01', to: '2026-03-31' });
    expect(presetPeriod('last-fy', '2026-03-31')).toEqual({ from: '2024-04-01', to: '2025-03-31' });
    expect(presetPeriod('month', '2026-11-23')).toEqual({ from: '2026-11-01', to: '2026-11-23' });
  });
});
