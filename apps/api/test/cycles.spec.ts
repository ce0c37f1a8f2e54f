import fs from 'node:fs';
import path from 'node:path';
import madge from 'madge';

/**
 * Dependencies run one way (docs/decisions/014-feature-modules.md). madge reads the imports of
 * apps/api/src (spec files aside) with the same settings as `npm run check:cycles` (.madgerc):
 *   1. no file imports itself back, through any chain of imports that run;
 *   2. between the top-level folders of src, with type-only imports counted too: the feature
 *      folders form no cycle; the infrastructure folders (common, config, database, graphql)
 *      run no feature's code (graphql/context.ts names features' types, and only types); the
 *      composition roots (src/*.ts, cli/) are imported by nothing below them.
 */
const root = path.join(__dirname, '..');
const src = path.join(root, 'src');
const settings = JSON.parse(fs.readFileSync(path.join(root, '.madgerc'), 'utf8'));
const INFRASTRUCTURE = new Set(['common', 'config', 'database', 'graphql']);
const COMPOSITION = new Set(['(root)', 'cli']);

const folderOf = (file: string) => (file.includes('/') ? file.split('/')[0] : '(root)');

async function graph(typeImports: boolean): Promise<Record<string, string[]>> {
  const detectiveOptions = typeImports ? { ts: { skipTypeImports: false }, tsx: { skipTypeImports: false } } : settings.detectiveOptions;
  const result = await madge(src, {
    ...settings,
    tsConfig: path.join(root, settings.tsConfig),
    excludeRegExp: settings.excludeRegExp.map((r: string) => new RegExp(r)),
    detectiveOptions,
  });
  return result.obj();
}

/** Folder → the other folders its files import. */
function folderEdges(files: Record<string, string[]>): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const [file, deps] of Object.entries(files)) {
    const from = folderOf(file);
    if (!edges.has(from)) edges.set(from, new Set());
    for (const dep of deps) if (folderOf(dep) !== from) edges.get(from)!.add(folderOf(dep));
  }
  return edges;
}

/** Every cycle among `nodes` (as paths), by depth-first search. */
function cyclesAmong(edges: Map<string, Set<string>>, nodes: Set<string>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      if (!nodes.has(next)) continue;
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of nodes) if (!state.has(node)) visit(node);
  return found;
}

describe('import cycles in apps/api/src', () => {
  let runtime: Record<string, string[]>;
  let withTypes: Record<string, string[]>;
  beforeAll(async () => {
    [runtime, withTypes] = await Promise.all([graph(false), graph(true)]);
  }, 120_000);

  it('reads the whole source tree', () => {
    expect(Object.keys(runtime)).toEqual(
      expect.arrayContaining(['app.module.ts', 'posts/posts.service.ts', 'moderation/moderation.service.ts']),
    );
  });

  it('has no circular import between files', async () => {
    const result = await madge(src, {
      ...settings,
      tsConfig: path.join(root, settings.tsConfig),
      excludeRegExp: settings.excludeRegExp.map((r: string) => new RegExp(r)),
    });
    expect(result.circular()).toEqual([]);
  });

  it('has no cycle among feature folders, type-only imports included', () => {
    const edges = folderEdges(withTypes);
    const features = new Set([...edges.keys()].filter((f) => !INFRASTRUCTURE.has(f) && !COMPOSITION.has(f)));
    expect(features).toEqual(expect.objectContaining({ size: expect.any(Number) }));
    expect([...features]).toEqual(expect.arrayContaining(['articles', 'authors', 'moderation', 'moderators', 'posts']));
    expect(cyclesAmong(edges, features)).toEqual([]);
  });

  it('keeps moderation from importing posts at all', () => {
    expect(folderEdges(withTypes).get('moderation')?.has('posts')).toBe(false);
  });

  it('lets infrastructure run no feature code, and nothing below import the composition roots', () => {
    const edges = folderEdges(runtime);
    const wrong: string[] = [];
    for (const [from, to] of edges) {
      for (const target of to) {
        if (INFRASTRUCTURE.has(from) && !INFRASTRUCTURE.has(target)) wrong.push(`${from} → ${target}`);
        if (!COMPOSITION.has(from) && COMPOSITION.has(target)) wrong.push(`${from} → ${target}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('finds a cycle when there is one (the check itself)', () => {
    const edges = new Map([
      ['posts', new Set(['moderation'])],
      ['moderation', new Set(['posts'])],
    ]);
    expect(cyclesAmong(edges, new Set(['posts', 'moderation']))).toEqual([['posts', 'moderation', 'posts']]);
  });
});
