import path from 'node:path';
import { loadContent } from '@steady/content';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createApp } from '../src/app.factory';
import type { AppDependencies } from '../src/app.module';
import { importArticles } from '../src/articles/content-import';
import { AuthorCrypto } from '../src/authors/author-crypto';
import { createLogger } from '../src/common/logger';
import { loadConfig, repoRoot } from '../src/config/config';
import { openDatabase } from '../src/data-source';
import { Db } from '../src/database/db';

export const TEST_SECRET = 'test-secret-that-is-long-enough-for-hkdf-0123456789';

export interface TestApp {
  app: NestFastifyApplication;
  db: Db;
  dataSource: DataSource;
  crypto: AuthorCrypto;
  gql<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GqlResult<T>>;
  close(): Promise<void>;
}

export interface GqlResult<T> {
  status: number;
  data: T;
  errors?: { message: string; extensions?: Record<string, any> }[];
}

/** Each spec file starts with empty discussions (the schema and the articles stay). */
async function emptyThreads(dataSource: DataSource) {
  const tables: { table_name: string }[] = await dataSource.query(
    `select table_name from information_schema.tables
     where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not in ('article', 'section', 'migrations')`,
  );
  if (tables.length) await dataSource.query(`truncate ${tables.map((t) => `"${t.table_name}"`).join(', ')} restart identity cascade`);
  await dataSource.query('update section set post_count = 0, thread_count = 0');
}

/** The real app on the test database, content imported, driven over HTTP with supertest. */
export async function createTestApp(
  env: Record<string, string> = {},
  shared: Partial<Pick<AppDependencies, 'rateLimitStore' | 'threadVersions' | 'logger' | 'redis' | 'liveBus'>> = {},
): Promise<TestApp> {
  // Every spec writes from one address: generous write and new-key budgets unless a spec tests them.
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    STEADY_SECRET: TEST_SECRET,
    RATE_LIMIT_WRITES: '100000',
    AUTHOR_KEYS_PER_ADDRESS_PER_HOUR: '100000',
    ...env,
  });
  const dataSource = await openDatabase(config.DATABASE_URL!, 5);
  const db = Db.fromDataSource(dataSource);
  await emptyThreads(dataSource);
  const content = await loadContent(path.join(repoRoot, 'content'));
  await importArticles(db, content.articles);
  const crypto = new AuthorCrypto(TEST_SECRET);
  const app = await createApp({ config, db, crypto, logger: createLogger('silent'), resources: content.resources, ...shared });
  return {
    app,
    db,
    dataSource,
    crypto,
    async gql(query, variables, headers = {}) {
      const res = await request(app.getHttpServer())
        .post('/graphql')
        .set('content-type', 'application/json')
        .set(headers)
        .send({ query, variables });
      return { status: res.status, data: res.body.data, errors: res.body.errors };
    },
    async close() {
      await app.close();
      await dataSource.destroy();
    },
  };
}
