// Shared Jest preset for every workspace.
// Transforms TypeScript (with Nest's decorator metadata) and the ESM-only packages in
// node_modules (the unified/remark family, etc.) with SWC, so Jest's CommonJS runtime
// can load them without --experimental-vm-modules.
const fs = require('node:fs');
const path = require('node:path');

const root = __dirname;

/** Names of every ESM-only package installed, nested node_modules and workspaces' own included. */
function esmOnlyPackages() {
  const names = new Set();
  const scan = (dir, depth) => {
    let entries;
    try {
      entries = fs.readdirSync(dir);
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.startsWith('.')) continue;
      if (entry.startsWith('@')) {
        for (const sub of fs.readdirSync(path.join(dir, entry))) visit(`${entry}/${sub}`, path.join(dir, entry, sub), depth);
      } else visit(entry, path.join(dir, entry), depth);
    }
  };
  const visit = (name, pkgDir, depth) => {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
      if (pkg.type === 'module') names.add(name);
    } catch {
      return; // not a package
    }
    if (depth < 3) scan(path.join(pkgDir, 'node_modules'), depth + 1);
  };
  scan(path.join(root, 'node_modules'), 0);
  for (const group of ['apps', 'packages']) {
    for (const ws of fs.existsSync(path.join(root, group)) ? fs.readdirSync(path.join(root, group)) : []) {
      scan(path.join(root, group, ws, 'node_modules'), 1);
    }
  }
  return [...names].map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
}

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true, tsx: false },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnlyPackages().join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  moduleNameMapper: {
    '^@steady/(content|moderation|rules)$': `${root}/packages/$1/src/index.ts`,
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
};
