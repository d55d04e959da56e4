/**
 * Computing a 100-line GST invoice in the domain engine (issue 6; target: median under 1 ms). Mixed lines: percent
 * and flat discounts, 5/18/40 % rates, fractional quantities, ad valorem cess on some, intra-state CGST+SGST.
 *
 *   npx tsx bench/invoice-compute.bench.ts [--lines 100] [--runs 5000]
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { computeInvoice, type InvoiceLineInput } from '../packages/domain/src/gst/compute-invoice';

const { values } = parseArgs({
  options: { lines: { type: 'string', default: '100' }, runs: { type: 'string', default: '5000' } },
});
const lineCount = Number(values.lines);
const runs = Number(values.runs);

const RATES = [500, 1800, 4000];
const lines: InvoiceLineInput[] = Array.from({ length: lineCount }, (_, i) => ({
  quantityMilli: 1000 + (i % 7) * 250,
  unitPrice: 99_99 + i * 1_237,
  discount: i % 4 === 1 ? { type: 'percent', rateBp: 1000 } : i % 4 === 2 ? { type: 'amount', amount: 31_00 } : null,
  gstRateBp: RATES[i % RATES.length] ?? 1800,
  cessRateBp: i % 10 === 0 ? 1200 : 0,
}));
const input = { regime: 'CGST_SGST' as const, reverseCharge: false, roundToRupee: true, lines };

// Warm-up: let the JIT settle before measuring.
for (let i = 0; i < 2000; i++) computeInvoice(input);

const times: number[] = [];
let sink = 0;
for (let i = 0; i < runs; i++) {
  const start = process.hrtime.bigint();
  const result = computeInvoice(input);
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
  sink += result.totals.grandTotal;
}
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), node ${process.version}`);
console.log(`data: ${lineCount} lines per invoice, ${runs} runs after 2000 warm-up runs (checksum ${sink})`);
console.log(`median ${at(0.5).toFixed(4)} ms, p90 ${at(0.9).toFixed(4)} ms, p99 ${at(0.99).toFixed(4)} ms`);
const target = 1;
if (at(0.5) >= target) {
  console.error(`FAIL: median ${at(0.5).toFixed(4)} ms is not under the ${target} ms target`);
  process.exit(1);
}
