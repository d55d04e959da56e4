/**
 * The recurring invoices scheduler's cost (issue 20, target: 10,000 recurring invoices made in one run in under
 * 60 s). A fresh SQLite database with 10,000 active monthly profiles (one 2-line retainer each, over 500 clients)
 * all due on the same day; one scheduler pass (RecurringService.runDue, what the `recurring.run` job does) makes,
 * issues and numbers every invoice through the invoices service, each with its unique run row in its transaction.
 * Reported per pass: seconds and invoices/s; the median of --runs passes, each on its own fresh database.
 *
 *   npx tsx bench/recurring.bench.ts [--profiles 10000] [--runs 3] [--draft]   (--draft: leave drafts, do not issue)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CreatePartyInput } from '@bizdash/contracts/parties';
import { fixedClock } from '../packages/server/src/platform/clock';
import { createDatabase } from '../packages/server/src/platform/db/database';
import { migrateToLatest } from '../packages/server/src/platform/db/migrator';
import { systemContext } from '../packages/server/src/platform/request-context';
import { deriveKeys } from '../packages/server/src/platform/security/secrets';
import { makeServices } from '../packages/server/src/services';

const { values } = parseArgs({
  options: {
    profiles: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '3' },
    draft: { type: 'boolean', default: false },
  },
});
const profileCount = Number(values.profiles);
const runs = Number(values.runs);
const RUN_DATE = '2027-01-05';
const LINES = [
  {
    description: 'Monthly retainer: share registry',
    hsnSac: '998221',
    quantity: '1',
    unit: 'OTH',
    rate: '25000.00',
    gstRate: '18',
  },
  {
    description: 'Out-of-pocket expenses',
    hsnSac: '998221',
    quantity: '1',
    unit: 'OTH',
    rate: '1250.50',
    gstRate: '18',
  },
];

async function onePass(): Promise<{ seconds: number; cpuSeconds: number; made: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bizdash-recurring-bench-'));
  const database = createDatabase({ sqliteFile: path.join(dir, 'bizdash.db') });
  try {
    await migrateToLatest(database);
    // 10:00 in India on the run day.
    const clock = fixedClock(new Date(`${RUN_DATE}T04:30:00.000Z`));
    const services = makeServices({ database, clock, keys: deriveKeys('bench-secret-bench-secret-bench-secret-0123') });
    const ctx = systemContext('bench');
    await services.setup.run(ctx, {
      owner: { name: 'Asha Rao', email: 'asha@example.com', password: 'correct horse battery' },
      business: { name: 'Rao Share Services', stateCode: '27' },
    });
    const parties: number[] = [];
    for (let i = 0; i < 500; i++) {
      const input = CreatePartyInput.parse({
        name: `Client ${i + 1}`,
        kind: 'company',
        roles: ['client'],
        gstRegistrationType: 'unregistered',
        billingAddress: { line1: `${i + 1} MG Road`, city: 'Pune', stateCode: '27', pin: '411001' },
      });
      const created = await services.parties.create(ctx, input);
      parties.push(created.id);
    }
    // Profiles are seeded in bulk (their set-up is not what is measured), then the pass runs them all.
    const now = clock.now().toISOString();
    const template = JSON.stringify({
      reverseCharge: false,
      roundToRupee: true,
      lines: LINES.map((l) => ({ ...l, cessRate: '0', cessPerUnit: '0' })),
    });
    for (let i = 0; i < profileCount; i += 500) {
      await database.transaction(async (tx) => {
        const rows = Array.from({ length: Math.min(500, profileCount - i) }, (_, k) => ({
          name: `Retainer ${i + k + 1}`,
          party_id: parties[(i + k) % parties.length]!,
          template,
          frequency: 'monthly' as const,
          day_of_month: 5,
          start_date: RUN_DATE,
          end_date: null,
          max_runs: null,
          auto_issue: !values.draft,
          auto_email: false,
          is_active: true,
          next_run_date: RUN_DATE,
          last_run_date: null,
          created_by: null,
          created_at: now,
          updated_at: now,
        }));
        for (let c = 0; c < rows.length; c += 25)
          await tx
            .insertInto('recurring_invoice_profiles')
            .values(rows.slice(c, c + 25))
            .execute();
      });
    }
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const result = await services.recurring.runDue();
    const seconds = (performance.now() - t0) / 1000;
    // This process's CPU (user + system): what the pass costs when the machine is shared and wall time is not.
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const made = result.created + result.issued;
    if (made !== profileCount || result.failed > 0) throw new Error(`pass made ${JSON.stringify(result)}`);
    return { seconds, cpuSeconds, made };
  } finally {
    await database.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

const times: number[] = [];
for (let r = 0; r < runs; r++) {
  const { seconds, cpuSeconds, made } = await onePass();
  times.push(seconds);
  console.log(
    `pass ${r + 1}: ${made} invoices in ${seconds.toFixed(1)} s (${(made / seconds).toFixed(0)}/s), ` +
      `${cpuSeconds.toFixed(1)} s CPU`,
  );
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)] ?? 0;
console.log(
  `recurring scheduler, ${profileCount} profiles due on one day, ${values.draft ? 'drafts' : 'issued'}, SQLite, ` +
    `${cpus().length} cores, Node ${process.version}: median ${median.toFixed(1)} s over ${runs} passes ` +
    `(${(profileCount / median).toFixed(0)} invoices/s; target < 60 s)`,
);
