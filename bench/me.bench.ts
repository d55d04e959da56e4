/**
 * Authenticated GET /api/v1/me throughput on SQLite (issue: foundation, target >= 5,000 req/s on 2 cores).
 * Starts the built server as `npm start` would (info logging), sets up an owner, logs in, warms up, then runs
 * autocannon three times and reports each run and the median of the per-second request rates.
 *
 *   npm run build && npx tsx bench/me.bench.ts [--connections 20] [--seconds 10]
 */
import { parseArgs } from 'node:util';
import { cpus } from 'node:os';
import autocannon from 'autocannon';
import { startApp } from '../e2e/support/app-server';

const { values } = parseArgs({
  options: { connections: { type: 'string', default: '20' }, seconds: { type: 'string', default: '10' } },
});
const connections = Number(values.connections);
const duration = Number(values.seconds);

const app = await startApp({ LOG_LEVEL: 'info' });
try {
  const owner = { name: 'Bench Owner', email: 'bench@example.com', password: 'bench password 123' };
  const setup = await fetch(`${app.baseUrl}/api/v1/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ owner, business: { name: 'Bench Traders', stateCode: '27' } }),
  });
  if (setup.status !== 201) throw new Error(`setup failed: ${setup.status}`);
  const login = await fetch(`${app.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: owner.email, password: owner.password }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };

  const run = (seconds: number) =>
    autocannon({
      url: `${app.baseUrl}/api/v1/me`,
      connections,
      duration: seconds,
      headers: { authorization: `Bearer ${accessToken}` },
    });

  await run(3); // warm-up: JIT, statement cache
  const results: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    const r = await run(duration);
    if (r.non2xx > 0 || r.errors > 0) throw new Error(`run ${i + 1}: ${r.non2xx} non-2xx, ${r.errors} errors`);
    results.push(r.requests.average);
    console.log(
      `run ${i + 1}: ${r.requests.average.toFixed(0)} req/s (median second ${r.requests.p50}), ` +
        `latency p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms`,
    );
  }
  const median = [...results].sort((a, b) => a - b)[1]!;
  console.log(
    `\nGET /api/v1/me on SQLite: median ${median.toFixed(0)} req/s over 3 runs of ${duration}s, ` +
      `${connections} connections, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}`,
  );
} finally {
  await app.stop();
}
