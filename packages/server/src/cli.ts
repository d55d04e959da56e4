import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { AppError, isAppError } from '@bizdash/domain/errors';
import { isRole, ROLES } from '@bizdash/domain/permissions';
import { EnvError, parseEnv, type Env } from './env';
import { dataPaths, openRuntime, runWorkerProcess, startServer } from './main';
import { migrateToLatest } from './platform/db/migrator';
import { systemContext } from './platform/request-context';
import { assertStrongPassword } from './platform/security/passwords';
import { DEMO_OWNER, makeDemoService } from './contexts/system/demo/demo.service';
import { checkSummaries, rebuildSummaries } from './contexts/analytics/metric-summaries/summaries';
import {
  checkInstallation,
  checksPassed,
  makeBackupService,
  type InstallationChecks,
} from './contexts/system/backup/backup.service';
import { systemClock } from './platform/clock';
import { APP_VERSION } from './version';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Reads a secret (password); undefined when there is no way to ask. */
  readSecret?: (prompt: string) => Promise<string | undefined>;
}

const HELP = `Usage: bizdash <command>

Commands:
  start                                   migrate, then serve the app and the API
  worker                                  run background jobs only (no HTTP); see BIZDASH_WORKER
  migrate                                 bring the database schema up to date
  user create --email E --name N --role R [--password P]
                                          create a user (roles: ${ROLES.join(', ')})
  user reset-password --email E [--password P]
                                          set a new password and end the user's sessions
  audit verify                            check the audit trail's hash chain
  metrics check                           recompute the dashboard summaries from scratch and compare
  metrics rebuild                         empty the dashboard summaries and fill them again
  ledger check                            prove the book: entries balance, party ledgers and GST accounts equal the documents
  ledger rebuild                          post every document whose entry is missing or out of date
  backup [--to DIR]                       copy the database, uploads and secret.key while the app runs
                                          (default DIR: $BIZDASH_DATA_DIR/backups/<yyyy-mm-dd-hhmmss>)
  restore DIR [--force]                   restore a backup into an empty data directory or database, then verify it
  move --to postgres://...                copy this SQLite installation into an empty PostgreSQL database
  demo [--email E --name N --password P]  load a demo firm into a new, empty installation
  help                                    this text

Without --password, the password is read from the terminal (or one line of standard input).
Configuration comes from the environment; see README.md. Memory: cap Node's heap for a small server with
NODE_OPTIONS="--max-old-space-size=160 --max-semi-space-size=4" (README.md, Configuration, Memory).`;

/** Runs one CLI command and returns the process exit code. `start` keeps running until a signal. */
export async function runCli(
  argv: string[],
  io: CliIo,
  envSource?: Record<string, string | undefined>,
): Promise<number> {
  const [command, sub] = argv;
  let env: Env;
  try {
    env = parseEnv(envSource);
  } catch (error) {
    if (error instanceof EnvError) {
      io.err(error.message);
      return 2;
    }
    throw error;
  }
  try {
    switch (command) {
      case 'start':
        await startServer(env);
        return -1;
      case 'worker':
        await runWorkerProcess(env, io);
        return 0;
      case 'migrate':
        return await migrate(env, io);
      case 'user':
        if (sub === 'create') return await createUser(env, argv.slice(2), io);
        if (sub === 'reset-password') return await resetPassword(env, argv.slice(2), io);
        io.err(`Unknown user command "${sub ?? ''}".\n\n${HELP}`);
        return 2;
      case 'demo':
        return await loadDemo(env, argv.slice(1), io);
      case 'audit':
        if (sub === 'verify') return await verifyAudit(env, io);
        io.err(`Unknown audit command "${sub ?? ''}".\n\n${HELP}`);
        return 2;
      case 'metrics':
        if (sub === 'check' || sub === 'rebuild') return await summaries(env, sub, io);
        io.err(`Unknown metrics command "${sub ?? ''}".\n\n${HELP}`);
        return 2;
      case 'ledger':
        if (sub === 'check' || sub === 'rebuild') return await ledgerCommand(env, sub, io);
        io.err(`Unknown ledger command "${sub ?? ''}".\n\n${HELP}`);
        return 2;
      case 'backup':
      case 'restore':
      case 'move':
        return await backupCommand(env, command, argv.slice(1), io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(HELP);
        return 0;
      default:
        io.err(`Unknown command "${command}".\n\n${HELP}`);
        return 2;
    }
  } catch (error) {
    if (isAppError(error)) {
      io.err(`error: ${error.message}`);
      return 1;
    }
    io.err(`error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

async function migrate(env: Env, io: CliIo): Promise<number> {
  const runtime = await openRuntime(env);
  try {
    // openRuntime has already migrated; a second run reports that nothing is pending.
    const report = await migrateToLatest(runtime.database);
    io.out(report.applied.length ? `applied: ${report.applied.join(', ')}` : 'database schema is up to date');
    return 0;
  } finally {
    await runtime.database.destroy();
  }
}

async function passwordFrom(flag: string | undefined, io: CliIo): Promise<string> {
  if (flag) return flag;
  const entered = await io.readSecret?.('Password: ');
  if (!entered) throw new AppError('VALIDATION_FAILED', 'A password is needed: pass --password or type it');
  return entered;
}

async function createUser(env: Env, args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      password: { type: 'string' },
    },
  });
  if (!values.email || !values.role) {
    io.err('user create needs --email and --role');
    return 2;
  }
  if (!isRole(values.role)) {
    io.err(`--role must be one of ${ROLES.join(', ')}`);
    return 2;
  }
  const role = values.role;
  const password = await passwordFrom(values.password, io);
  assertStrongPassword(password, values.email);
  const runtime = await openRuntime(env);
  try {
    const { users, database } = runtime.services;
    const email = values.email.toLowerCase();
    if (await users.findByEmail(database.db, email)) {
      io.err(`error: a user with email ${email} already exists`);
      return 1;
    }
    const row = await database.transaction((tx) =>
      users.insertUser(tx, systemContext('cli'), {
        email,
        name: values.name ?? email.split('@')[0] ?? email,
        role,
        password,
      }),
    );
    io.out(`created user ${row.id} <${row.email}> with role ${row.role}`);
    return 0;
  } finally {
    await runtime.database.destroy();
  }
}

async function resetPassword(env: Env, args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { email: { type: 'string' }, password: { type: 'string' } } });
  if (!values.email) {
    io.err('user reset-password needs --email');
    return 2;
  }
  const password = await passwordFrom(values.password, io);
  const runtime = await openRuntime(env);
  try {
    const { users, database } = runtime.services;
    const user = await users.findByEmail(database.db, values.email);
    if (!user) {
      io.err(`error: no user with email ${values.email}`);
      return 1;
    }
    // The CLI runs with the machine owner's authority, so it acts as an owner.
    const ctx = systemContext('cli');
    await users.resetPassword({ ...ctx, actor: { ...ctx.actor, role: 'owner' } }, user.id, password);
    io.out(`password reset for ${user.email}; their sessions have ended`);
    return 0;
  } finally {
    await runtime.database.destroy();
  }
}

async function loadDemo(env: Env, args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } },
  });
  const owner = {
    name: values.name ?? DEMO_OWNER.name,
    email: (values.email ?? DEMO_OWNER.email).toLowerCase(),
    password: values.password ?? DEMO_OWNER.password,
  };
  assertStrongPassword(owner.password, owner.email);
  const runtime = await openRuntime(env);
  try {
    if (!(await runtime.services.setup.needsSetup())) {
      io.err('error: this database already has a business; the demo firm loads only into a new, empty installation');
      return 1;
    }
    io.out('loading the demo firm (a year of orders, documents, invoices and payments)...');
    const { summary } = await makeDemoService(runtime.services).load({ owner });
    io.out(
      `loaded ${summary.businessName}: ${summary.users} users, ${summary.parties} parties, ${summary.orders} orders, ` +
        `${summary.invoices} invoices and bills, ${summary.payments} payments`,
    );
    io.out(`log in as ${owner.email} with password "${owner.password}" (change it if this server is reachable)`);
    return 0;
  } finally {
    await runtime.database.destroy();
  }
}

async function verifyAudit(env: Env, io: CliIo): Promise<number> {
  const runtime = await openRuntime(env);
  try {
    const result = await runtime.services.audit.verify();
    if (result.ok) {
      io.out(`audit chain OK (${result.count} entries)`);
      return 0;
    }
    io.err(
      `audit chain BROKEN at entry ${result.broken?.seq ?? '?'}: ${result.broken?.reason ?? 'unknown'} ` +
        `(${result.count} entries verified before it)`,
    );
    return 1;
  } finally {
    await runtime.database.destroy();
  }
}

async function summaries(env: Env, action: 'check' | 'rebuild', io: CliIo): Promise<number> {
  const runtime = await openRuntime(env);
  try {
    const { database } = runtime.services;
    if (action === 'rebuild') {
      await database.transaction((tx) => rebuildSummaries(tx, database.dialect));
      io.out('dashboard summaries rebuilt');
      return 0;
    }
    const mismatches = await checkSummaries(database.db, database.dialect);
    if (mismatches.length === 0) {
      io.out('dashboard summaries match a full recomputation');
      return 0;
    }
    for (const m of mismatches) io.err(`${m.table} ${m.side}: ${JSON.stringify(m.row)}`);
    io.err(`dashboard summaries DIFFER from a full recomputation (run: bizdash metrics rebuild)`);
    return 1;
  } finally {
    await runtime.database.destroy();
  }
}

async function ledgerCommand(env: Env, action: 'check' | 'rebuild', io: CliIo): Promise<number> {
  const runtime = await openRuntime(env);
  try {
    const { posting, ledgerCheck } = runtime.services;
    if (action === 'rebuild') {
      const started = performance.now();
      const r = await posting.rebuild({
        batchSize: 5000,
        onProgress: (done, left) => {
          if (done % 100_000 < 5000) io.out(`  ${done} documents read, ${left} to go`);
        },
      });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      io.out(
        `ledger rebuilt: ${r.documents} documents read, ${r.posted} entries posted, ${r.reversed} reversed in ${seconds} s`,
      );
      return 0;
    }
    const result = await ledgerCheck.check();
    if (result.ok) {
      io.out(
        `ledger OK (${result.checkedEntries} entries): balanced, party ledgers and GST accounts equal the documents`,
      );
      return 0;
    }
    for (const p of result.problems) io.err(`${p.kind}: ${p.message}`);
    io.err('ledger DIFFERS from the documents (run: bizdash ledger rebuild)');
    return 1;
  } finally {
    await runtime.database.destroy();
  }
}

async function backupCommand(env: Env, command: 'backup' | 'restore' | 'move', args: string[], io: CliIo) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: command === 'restore',
    options: { to: { type: 'string' }, force: { type: 'boolean' } },
  });
  const service = makeBackupService({
    dataDir: dataPaths(env).dataDir,
    databaseUrl: env.DATABASE_URL,
    appVersion: APP_VERSION,
    clock: systemClock,
    log: io.out,
  });
  const openForChecks = async (url: string | undefined): Promise<InstallationChecks> => {
    const runtime = await openRuntime({ ...env, DATABASE_URL: url });
    try {
      return await checkInstallation(runtime.services, runtime.database);
    } finally {
      await runtime.database.destroy();
    }
  };
  if (command === 'backup') {
    const { dir, manifest } = await service.backup({ to: values.to });
    const rows = Object.values(manifest.tables).reduce((a, b) => a + b, 0);
    io.out(
      `backup written to ${dir}: ${Object.keys(manifest.tables).length} tables, ${rows} rows, ${manifest.files.length} files`,
    );
    return 0;
  }
  if (command === 'restore') {
    const from = positionals[0];
    if (!from) {
      io.err('restore needs the backup directory: bizdash restore DIR [--force]');
      return 2;
    }
    const report = await service.restore({ from, force: values.force }, openForChecks);
    const rows = Object.values(report.tables).reduce((a, b) => a + b, 0);
    io.out(
      `restored ${Object.keys(report.tables).length} tables (${rows} rows) and ${report.files} files into ${report.dialect}`,
    );
    return reportChecks(report.checks, io);
  }
  if (!values.to) {
    io.err('move needs --to postgres://user@host:5432/database (an empty database)');
    return 2;
  }
  const report = await service.move({ to: values.to }, openForChecks);
  const rows = Object.values(report.tables).reduce((a, b) => a + b, 0);
  io.out(`moved ${Object.keys(report.tables).length} tables (${rows} rows) in ${report.seconds.toFixed(1)} s`);
  const code = reportChecks(report.checks, io);
  if (code === 0) io.out(`start BizDash on PostgreSQL with:\nDATABASE_URL=${values.to}`);
  return code;
}

function reportChecks(checks: InstallationChecks, io: CliIo): number {
  if (checks.audit.ok) io.out(`audit chain OK (${checks.audit.count} entries)`);
  else io.err(`audit chain BROKEN at entry ${checks.audit.broken?.seq ?? '?'}: ${checks.audit.broken?.reason ?? ''}`);
  if (checks.summaryMismatches === 0) io.out('dashboard summaries match a full recomputation');
  else io.err(`dashboard summaries DIFFER in ${checks.summaryMismatches} buckets (run: bizdash metrics rebuild)`);
  if (checks.ledger.ok) io.out('ledger OK');
  else for (const p of checks.ledger.problems) io.err(`ledger ${p.kind}: ${p.message}`);
  return checksPassed(checks) ? 0 : 1;
}

/** Reads a password without echoing it when attached to a terminal. */
export function terminalSecretReader(prompt: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
    if (process.stdin.isTTY) {
      const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput;
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
        if (s.startsWith(prompt)) write.call(rl, prompt);
      };
    }
    rl.question(prompt, (answer) => {
      rl.close();
      if (process.stdin.isTTY) process.stdout.write('\n');
      resolve(answer.trim() || undefined);
    });
    rl.on('close', () => resolve(undefined));
  });
}
