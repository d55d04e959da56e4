import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * The only reader of process.env. Parsed once at start-up; a bad value stops the process with a message that names
 * the variable.
 */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  BIZDASH_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL (leave unset for the embedded SQLite database)')
    .optional(),
  BIZDASH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Where the built web app lives; the default is packages/web/dist next to the server bundle. */
  BIZDASH_WEB_DIR: z.string().min(1).optional(),
  /**
   * The reverse proxies in front of BizDash whose X-Forwarded-For/-Proto are believed: a hop count (`1` for one
   * proxy) or a comma list of proxy addresses/CIDRs. `true` is refused: it would take the client-written, left-most
   * X-Forwarded-For as the client IP and defeat every per-IP limit.
   */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((value, context): TrustProxy => {
      const parsed = parseTrustProxy(value);
      if (typeof parsed === 'string') {
        context.addIssue({ code: 'custom', message: parsed });
        return z.NEVER;
      }
      return parsed;
    }),
  /** `true`: /api/docs and /api/openapi.json are readable without logging in. */
  BIZDASH_PUBLIC_API_DOCS: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  /** Pool size for PostgreSQL. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** Base URL of a commercial GSTIN lookup API (GET {url}/gstin/{gstin}); unset: offline validation only. */
  GSTIN_LOOKUP_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
  /** Largest file accepted by an upload (order documents, comment attachments), in MB. */
  BIZDASH_UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(1024).default(20),
  /** API key sent to the GSTIN lookup API as the x-api-key header. */
  GSTIN_LOOKUP_KEY: z.string().min(1).optional(),
  /** `off`: `bizdash start` runs no job worker (run `bizdash worker` processes instead). */
  BIZDASH_WORKER: z.enum(['on', 'off']).default('on'),
  /** Jobs one worker process runs at once on PostgreSQL (SQLite always runs one). */
  BIZDASH_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
  /** Port of the public listener (contact form, upload and invoice links); unset: no public listener. */
  PUBLIC_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Address the public listener binds; HOST (the admin app) can stay on a private or VPN address. */
  PUBLIC_HOST: z.string().min(1).default('0.0.0.0'),
  /** The public listener's address as clients reach it (https://example.com), so staff get full links. */
  PUBLIC_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
  /** Keep uploaded files in this S3 bucket instead of the data dir (needed when several servers share the work). */
  BIZDASH_S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name (3-63 lowercase letters, digits, . and -)')
    .optional(),
  /** An S3-compatible endpoint (MinIO, Cloudflare R2, …); unset: AWS S3. */
  BIZDASH_S3_ENDPOINT: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
  BIZDASH_S3_REGION: z.string().min(1).default('us-east-1'),
  /** Unset (with the secret) lets the AWS SDK find credentials itself: AWS_* variables, an instance role. */
  BIZDASH_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  BIZDASH_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** host/bucket/key addressing, which most self-hosted S3 servers (MinIO) need. */
  BIZDASH_S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  /** Key prefix inside the bucket ("bizdash/"), so one bucket can hold several installations. */
  BIZDASH_S3_PREFIX: z
    .string()
    .regex(/^([A-Za-z0-9][A-Za-z0-9._-]*\/)*[A-Za-z0-9][A-Za-z0-9._-]*\/?$/, 'must be plain folder names joined by /')
    .transform((v) => (v.endsWith('/') ? v : `${v}/`))
    .optional(),
});

export type Env = z.infer<typeof EnvSchema>;

/** What Fastify's trustProxy receives: off, a number of trusted hops, or the trusted proxies' addresses/CIDRs. */
export type TrustProxy = false | number | string[];

/** TRUST_PROXY as Fastify's trustProxy, or a message saying what is wrong with it. */
function parseTrustProxy(raw: string): TrustProxy | string {
  const value = raw.trim().toLowerCase();
  if (value === 'false' || value === '0') return false;
  if (value === 'true') {
    return (
      '`true` would trust any X-Forwarded-For a client sends; set the number of proxies in front of BizDash ' +
      '(`1` for one reverse proxy) or their addresses (`127.0.0.1,10.0.0.0/8`)'
    );
  }
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return hops <= 10 ? hops : 'must be a hop count of at most 10, or a list of proxy addresses';
  }
  const entries = value.split(',').map((entry) => entry.trim());
  const bad = entries.find((entry) => !isAddressOrCidr(entry));
  if (bad !== undefined) return `"${bad}" is not an IP address or CIDR (expected a hop count or a comma list)`;
  return entries;
}

function isAddressOrCidr(entry: string): boolean {
  const [address = '', prefix, extra] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

export class EnvError extends Error {
  constructor(readonly issues: { variable: string; message: string }[]) {
    super(
      `Invalid configuration:\n${issues.map((i) => `  ${i.variable}: ${i.message}`).join('\n')}\nSee the configuration table in README.md.`,
    );
    this.name = 'EnvError';
  }
}

/** Parses the environment (process.env by default). Empty strings count as unset. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(EnvSchema.shape)) {
    const value = source[key];
    if (value !== undefined && value.trim() !== '') cleaned[key] = value.trim();
  }
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? '?'), message: issue.message })),
    );
  }
  const env = result.data;
  // Half a key pair would silently fall back to the SDK's own credentials; say so instead.
  if ((env.BIZDASH_S3_ACCESS_KEY_ID === undefined) !== (env.BIZDASH_S3_SECRET_ACCESS_KEY === undefined)) {
    const missing =
      env.BIZDASH_S3_ACCESS_KEY_ID === undefined ? 'BIZDASH_S3_ACCESS_KEY_ID' : 'BIZDASH_S3_SECRET_ACCESS_KEY';
    throw new EnvError([{ variable: missing, message: 'set both S3 keys or neither' }]);
  }
  return env;
}
