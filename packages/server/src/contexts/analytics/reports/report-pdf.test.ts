import { describe, expect, it } from 'vitest';
import type { Report } from '@bizdash/contracts/reports';
import { pdfText } from '../../../platform/pdf/pdf-text';
import { renderReportPdf } from './report-pdf';

const report: Report = {
  name: 'revenue',
  title: 'Revenue',
  from: '2026-04-01',
  to: '2026-12-05',
  note: null,
  columns: [
    { key: 'month', label: 'Month', kind: 'text' },
    { key: 'amount', label: 'Amount', kind: 'money' },
  ],
  rows: [{ key: null, cells: { month: 'Apr-2026', amount: '123456.00' } }],
  moreRows: 0,
  totals: { amount: '123456.00' },
};

describe('report PDF footer', () => {
  it("dates the footer by the business's calendar, as dd-mm-yyyy, not by UTC", async () => {
    // 21:49 UTC on 5 December is 03:19 on 6 December in India.
    const text = pdfText(
      await renderReportPdf(report, 'Rao Traders', new Date('2026-12-05T21:49:00Z'), 'Asia/Kolkata'),
    );
    expect(text).toContain('generated 06-12-2026');
    expect(text).not.toContain('2026-12-05');
    const utc = pdfText(await renderReportPdf(report, 'Rao Traders', new Date('2026-12-05T21:49:00Z'), 'UTC'));
    expect(utc).toContain('generated 05-12-2026');
  });
});
