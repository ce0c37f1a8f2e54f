import { DatabaseError, type PoolClient, type QueryResultRow } from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/** A statement with a stable name is prepared once per connection and reused. */
export interface Statement {
  name?: string;
  text: string;
}

/**
 * Did only the statement fail, and not its connection? PostgreSQL reports a statement's errors
 * with severity ERROR; FATAL and PANIC end the session, and errors without a server message (a
 * broken socket, "Connection terminated") come from the connection itself.
 */
function statementOnly(error: unknown): boolean {
  return error instanceof DatabaseError && error.severity === 'ERROR';
}

/** A pooled connection and the function that gives it back (with an error: the pool drops it). */
type Borrowed = [PoolClient, (error?: unknown) => void];

/** The part of TypeORM's PostgresDriver that `Db` uses: its public `obtainMasterConnection()`. */
interface PoolDriver {
  obtainMasterConnection(): Promise<Borrowed>;
}

/**
 * The one door to PostgreSQL for Steady's own SQL. TypeORM owns the schema (entities that
 * describe every table, migrations) and the connection pool; the repositories run their
 * hand-written statements on a connection they borrow from it, prepared by name. Counting
 * statements here lets tests assert how many a request costs. See docs/decisions/002-data-access.md.
 */
export class Db {
  statements = 0;
  private readonly driver: PoolDriver;

  constructor(readonly dataSource: DataSource) {
    const driver = dataSource.driver as unknown as Partial<PoolDriver>;
    if (typeof driver.obtainMasterConnection !== 'function')
      throw new Error('Steady runs on PostgreSQL: the DataSource has no pooled driver.');
    this.driver = driver as PoolDriver;
  }

  static fromDataSource(dataSource: DataSource): Db {
    return new Db(dataSource);
  }

  /**
   * One statement on a pooled connection, borrowed from the driver's pool and given back at once.
   * No QueryRunner: one statement needs neither its EntityManager nor its transaction state, and
   * building them per statement was the one cost the write path gained in issue 16 (ADR 002).
   * A connection that fails while borrowed (the server ended it, the socket broke) goes back with
   * its error, so the pool drops it instead of lending it to the next statement; a statement's own
   * error (a constraint, a bad value) leaves the connection as good as it was.
   */
  async query<T extends QueryResultRow>(stmt: Statement, values: unknown[] = []): Promise<T[]> {
    const [client, release] = await this.driver.obtainMasterConnection();
    let broken: unknown;
    const onError = (error: unknown) => (broken = error);
    client.on('error', onError);
    try {
      return await this.run<T>(client, stmt, values);
    } catch (error) {
      if (!statementOnly(error)) broken ??= error;
      throw error;
    } finally {
      client.removeListener('error', onError);
      release(broken);
    }
  }

  /** Is the database there? (`/health`.) Not counted: no request's work. */
  async ping(): Promise<void> {
    await this.dataSource.query('select 1');
  }

  /** Runs `work` in one transaction: everything it writes commits together or not at all. */
  async transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    try {
      await runner.startTransaction();
      const result = await work(new Tx(this, client, runner));
      await runner.commitTransaction();
      return result;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /**
   * Runs `work` while this process holds the PostgreSQL advisory lock `key`, or returns
   * `{ ran: false }` at once when another process or connection holds it. The lock is
   * transaction-scoped, on a connection of its own whose transaction only holds it (no row
   * locks), so it is released when that transaction ends, whatever happens, and with the
   * connection should the process die. `work` writes through the pool as usual: what it commits
   * is visible to the next holder. Work that must happen once across API instances runs here.
   */
  async exclusive<T>(key: number, work: () => Promise<T>): Promise<{ ran: true; result: T } | { ran: false }> {
    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    try {
      await client.query('begin');
      const [{ locked }] = (await client.query<{ locked: boolean }>('select pg_try_advisory_xact_lock($1) as locked', [key])).rows;
      if (!locked) return { ran: false };
      return { ran: true, result: await work() };
    } finally {
      await client.query('rollback').catch(() => undefined);
      await runner.release();
    }
  }

  /** @internal Tx and Db share the counter. */
  async run<T extends QueryResultRow>(client: PoolClient, stmt: Statement, values: unknown[]): Promise<T[]> {
    this.statements++;
    const result = await client.query<T>({ name: stmt.name, text: stmt.text, values });
    return result.rows;
  }
}

/**
 * An open transaction, handed from service to repository (and across features through ports,
 * e.g. moderation's review writing the post through posts' repository) so that every write of
 * one decision commits together. `manager` is TypeORM's EntityManager on the same connection.
 */
export class Tx {
  constructor(
    private readonly db: Db,
    private readonly client: PoolClient,
    private readonly runner: QueryRunner,
  ) {}

  query<T extends QueryResultRow>(stmt: Statement, values: unknown[] = []): Promise<T[]> {
    return this.db.run<T>(this.client, stmt, values);
  }

  get manager(): EntityManager {
    return this.runner.manager;
  }
}

/** Where a repository runs a statement: on its own (the pool) or inside a caller's transaction. */
export type Runner = Pick<Db, 'query'> | Pick<Tx, 'query'>;
