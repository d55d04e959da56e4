// `npm run bench -- --summary`: one screen with every recorded figure, its target and whether it holds. Each bench
// that records figures writes bench/.data/results/<bench>.json ({ at, machine, load, figures: [{ figure, data,
// value, target, holds }] }); benches that only print (older ones, their figures in docs/benchmarks.md) are listed
// by name so nothing is silently left out.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export function printSummary(benchDir, benches) {
  const dir = path.join(benchDir, '.data/results');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
  const rows = [];
  const recorded = new Set();
  for (const file of files.sort()) {
    const result = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    const bench = file.replace(/\.json$/, '');
    recorded.add(bench);
    for (const f of result.figures ?? []) rows.push({ bench, ...f, at: result.at, load: result.load });
  }
  const width = (key, min) => Math.max(min, ...rows.map((r) => String(r[key]).length));
  const w = {
    figure: width('figure', 6),
    data: width('data', 4),
    value: width('value', 5),
    target: width('target', 6),
  };
  const line = (r) =>
    `${String(r.figure).padEnd(w.figure)}  ${String(r.data).padEnd(w.data)}  ${String(r.value).padEnd(w.value)}  ` +
    `${String(r.target).padEnd(w.target)}  ${r.holds}`;
  console.log(line({ figure: 'figure', data: 'data', value: 'value', target: 'target', holds: 'holds' }));
  let missed = 0;
  for (const r of rows) {
    if (!r.holds) missed += 1;
    console.log(line({ ...r, holds: r.holds ? 'yes' : 'NO' }));
  }
  const runs = [...new Set(rows.map((r) => `${r.bench} at ${r.at} (load ${Number(r.load).toFixed(2)})`))];
  if (runs.length > 0) console.log(`\nrecorded: ${runs.join('; ')}`);
  const unrecorded = benches.map((b) => b.replace(/\.bench\.ts$/, '')).filter((b) => !recorded.has(b));
  if (unrecorded.length > 0) {
    console.log(
      `no recorded figures (see docs/benchmarks.md; run \`npm run bench -- <name>\`): ${unrecorded.join(', ')}`,
    );
  }
  console.log(`\n${rows.length - missed} of ${rows.length} figures hold`);
  return missed === 0;
}
