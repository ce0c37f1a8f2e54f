// `node scripts/run-api-cli.mjs schema`: writes apps/api/schema.graphql (no database needed).
// Part of `npm run codegen`, which then generates the web app's types from it (ADR 015).
import path from 'node:path';
import { repoRoot } from '../config/config';
import { SCHEMA_FILE, writeSchemaFile } from '../schema-file';

export async function main(): Promise<void> {
  await writeSchemaFile(SCHEMA_FILE);
  console.error(`Wrote ${path.relative(repoRoot, SCHEMA_FILE)}.`);
}
