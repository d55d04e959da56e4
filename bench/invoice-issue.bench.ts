/**
 * Create and issue a 50-line invoice through the API (issue: GST invoicing, target p95 < 30 ms; ERPNext publishes
 * 0.98 s for a 51-line submit). Against the built server on a fresh SQLite data dir: each sample is POST
 * /api/v1/invoices (the server computes every line) followed by POST /api/v1/invoices/{id}/issue (number taken in
 * the transaction), timed end to end over HTTP on one connection.
 *
 *   npm run build && npx tsx bench/invoice-issue.bench.ts [--samples 300]
 */
import { parseArgs } from 'node:util';
import { cpus } from 'node:os';
import { gstinCheckChar } from '@bizdash/domain/gstin/validate-gstin';
import { startApp } from '../e2e/support/app-server';
import { setUpBusiness } from '../e2e/support/session';

const { values } = parseArgs({ options: { samples: { type: 'string', default: '300' } } });
const samples = Number(values.samples);
const warmup = 30;

const app = await startApp({ LOG_LEVEL: 'warn' });
try {
  const { token, callApi } = await setUpBusiness(app);
  await callApi('PATCH', '/settings/business', { gstin: '27AABCT1332L1Z' + gstinCheckChar('27AABCT1332L1Z') });
  const client = await callApi<{ id: number }>('POST', '/parties', {
    name: 'Bench Client',
    roles: ['client'],
    gstin: '27AAPFU0939F1Z' + gstinCheckChar('27AAPFU0939F1Z'),
    billingAddress: { line1: '1 Road', city: 'Pune', stateCode: '27', pin: '411001' },
  });
  const lines = Array.from({ length: 50 }, (_, i) => ({
    description: `Item ${i + 1}`,
    hsnSac: i % 2 ? '998311' : '84713010',
    quantity: String((i % 7) + 1),
    unit: 'NOS',
    rate: `${1000 + i * 13}.${String(i % 100).padStart(2, '0')}`,
    ...(i % 5 === 0 ? { discount: { type: 'percent', value: '5' } } : {}),
    gstRate: i % 3 ? '18' : '12',
  }));
  const body = JSON.stringify({ type: 'sales', partyId: client.id, date: '2026-11-23', lines });
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

  const times: number[] = [];
  for (let i = 0; i < samples + warmup; i++) {
    const t0 = performance.now();
    const created = await fetch(`${app.baseUrl}/api/v1/invoices`, { method: 'POST', headers, body });
    if (created.status !== 201) throw new Error(`create: ${created.status} ${await created.text()}`);
    const { id } = (await created.json()) as { id: number };
    const issued = await fetch(`${app.baseUrl}/api/v1/invoices/${id}/issue`, {
      method: 'POST',
      headers: { authorization: headers.authorization },
    });
    if (issued.status !== 200) throw new Error(`issue: ${issued.status} ${await issued.text()}`);
    await issued.arrayBuffer();
    if (i >= warmup) times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  console.log(
    `create + issue, 50 lines, ${samples} samples after ${warmup} warm-up, SQLite, ${cpus().length} cores, ` +
      `Node ${process.version}: median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${at(1).toFixed(1)} ms`,
  );
} finally {
  await app.stop();
}
