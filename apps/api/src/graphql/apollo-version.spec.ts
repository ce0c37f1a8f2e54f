import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot } from '../config/config';

/**
 * @nestjs/apollo 13 pulls a GraphQL Playground plugin that asks for Apollo Server 4, and npm
 * once hoisted 4 beside our 5, so Nest quietly ran the end-of-life 4. The root package.json
 * overrides it; this keeps it that way.
 */
describe('Apollo Server', () => {
  it('is one copy, version 5, wherever Nest and the HTTP integration load it from', () => {
    // Resolved from each package's own (hoisted) folder.
    const from = (pkg: string) => path.join(repoRoot, 'node_modules', pkg);
    const versionSeenBy = (dir: string) => {
      // Its package.json is not exported: resolve the entry point and read the folder's manifest.
      const entry = createRequire(path.join(dir, 'noop.js')).resolve('@apollo/server');
      const root = entry.slice(0, entry.lastIndexOf(`${path.sep}@apollo${path.sep}server${path.sep}`)) + '/@apollo/server';
      return JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version as string;
    };
    const versions = new Set(
      ['@nestjs/apollo', '@as-integrations/fastify', '@escape.tech/graphql-armor'].map((p) => versionSeenBy(from(p))),
    );
    versions.add(versionSeenBy(__dirname));
    expect([...versions]).toHaveLength(1);
    expect([...versions][0]).toMatch(/^5\./);
  });
});
