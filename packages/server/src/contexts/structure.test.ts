import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The server's structure (ADR 017), checked from the source itself: contexts reach each other only through their
 * index.ts (eslint's no-restricted-imports enforces that per import) and their imports never form a cycle, which a
 * per-file lint rule cannot see.
 */

const contextsDir = path.dirname(fileURLToPath(import.meta.url));
const srcDir = path.dirname(contextsDir);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .map((name) => path.join(dir, name));
}

const contexts = readdirSync(contextsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

function contextOf(file: string): string | null {
  const relative = path.relative(contextsDir, file);
  if (relative.startsWith('..')) return null;
  return relative.split(path.sep)[0] ?? null;
}

/** context -> the contexts it imports (type imports included), with one example import each. */
function contextGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>(contexts.map((c) => [c, new Map()]));
  for (const file of sourceFiles(contextsDir)) {
    const from = contextOf(file);
    if (!from) continue;
    for (const match of readFileSync(file, 'utf8').matchAll(/from\s+'(\.{1,2}\/[^']+)'/g)) {
      const to = contextOf(path.resolve(path.dirname(file), match[1] ?? ''));
      if (to && to !== from) graph.get(from)?.set(to, `${path.relative(srcDir, file)} imports '${match[1]}'`);
    }
  }
  return graph;
}

function findCycle(graph: Map<string, Map<string, string>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | null => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (state.get(next) === 'open') return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const cycle = visit(next);
        if (cycle) return cycle;
      }
    }
    stack.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of graph.keys()) {
    if (!state.has(node)) {
      const cycle = visit(node);
      if (cycle) return cycle;
    }
  }
  return null;
}

describe('server contexts', () => {
  it('finds the contexts and their imports (the check below has something to check)', () => {
    expect(contexts).toEqual(
      expect.arrayContaining(['identity', 'parties', 'orders', 'invoicing', 'partners', 'ledger', 'analytics']),
    );
    expect([...(contextGraph().get('orders')?.keys() ?? [])]).toContain('invoicing');
  });

  it('import no context in a cycle', () => {
    const graph = contextGraph();
    const cycle = findCycle(graph);
    const explained = cycle?.slice(1).map((to, i) => graph.get(cycle[i] ?? '')?.get(to) ?? to);
    expect(explained ?? null).toBeNull();
  });

  it('have an index.ts, the only file other contexts may import', () => {
    for (const context of contexts) {
      expect(sourceFiles(path.join(contextsDir, context)).map((f) => path.basename(f))).toContain('index.ts');
    }
  });

  it('and the rest of the server keep every source file to 400 lines or fewer (data files aside)', () => {
    const DATA = new Set(['indian-data.ts']);
    const long = sourceFiles(srcDir)
      .filter((file) => !DATA.has(path.basename(file)))
      .map((file) => ({ file: path.relative(srcDir, file), lines: readFileSync(file, 'utf8').split('\n').length }))
      .filter(({ lines }) => lines > 401);
    expect(long).toEqual([]);
  });
});
