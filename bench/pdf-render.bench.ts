/**
 * Rendering invoice PDFs (issue 6; target: at least 50 PDFs per second per core). One process renders one
 * document after another, so the rate is per core. Measured for a 1-page (8 lines) and a 2-page (12 lines)
 * invoice with UPI QR code, HSN summary and bank details, as the API serves them (bytes in memory).
 *
 *   npx tsx bench/pdf-render.bench.ts [--seconds 5]
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { renderInvoicePdf } from '../packages/server/src/contexts/invoicing/invoices/pdf/invoice-pdf';
import { sampleInvoiceDocument } from '../packages/server/src/contexts/invoicing/invoices/pdf/sample-document';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '5' } } });
const seconds = Number(values.seconds);

console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), node ${process.version}`);
let failed = false;
for (const lineCount of [8, 12]) {
  const doc = sampleInvoiceDocument({ lineCount });
  for (let i = 0; i < 20; i++) await renderInvoicePdf(doc); // warm-up: fonts, JIT
  const rates: number[] = [];
  const times: number[] = [];
  let bytes = 0;
  for (let round = 0; round < 3; round++) {
    const until = performance.now() + (seconds * 1000) / 3;
    let count = 0;
    const start = performance.now();
    while (performance.now() < until) {
      const t0 = performance.now();
      bytes = (await renderInvoicePdf(doc)).length;
      times.push(performance.now() - t0);
      count++;
    }
    rates.push((count * 1000) / (performance.now() - start));
  }
  rates.sort((a, b) => a - b);
  times.sort((a, b) => a - b);
  const median = rates[1] ?? 0;
  console.log(
    `${lineCount} lines (${bytes} bytes): runs ${rates.map((r) => r.toFixed(0)).join(' / ')} PDFs/s; ` +
      `median ${median.toFixed(0)} PDFs/s per core; median render ${times[Math.floor(times.length / 2)]?.toFixed(2)} ms`,
  );
  if (median < 50) failed = true;
}
if (failed) {
  console.error('FAIL: below the 50 PDFs/s per core target');
  process.exit(1);
}
