import type { Pool, PoolClient, QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';

/** A statement with a stable name is prepared once per connection and reused. */
export interface Statement {
  name?: string;
  text: string;
}

type Runner = Pick<Pool, 'query'> | PoolClient;

/**
 * The one door to PostgreSQL for Steady's own SQL: TypeORM owns the schema (entities,
 * migrations); the hot paths run hand-written statements on its pg pool, prepared by name.
 * Counting statements here lets tests assert how many a request costs.
 */
export class Db {
  statements = 0;
  constructor(readonly pool: Pool) {}

  static fromDataSource(dataSource: DataSource): Db {
    // TypeORM's postgres driver exposes its pg Pool as `master`.
    return new Db((dataSource.driver as unknown as { master: Pool }).master);
  }

  async query<T extends QueryResultRow>(stmt: Statement, values: unknown[] = [], runner: Runner = this.pool): Promise<T[]> {
    this.statements++;
    const result = await runner.query<T>({ name: stmt.name, text: stmt.text, values });
    return result.rows;
  }

  /** Runs `work` in one transaction: everything it writes commits together or not at all. */
  async transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      const result = await work(new Tx(this, client));
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

export class Tx {
  constructor(
    private readonly db: Db,
    private readonly client: PoolClient,
  ) {}

  query<T extends QueryResultRow>(stmt: Statement, values: unknown[] = []): Promise<T[]> {
    return this.db.query<T>(stmt, values, this.client);
  }
}
