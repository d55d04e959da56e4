import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface RunningApp {
  baseUrl: string;
  /** The public listener's address, when started with `{ publicListener: true }`. */
  publicUrl: string | undefined;
  dataDir: string;
  process: ChildProcess;
  logs: () => string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Starts the built app (`bizdash start`) exactly as `npm start` does, on a free port and a fresh SQLite data dir. */
export async function startApp(
  env: Record<string, string> = {},
  options: { publicListener?: boolean } = {},
): Promise<RunningApp> {
  const port = await freePort();
  const publicPort = options.publicListener ? await freePort() : undefined;
  const publicUrl = publicPort === undefined ? undefined : `http://127.0.0.1:${publicPort}`;
  const publicEnv: Record<string, string> =
    publicUrl === undefined ? {} : { PUBLIC_PORT: String(publicPort), PUBLIC_HOST: '127.0.0.1', PUBLIC_URL: publicUrl };
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bizdash-e2e-'));
  let output = '';
  const child = spawn(process.execPath, [path.join(root, 'packages/server/dist/cli.js'), 'start'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      BIZDASH_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ...publicEnv,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not become healthy:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    baseUrl,
    publicUrl,
    dataDir,
    process: child,
    logs: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
