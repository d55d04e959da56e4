/**
 * Importing 10,000 parties from CSV (issue: parties, "10,000 rows import in seconds"). Runs against the built server
 * (`npm start`'s bundle) on a fresh SQLite data dir, as a user would: upload, validate with the suggested mapping,
 * commit. Each of three runs uses a fresh app; reports every run and the medians of each step.
 *
 *   npm run build && npx tsx bench/parties-import.bench.ts [--rows 10000]
 */
import { parseArgs } from 'node:util';
import { cpus } from 'node:os';
import { startApp } from '../e2e/support/app-server';
import { setUpBusiness } from '../e2e/support/session';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '10000' } } });
const rows = Number(values.rows);

const STATES = [
  ['Pune', 'Maharashtra', '411001'],
  ['Chennai', 'Tamil Nadu', '600001'],
  ['Bengaluru', 'Karnataka', '560001'],
  ['Kolkata', 'West Bengal', '700001'],
] as const;

function csv(): string {
  const lines = ['Name,Phone,Email,Address,City,State,PIN,Credit limit,Tags'];
  for (let i = 0; i < rows; i++) {
    const [city, state, pin] = STATES[i % STATES.length] ?? STATES[0];
    lines.push(
      `Party ${i} Enterprises,98${String(10_000_000 + i).padStart(8, '0')},p${i}@example.com,${i} Main Road,${city},${state},${pin},"1,00,000.00",bench`,
    );
  }
  return lines.join('\n');
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const body = csv();
const timings: { upload: number; validate: number; commit: number }[] = [];

for (let run = 1; run <= 3; run++) {
  const app = await startApp({ LOG_LEVEL: 'warn' });
  try {
    const { token } = await setUpBusiness(app, { name: 'Bench Traders', stateCode: '27' });
    const auth = { authorization: `Bearer ${token}` };
    let t0 = performance.now();
    const staged = await fetch(`${app.baseUrl}/api/v1/parties/imports?fileName=bench.csv`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/csv' },
      body,
    });
    const preview = (await staged.json()) as { id: string; suggestedMapping: Record<string, number | null> };
    const upload = performance.now() - t0;
    const options = JSON.stringify({ mapping: preview.suggestedMapping });
    const json = { ...auth, 'content-type': 'application/json' };
    t0 = performance.now();
    const checked = await fetch(`${app.baseUrl}/api/v1/parties/imports/${preview.id}/validate`, {
      method: 'POST',
      headers: json,
      body: options,
    });
    const validation = (await checked.json()) as { validCount: number };
    const validate = performance.now() - t0;
    if (validation.validCount !== rows) throw new Error(`only ${validation.validCount} of ${rows} rows valid`);
    t0 = performance.now();
    const committed = await fetch(`${app.baseUrl}/api/v1/parties/imports/${preview.id}/commit`, {
      method: 'POST',
      headers: json,
      body: options,
    });
    if (committed.status !== 200) throw new Error(`commit: ${committed.status} ${await committed.text()}`);
    const commit = performance.now() - t0;
    timings.push({ upload, validate, commit });
    console.log(
      `run ${run}: upload+parse ${upload.toFixed(0)} ms, validate ${validate.toFixed(0)} ms, commit ${commit.toFixed(0)} ms`,
    );
  } finally {
    await app.stop();
  }
}

const m = (k: 'upload' | 'validate' | 'commit') => median(timings.map((t) => t[k]));
console.log(
  `\n${rows} rows (${(body.length / 1024 / 1024).toFixed(1)} MB CSV), ${cpus().length} cores, Node ${process.version}: ` +
    `median upload+parse ${m('upload').toFixed(0)} ms, validate ${m('validate').toFixed(0)} ms, ` +
    `commit ${m('commit').toFixed(0)} ms, total ${(m('upload') + m('validate') + m('commit')).toFixed(0)} ms`,
);
