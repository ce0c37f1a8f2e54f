import { openDatabase } from '../src/data-source';
import type { DataSource } from 'typeorm';

/**
 * The entities tell the truth: after every migration has run (global setup, from an empty
 * schema), TypeORM's schema builder finds nothing to change. An entity that drifts from the
 * migrations (a column missing, a wrong type, a default, a nullable flag, an index, a check or
 * a foreign key by another name) makes it plan a statement, and this fails with that statement.
 * The builder only plans: `log()` runs nothing (and the app never synchronizes).
 */
describe('entities and migrations', () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = await openDatabase(process.env.DATABASE_URL!, 2);
  });
  afterAll(() => dataSource.destroy());

  it('describe the same schema: no pending change after the migrations', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('cover every table the migrations create', async () => {
    const tables: { table_name: string }[] = await dataSource.query(
      `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'migrations'`,
    );
    const described = dataSource.entityMetadatas.map((m) => m.tableName).sort();
    expect(described).toEqual(tables.map((t) => t.table_name).sort());
  });

  it('are never synchronized by the app', () => {
    expect(dataSource.options.synchronize).toBe(false);
  });
});
