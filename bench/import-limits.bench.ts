/**
 * Import limits under attack (issue 16, availability), against the built server (`npm start`'s bundle) on a fresh
 * SQLite data dir, over loopback HTTP:
 * 1. zip bombs: an XLSX whose sheet inflates to 300 MB from under 1 MB, with an honest and with a lying zip
 *    directory; reports the answer, the time to it and the server's RSS before and after;
 * 2. a 50,000-row party CSV committed while a health check is sent every 10 ms; reports each check's latency from
 *    when it was due (so time the server spent unable to answer counts).
 *
 *   node scripts/build.mjs --server-only && npx tsx bench/import-limits.bench.ts [--rows 50000]
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { Zip, ZipDeflate, strToU8 } from 'fflate';
import { startApp } from '../e2e/support/app-server';
import { setUpBusiness } from '../e2e/support/session';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '50000' } } });
const rows = Number(values.rows);
const MB = 1024 * 1024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The server's resident set, from /proc (Linux). */
function rssMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

function bombXlsx(): Buffer {
  const out: Uint8Array[] = [];
  const zip = new Zip((error, data) => {
    if (error) throw error;
    out.push(data);
  });
  const add = (name: string, text: string) => {
    const file = new ZipDeflate(name, { level: 9 });
    zip.add(file);
    file.push(strToU8(text), true);
  };
  add(
    '[Content_Types].xml',
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="xml" ContentType="application/xml"/></Types>',
  );
  add(
    'xl/workbook.xml',
    '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
      '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
  );
  add(
    'xl/_rels/workbook.xml.rels',
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
  );
  const sheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 9 });
  zip.add(sheet);
  sheet.push(strToU8('<?xml version="1.0"?><worksheet><sheetData>'));
  const row = '<row><c t="inlineStr"><is><t>Sharma Traders</t></is></c></row>';
  const piece = strToU8(row.repeat(Math.ceil(MB / row.length)));
  for (let i = 0; i < 300; i++) sheet.push(piece);
  sheet.push(strToU8('</sheetData></worksheet>'), true);
  zip.end();
  return Buffer.concat(out);
}

/** The same zip with the sheet's stated inflated size set to 1 KB. */
function lying(zip: Buffer): Buffer {
  const copy = Buffer.from(zip);
  for (let at = copy.indexOf('PK\x01\x02'); at !== -1; at = copy.indexOf('PK\x01\x02', at + 4)) {
    const name = copy.subarray(at + 46, at + 46 + copy.readUInt16LE(at + 28)).toString('utf8');
    if (name === 'xl/worksheets/sheet1.xml') copy.writeUInt32LE(1024, at + 24);
  }
  return copy;
}

function partiesCsv(): string {
  const lines = ['Name,Phone,Address,City,State,PIN'];
  for (let i = 0; i < rows; i++) {
    lines.push(
      `Party ${i} Enterprises,98${String(10_000_000 + i).padStart(8, '0')},${i} MG Road,Pune,Maharashtra,411001`,
    );
  }
  return lines.join('\n');
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

const app = await startApp({ LOG_LEVEL: 'warn' });
try {
  const { token } = await setUpBusiness(app, { name: 'Bench Traders', stateCode: '27' });
  const auth = { authorization: `Bearer ${token}` };
  const pid = app.process.pid;

  const bomb = bombXlsx();
  for (const [label, file] of [
    ['honest directory', bomb],
    ['lying directory', lying(bomb)],
  ] as const) {
    const before = rssMb(pid);
    const t0 = performance.now();
    const res = await fetch(`${app.baseUrl}/api/v1/parties/imports?fileName=bomb.xlsx`, {
      method: 'POST',
      headers: { ...auth, 'content-type': XLSX },
      body: file,
    });
    const ms = performance.now() - t0;
    const { code } = (await res.json()) as { code: string };
    console.log(
      `zip bomb, ${label} (${(file.length / MB).toFixed(2)} MB → 300 MB): ${res.status} ${code} in ` +
        `${ms.toFixed(0)} ms; server RSS ${before.toFixed(0)} → ${rssMb(pid).toFixed(0)} MB`,
    );
  }

  const body = partiesCsv();
  const staged = await fetch(`${app.baseUrl}/api/v1/parties/imports?fileName=bench.csv`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'text/csv' },
    body,
  });
  const preview = (await staged.json()) as { id: string; suggestedMapping: Record<string, number | null> };
  const options = JSON.stringify({ mapping: preview.suggestedMapping, defaultRole: 'client' });
  let isDone = false;
  const t0 = performance.now();
  const commit = fetch(`${app.baseUrl}/api/v1/parties/imports/${preview.id}/commit`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: options,
  }).finally(() => {
    isDone = true;
  });
  const latencies: number[] = [];
  while (!isDone) {
    const due = performance.now() + 10;
    await new Promise((r) => setTimeout(r, 10));
    const res = await fetch(`${app.baseUrl}/api/health`);
    await res.arrayBuffer();
    if (!isDone) latencies.push(performance.now() - due);
  }
  const committed = await commit;
  if (committed.status !== 200) throw new Error(`commit: ${committed.status} ${await committed.text()}`);
  const commitMs = performance.now() - t0;
  const sorted = [...latencies].sort((a, b) => a - b);
  console.log(
    `\n${rows} rows (${(body.length / MB).toFixed(1)} MB CSV), ${cpus().length} cores, Node ${process.version}: ` +
      `commit ${(commitMs / 1000).toFixed(1)} s; ${sorted.length} health checks during it: ` +
      `p50 ${pct(sorted, 0.5).toFixed(1)} ms, p99 ${pct(sorted, 0.99).toFixed(1)} ms, max ${pct(sorted, 1).toFixed(1)} ms`,
  );
} finally {
  await app.stop();
}
