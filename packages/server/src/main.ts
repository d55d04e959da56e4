import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Env } from './env';
import { buildApp } from './http/app';
import { buildPublicApp } from './http/public-app';
import { systemClock, type Clock } from './platform/clock';
import { createDatabase, type Database } from './platform/db/database';
import { migrateToLatest } from './platform/db/migrator';
import { deriveKeys, loadSecret } from './platform/security/secrets';
import { makeServices, type Services } from './services';
import { makeHttpGstinLookup } from './contexts/parties/gstin/gstin-lookup';
import { makeLocalDiskStorage } from './platform/storage/local-disk-storage';
import { makeS3Storage, type S3StorageOptions } from './platform/storage/s3-storage';
import type { FileStorage } from './platform/storage/file-storage';
import { APP_VERSION } from './version';
import type { RunningWorker } from './platform/jobs/queue';

/**
 * The composition root: env -> database -> keys -> services -> HTTP. Nothing below this file reads the
 * environment or opens a database on its own.
 */
export interface Runtime {
  env: Env;
  database: Database;
  services: Services;
}

export function dataPaths(env: Env) {
  const dataDir = path.resolve(env.BIZDASH_DATA_DIR);
  return { dataDir, sqliteFile: path.join(dataDir, 'bizdash.db') };
}

/** Opens the database and runs migrations; used by every CLI command that touches data. */
export async function openRuntime(
  env: Env,
  clock: Clock = systemClock,
  options: { longRunning?: boolean } = {},
): Promise<Runtime> {
  const { dataDir, sqliteFile } = dataPaths(env);
  const database = createDatabase({
    url: env.DATABASE_URL,
    sqliteFile,
    poolSize: env.DATABASE_POOL_SIZE,
    // The server and the worker checkpoint SQLite's WAL off the request thread (platform/db/database.ts).
    backgroundCheckpoint: options.longRunning === true,
  });
  try {
    await migrateToLatest(database);
  } catch (error) {
    await database.destroy();
    throw error;
  }
  const keys = deriveKeys(loadSecret(env.BIZDASH_SECRET, dataDir));
  const gstinLookup = env.GSTIN_LOOKUP_URL
    ? makeHttpGstinLookup({ baseUrl: env.GSTIN_LOOKUP_URL, apiKey: env.GSTIN_LOOKUP_KEY })
    : undefined;
  const storage = makeStorage(env, dataDir);
  const uploadMaxBytes = env.BIZDASH_UPLOAD_MAX_MB * 1024 * 1024;
  const services = makeServices({
    database,
    clock,
    keys,
    gstinLookup,
    storage,
    uploadMaxBytes,
    publicBaseUrl: env.PUBLIC_URL,
    dataDir,
    databaseUrl: env.DATABASE_URL,
  });
  // Documents written before the ledger existed (or by a bulk load outside the app) are posted before serving.
  await services.posting.workBacklog({ batchSize: 5000 });
  return { env, database, services };
}

/** The S3 settings from BIZDASH_S3_*, or undefined when no bucket is configured. */
export function s3StorageOptions(env: Env): S3StorageOptions | undefined {
  if (!env.BIZDASH_S3_BUCKET) return undefined;
  return {
    bucket: env.BIZDASH_S3_BUCKET,
    endpoint: env.BIZDASH_S3_ENDPOINT,
    region: env.BIZDASH_S3_REGION,
    credentials:
      env.BIZDASH_S3_ACCESS_KEY_ID && env.BIZDASH_S3_SECRET_ACCESS_KEY
        ? { accessKeyId: env.BIZDASH_S3_ACCESS_KEY_ID, secretAccessKey: env.BIZDASH_S3_SECRET_ACCESS_KEY }
        : undefined,
    forcePathStyle: env.BIZDASH_S3_FORCE_PATH_STYLE,
    prefix: env.BIZDASH_S3_PREFIX ?? '',
  };
}

/**
 * An S3 bucket when BIZDASH_S3_BUCKET is set (every server sees the same files); otherwise the data dir
 * (uploads/...), next to the SQLite file, so one backup covers both.
 */
function makeStorage(env: Env, dataDir: string): FileStorage {
  const s3 = s3StorageOptions(env);
  return s3 ? makeS3Storage(s3) : makeLocalDiskStorage(dataDir);
}

export function defaultWebDir(): string {
  // The bundle lives in packages/server/dist and the sources in packages/server/src: the same depth.
  return fileURLToPath(new URL('../../web/dist/', import.meta.url));
}

/**
 * Logs: JSON lines for log collectors, or readable lines (pino-pretty, dd-mm-yyyy local time) when a person is
 * watching a terminal (pino-pretty is loaded only then: a service's logs go to a pipe, issue 21).
 */
async function loggerOptions(env: Env) {
  const base = { level: env.LOG_LEVEL, redact: { paths: LOG_REDACT, censor: '[redacted]' } };
  if (!process.stdout.isTTY) return base;
  const { default: pretty } = await import('pino-pretty');
  return {
    ...base,
    stream: pretty({ colorize: true, translateTime: 'SYS:dd-mm-yyyy HH:MM:ss', ignore: 'pid,hostname' }),
  };
}

/** Pino redaction: credentials never reach the logs. */
export const LOG_REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.accessToken',
  '*.refreshToken',
  '*.token',
];

export async function startServer(
  env: Env,
): Promise<{ app: FastifyInstance; runtime: Runtime; publicApp: FastifyInstance | undefined }> {
  const runtime = await openRuntime(env, systemClock, { longRunning: true });
  const app = await buildApp({
    services: runtime.services,
    version: APP_VERSION,
    webDir: env.BIZDASH_WEB_DIR ?? defaultWebDir(),
    trustProxy: env.TRUST_PROXY,
    publicApiDocs: env.BIZDASH_PUBLIC_API_DOCS,
    logger: await loggerOptions(env),
  });
  try {
    await app.listen({ port: env.PORT, host: env.HOST });
  } catch (error) {
    await app.close();
    await runtime.database.destroy();
    throw error;
  }
  // The one line a newcomer needs: where to open the app (a wildcard bind is reachable on loopback).
  const host = env.HOST === '0.0.0.0' || env.HOST === '::' ? '127.0.0.1' : env.HOST;
  process.stdout.write(`\nBizDash ${APP_VERSION} is running: open http://${host}:${env.PORT} in a browser\n\n`);
  const publicApp =
    env.PUBLIC_PORT === undefined ? undefined : await startPublicListener(app, runtime, env.PUBLIC_PORT);
  // The in-process job worker (BIZDASH_WORKER=off when `bizdash worker` processes run the queue instead).
  const worker = env.BIZDASH_WORKER === 'on' ? startJobWorker(runtime, app.log) : undefined;
  installGracefulShutdown(app, runtime, publicApp, worker);
  return { app, runtime, publicApp };
}

/**
 * The second listener (PUBLIC_PORT on PUBLIC_HOST) with only the public routes. On failure both stop: a server
 * that was asked for a public listener and has none should not look healthy.
 */
async function startPublicListener(app: FastifyInstance, runtime: Runtime, port: number) {
  const { env } = runtime;
  const publicApp = await buildPublicApp({
    services: runtime.services,
    trustProxy: env.TRUST_PROXY,
    logger: await loggerOptions(env),
  });
  try {
    await publicApp.listen({ port, host: env.PUBLIC_HOST });
  } catch (error) {
    await publicApp.close();
    await app.close();
    await runtime.database.destroy();
    throw error;
  }
  return publicApp;
}

/** On SIGTERM/SIGINT: stop accepting, let requests in flight finish (up to 10 s), close the database, exit. */
function installGracefulShutdown(
  app: FastifyInstance,
  runtime: Runtime,
  publicApp?: FastifyInstance,
  worker?: RunningWorker,
) {
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      app.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    Promise.all([app.close(), publicApp?.close(), worker?.stop()])
      .then(() => runtime.database.destroy())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        app.log.error({ err: error }, 'error while shutting down');
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

/** Starts this process's job worker on the runtime's queue; failures of the loop itself go to the log. */
function startJobWorker(runtime: Runtime, log: { error(obj: object, msg: string): void }): RunningWorker {
  const { queue } = runtime.services.jobs;
  queue.setErrorReporter((error, message) => log.error({ err: error }, message));
  return queue.start({ concurrency: runtime.env.BIZDASH_WORKER_CONCURRENCY });
}

/**
 * `bizdash worker`: runs the job queue alone, without HTTP (several may run against one PostgreSQL database).
 * Resolves when a SIGTERM/SIGINT has let the job in flight finish and closed the database.
 */
export async function runWorkerProcess(env: Env, io: { out(text: string): void; err(text: string): void }) {
  const runtime = await openRuntime(env, systemClock, { longRunning: true });
  const worker = startJobWorker(runtime, {
    error: (obj, msg) => io.err(`${msg}: ${String((obj as { err?: unknown }).err)}`),
  });
  io.out(`worker ${runtime.services.jobs.queue.workerId} started (${runtime.database.dialect})`);
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', () => resolve());
    process.once('SIGINT', () => resolve());
  });
  io.out('worker stopping');
  await worker.stop();
  await runtime.database.destroy();
}
