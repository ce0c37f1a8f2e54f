import { Client } from 'pg';
import { openDatabase } from '../src/data-source';

/** A clean schema, then every migration from empty: the schema the tests see is the one migrations build. */
export default async function globalSetup() {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error('The API tests need a PostgreSQL: run them with `npm test`, or set DATABASE_URL to a database they may wipe.');
  }
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query('drop schema if exists public cascade');
  await client.query('create schema public');
  await client.end();
  const dataSource = await openDatabase(url);
  await dataSource.destroy();
}
