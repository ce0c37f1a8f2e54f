import path from 'node:path';

/**
 * @nestjs/apollo 13 pulls a GraphQL Playground plugin that asks for Apollo Server 4, and npm
 * once hoisted 4 beside our 5, so Nest quietly ran the end-of-life 4. The root package.json
 * overrides it; this keeps it that way.
 */
describe('Apollo Server', () => {
  it('is one copy, version 5, wherever Nest and the HTTP integration load it from', () => {
    const from = (pkg: string) => path.dirname(require.resolve(`${pkg}/package.json`));
    const versionSeenBy = (dir: string) => require(require.resolve('@apollo/server/package.json', { paths: [dir] })).version as string;
    const versions = new Set(['@nestjs/apollo', '@as-integrations/fastify', '@escape.tech/graphql-armor'].map((p) => versionSeenBy(from(p))));
    versions.add(versionSeenBy(__dirname));
    expect([...versions]).toHaveLength(1);
    expect([...versions][0]).toMatch(/^5\./);
  });
});
