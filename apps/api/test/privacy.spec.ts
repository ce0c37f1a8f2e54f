import { AuthorCrypto } from '../src/authors/author-crypto';
import { createTestApp, TestApp } from './app';
import { post, sectionIds } from './fixtures';

/**
 * The anonymity promise, checked at rest: after a run of posts, replies, edits and reactions,
 * no column of any table holds an author key, its plain hash, or anything like an IP address,
 * and one author's tokens differ from section to section.
 */
describe('anonymity at rest', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('stores no key, no plain hash of it, and no address', async () => {
    const sections = await sectionIds(t);
    const ip = { 'x-forwarded-for': '203.0.113.77' };
    const authors: string[] = [];
    for (let i = 0; i < 3; i++) {
      const first = await post(t, { sectionId: sections.intro, body: `Author ${i} says hello` });
      authors.push(first.key);
      for (const slug of ['where-to-go-next', 'a-quiet-reminder']) {
        const p = await post(t, { sectionId: sections[slug], body: `Author ${i} in ${slug}`, parentId: undefined }, first.key);
        await t.gql(`mutation($id: ID!) { react(postId: $id, kind: SUPPORT) { id } }`, { id: p.id }, { 'x-author-key': first.key, ...ip });
      }
      await t.gql(
        `mutation($i: EditPostInput!) { editPost(input: $i) { outcome } }`,
        { i: { postId: first.id, body: 'Edited from 198.51.100.4' } },
        { 'x-author-key': first.key, ...ip },
      );
    }

    const forbidden = authors.flatMap((key) => {
      const hash = AuthorCrypto.keyHash(key);
      return [key, hash.toString('hex'), hash.toString('base64'), hash.toString('base64url'), Buffer.from(key).toString('hex')];
    });
    const tables: { table_name: string }[] = await t.dataSource.query(
      `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    );
    expect(tables.length).toBeGreaterThanOrEqual(5);
    let cells = 0;
    for (const { table_name } of tables) {
      const rows: Record<string, unknown>[] = await t.dataSource.query(`select * from "${table_name}"`);
      for (const row of rows) {
        for (const [column, value] of Object.entries(row)) {
          if (value === null) continue;
          cells++;
          const text =
            typeof value === 'string'
              ? value
              : Buffer.isBuffer(value)
                ? value.toString('hex')
                : value instanceof Date
                  ? value.toISOString()
                  : JSON.stringify(value);
          for (const secret of forbidden)
            expect({ table_name, column, found: text.includes(secret) }).toEqual({ table_name, column, found: false });
          if (Buffer.isBuffer(value)) {
            for (const key of authors) expect(value.includes(AuthorCrypto.keyHash(key))).toBe(false);
          }
          // IPv4 is checked on text columns; the only address we sent in a body is the one the author wrote.
          if (!Buffer.isBuffer(value) && column !== 'body' && column !== 'html') {
            expect({ table_name, column, ip: /\b\d{1,3}(\.\d{1,3}){3}\b/.test(text) }).toEqual({ table_name, column, ip: false });
          }
        }
      }
    }
    expect(cells).toBeGreaterThan(100);
    const [{ n }] = await t.dataSource.query(
      `select count(*)::int as n from post where body like '%203.0.113.77%' or html like '%203.0.113.77%'`,
    );
    expect(n).toBe(0);
  });

  it('gives one author a different token in every section, and the sealed reference opens only with the secret', async () => {
    const sections = await sectionIds(t);
    const a = await post(t, { sectionId: sections.intro, body: 'one' });
    await post(t, { sectionId: sections['where-to-go-next'], body: 'two' }, a.key);
    await post(t, { sectionId: sections['where-to-go-next'], body: 'three' }, a.key);
    const rows: { section_id: string; author_token: Buffer; author_ref: Buffer }[] = await t.dataSource.query(
      `select section_id, author_token, author_ref from post where body in ('one', 'two', 'three') order by id`,
    );
    expect(rows[0].author_token.equals(rows[1].author_token)).toBe(false);
    expect(rows[1].author_token.equals(rows[2].author_token)).toBe(true);
    // Sealed per post with a fresh nonce: two posts of one author do not share a reference.
    expect(rows[1].author_ref.equals(rows[2].author_ref)).toBe(false);
    expect(t.crypto.open(rows[0].author_ref).equals(AuthorCrypto.keyHash(a.key))).toBe(true);
    expect(() => new AuthorCrypto('another-secret-another-secret-another-secret').open(rows[0].author_ref)).toThrow();
  });
});
