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
  /** Set when a reverse proxy terminates TLS in front of BizDash, so client IPs and https are taken from it. */
  TRUST_PROXY: z
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
});

export type Env = z.infer<typeof EnvSchema>;

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
  return result.data;
}
