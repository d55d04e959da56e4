#!/usr/bin/env node
// Builds what `npm start` needs: the server bundle (esbuild, always; it takes well under a second) and the web app
// (Vite, only when its sources are newer than the last build). Flags: --server-only, --force, --quiet.
import { readFileSync, readdirSync, statSync, existsSync, chmodSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const quiet = args.has('--quiet');
const log = (msg) => quiet || console.log(msg);

async function buildServer() {
  const pkg = JSON.parse(readFileSync(path.join(root, 'packages/server/package.json'), 'utf8'));
  // Third-party packages stay in node_modules (native addons, dynamic requires); our workspaces are bundled in.
  const external = [
    ...Object.keys(pkg.dependencies ?? {}),
    ...builtinModules,
    ...builtinModules.map((m) => `node:${m}`),
  ];
  const started = Date.now();
  await build({
    entryPoints: { cli: path.join(root, 'packages/server/src/cli-main.ts') },
    outdir: path.join(root, 'packages/server/dist'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    sourcemap: 'linked',
    external,
    logLevel: 'warning',
    banner: {
      js: "import { createRequire as __bizdashCreateRequire } from 'node:module'; const require = __bizdashCreateRequire(import.meta.url);",
    },
  });
  chmodSync(path.join(root, 'packages/server/dist/cli.js'), 0o755);
  log(`server bundle built in ${Date.now() - started} ms`);
}

function newestMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const entry of readdirSync(p)) if (entry !== 'node_modules' && entry !== 'dist') visit(path.join(p, entry));
    } else newest = Math.max(newest, st.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}

function buildWeb() {
  const web = path.join(root, 'packages/web');
  const marker = path.join(web, 'dist/index.html');
  const sources = [
    path.join(web, 'src'),
    path.join(web, 'index.html'),
    path.join(web, 'vite.config.ts'),
    path.join(web, 'public'),
    path.join(root, 'packages/contracts/src'),
    path.join(root, 'packages/domain/src'),
  ];
  if (!args.has('--force') && existsSync(marker) && statSync(marker).mtimeMs >= newestMtime(sources)) {
    log('web app is up to date');
    return;
  }
  const started = Date.now();
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', quiet ? 'error' : 'warn'],
    {
      cwd: web,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
  log(`web app built in ${Date.now() - started} ms`);
}

await buildServer();
if (!args.has('--server-only')) buildWeb();
