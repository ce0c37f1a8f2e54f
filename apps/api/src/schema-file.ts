// The API's schema as a file (apps/api/schema.graphql, committed): the web app's types and
// documents are generated from it (ADR 015). Built by booting the app's modules without a
// database or a port: making the schema reads only the resolvers' decorators.
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { ResourceList } from '@steady/content';
import { AppModule } from './app.module';
import type { AuthorCrypto } from './authors/author-crypto';
import { createLogger } from './common/logger';
import { loadConfig, repoRoot } from './config/config';
import type { Db } from './database/db';

export const SCHEMA_FILE = path.join(repoRoot, 'apps', 'api', 'schema.graphql');

/** Writes the schema, as `autoSchemaFile` prints it (sorted), to `file`. */
export async function writeSchemaFile(file: string = SCHEMA_FILE): Promise<void> {
  // Nothing below is called while the schema is built; a query would fail loudly, not quietly.
  const offline = null as unknown;
  const app = await NestFactory.create(
    AppModule.forRoot({
      config: loadConfig({}),
      db: offline as Db,
      crypto: offline as AuthorCrypto,
      logger: createLogger('silent'),
      resources: offline as ResourceList,
      schemaFile: file,
    }),
    new FastifyAdapter({ logger: false }),
    { logger: false },
  );
  try {
    await app.init();
  } finally {
    await app.close();
  }
}

/** The schema as `writeSchemaFile` would write it, without touching the committed file. */
export async function printSchemaFile(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'steady-schema-'));
  try {
    const file = path.join(dir, 'schema.graphql');
    await writeSchemaFile(file);
    return fs.readFileSync(file, 'utf8');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
