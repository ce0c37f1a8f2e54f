import { AuthorCrypto } from '../src/authors/author-crypto';
import { PostStatus } from '../src/posts/post.entity';
import { PostsRepository } from '../src/posts/posts.repository';
import { PUBLIC_VIEWER, Sight, sightOf, visibleInSql, visibleToEveryoneInSql, type Viewer } from '../src/posts/visibility';
import { createTestApp, TestApp } from './app';
import { post, sectionIds } from './fixtures';

/**
 * The visibility rule exists twice by necessity: `sightOf` for one post, `visibleInSql` inside
 * the list statements. They must agree for every status and every kind of viewer, or a list
 * would show what `post(id)` hides (or the other way round).
 */
describe('the visibility rule in SQL agrees with the rule in TypeScript', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('for every status, as anonymous, the author, another author and a moderator', async () => {
    const sections = await sectionIds(t);
    const section = sections.intro;
    const author = await post(t, { sectionId: section, body: 'Mine, in every state.' });
    const ids: Record<string, string> = {};
    for (const status of Object.values(PostStatus)) {
      ids[status] = (await post(t, { sectionId: section, body: `A post to be ${status.toLowerCase()}.` }, author.key)).id;
      // Setting the status directly: this spec is about the predicate, every workflow has its own spec.
      await t.dataSource.query('update post set status = $2 where id = $1', [ids[status], status]);
    }
    const records = await t.app.get(PostsRepository).byIds(Object.values(ids));
    const tokenOf = (key: string | null) => (key ? t.crypto.sectionToken(AuthorCrypto.keyHash(key), section) : null);
    const viewers: Record<string, { key: string | null; moderator: boolean }> = {
      anonymous: { key: null, moderator: false },
      author: { key: author.key, moderator: false },
      'another author': { key: AuthorCrypto.newKey(), moderator: false },
      moderator: { key: null, moderator: true },
      'a moderator who also wrote it': { key: author.key, moderator: true },
    };
    const fullSight: string[] = [];
    for (const [name, v] of Object.entries(viewers)) {
      const token = tokenOf(v.key);
      const viewer: Viewer = { tokenFor: () => token, moderator: v.moderator };
      const rows: { id: string; visible: boolean }[] = await t.dataSource.query(
        `select p.id::text as id, ${visibleInSql({ token: '$1', moderator: '$2::boolean' })} as visible from post p where p.id = any($3::bigint[])`,
        [token, v.moderator, Object.values(ids)],
      );
      for (const record of records) {
        const inSql = rows.find((r) => r.id === record.id)!.visible;
        expect({ viewer: name, status: record.status, visible: inSql }).toEqual({
          viewer: name,
          status: record.status,
          visible: sightOf(viewer, record) === Sight.FULL,
        });
        if (inSql) fullSight.push(`${name}:${record.status}`);
      }
    }
    // And the rule is the one the ADR states.
    expect(fullSight.sort()).toEqual(
      [
        'anonymous:PUBLISHED',
        'another author:PUBLISHED',
        'author:PUBLISHED',
        'author:PENDING',
        'author:REJECTED',
        'moderator:PUBLISHED',
        'moderator:PENDING',
        'moderator:REJECTED',
        'a moderator who also wrote it:PUBLISHED',
        'a moderator who also wrote it:PENDING',
        'a moderator who also wrote it:REJECTED',
      ].sort(),
    );
    // Search asks the rule as everyone sees it (ADR 019): published only, whoever asks.
    const everyone: { id: string; visible: boolean }[] = await t.dataSource.query(
      `select p.id::text as id, ${visibleToEveryoneInSql('p')} as visible from post p where p.id = any($1::bigint[])`,
      [Object.values(ids)],
    );
    for (const record of records) {
      expect({ status: record.status, visible: everyone.find((r) => r.id === record.id)!.visible }).toEqual({
        status: record.status,
        visible: sightOf(PUBLIC_VIEWER, record) === Sight.FULL,
      });
    }
    expect(everyone.filter((r) => r.visible).map((r) => r.id)).toEqual([ids[PostStatus.PUBLISHED]]);
    const deleted = records.find((r) => r.status === PostStatus.DELETED)!;
    expect(sightOf({ tokenFor: () => null, moderator: false }, deleted)).toBe(Sight.PLACEHOLDER);
  });
});
