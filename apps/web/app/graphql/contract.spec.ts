// The typed contract between the web app and the API is generated (ADR 015). This fails when
// a generated file no longer matches what it is generated from: the API's resolvers for
// apps/api/schema.graphql, and that schema with app/graphql/*.graphql for generated.ts.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { generate } from '@graphql-codegen/cli';
import { contractConfig, GENERATED_FILE } from '../../codegen';

const webDir = path.resolve(__dirname, '../..');
const schemaFile = path.resolve(webDir, '../api/schema.graphql');
// The API's own source, run by Jest's transform (a path, not an import: the web app's type check
// stays out of the API, which has its own).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- by path, so tsc does not follow it into the API
const { printSchemaFile } = require(path.resolve(webDir, '../api/src/schema-file')) as {
  printSchemaFile: () => Promise<string>;
};

/** Fails with the command that brings `file` up to date, and the first line that differs. */
function expectCurrent(file: string, fresh: string) {
  const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  if (committed === fresh) return;
  const was = committed.split('\n');
  const now = fresh.split('\n');
  const line = now.findIndex((text, i) => text !== was[i]);
  throw new Error(
    `${path.relative(path.resolve(webDir, '../..'), file)} is stale: run \`npm run codegen\` and commit the result.\n` +
      `First difference, line ${line + 1}:\n  committed: ${was[line] ?? '(end of file)'}\n  generated: ${now[line] ?? '(end of file)'}`,
  );
}

describe('the generated GraphQL contract', () => {
  test('apps/api/schema.graphql is the schema the API builds', async () => {
    expectCurrent(schemaFile, await printSchemaFile());
  }, 60_000);

  test('app/graphql/generated.ts is what GraphQL Code Generator makes of the schema and the documents', async () => {
    const [output] = await generate(contractConfig(webDir, schemaFile), false);
    expect(output.filename).toBe(`${webDir}/${GENERATED_FILE}`);
    expectCurrent(path.join(webDir, GENERATED_FILE), output.content);
  }, 60_000);
});
