import type { DataSource } from 'typeorm';
import { createDataSource } from '../src/data-source';
import { Db } from '../src/database/db';

/**
 * `Db.query` borrows a pooled connection per statement without a QueryRunner (ADR 002). With a
 * pool of one connection every statement reuses the same one, so a connection the server drops
 * while it is borrowed must go back to the pool as broken, or every later statement would fail.
 */
describe('Db: one statement on a pooled connection', () => {
  let dataSource: DataSource;
  let db: Db;
  beforeAll(async () => {
    // The global setup ran the migrations; a pool of one connection needs none of openDatabase's locking.
    dataSource = await createDataSource(process.env.DATABASE_URL!, 1).initialize();
    db = new Db(dataSource);
  });
  afterAll(() => dataSource.destroy());

  it('runs a named statement, counts it and gives the connection back', async () => {
    const before = db.statements;
    const rows = await db.query<{ n: number }>({ name: 'db-spec-add', text: 'select $1::int + 1 as n' }, [41]);
    expect(rows).toEqual([{ n: 42 }]);
    const again = await db.query<{ n: number }>({ name: 'db-spec-add', text: 'select $1::int + 1 as n' }, [1]);
    expect(again).toEqual([{ n: 2 }]);
    expect(db.statements - before).toBe(2);
  });

  it('keeps a connection whose statement failed (a SQL error is not a broken connection)', async () => {
    const [{ pid }] = await db.query<{ pid: number }>({ text: 'select pg_backend_pid() as pid' });
    await expect(db.query({ text: 'select 1/0' })).rejects.toMatchObject({ code: '22012' });
    const [{ pid: after }] = await db.query<{ pid: number }>({ text: 'select pg_backend_pid() as pid' });
    expect(after).toBe(pid);
  });

  it('drops a connection the server ends while it is borrowed, and the next statement runs on a new one', async () => {
    const [{ pid }] = await db.query<{ pid: number }>({ text: 'select pg_backend_pid() as pid' });
    // The backend ends itself mid-statement: the caller gets the server's error (57P01)...
    await expect(db.query({ text: 'select pg_terminate_backend(pg_backend_pid())' })).rejects.toMatchObject({ code: '57P01' });
    // ...and the pool, of one connection, lends a fresh one next time.
    const [{ pid: next }] = await db.query<{ pid: number }>({ text: 'select pg_backend_pid() as pid' });
    expect(next).not.toBe(pid);
    expect(await db.query<{ ok: number }>({ text: 'select 1 as ok' })).toEqual([{ ok: 1 }]);
  });
});
