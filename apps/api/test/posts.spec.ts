import { AuthorCrypto } from '../src/authors/author-crypto';
import { createTestApp, TestApp } from './app';
import { CREATE, post, sectionIds } from './fixtures';

describe('posting', () => {
  let t: TestApp;
  let sections: Record<string, string>;
  let intro: string;
  beforeAll(async () => {
    t = await createTestApp();
    sections = await sectionIds(t);
    intro = sections['intro'];
  });
  afterAll(() => t.close());

  const counts = async (sectionId: string) =>
    (await t.gql(`query($id: ID!) { section(id: $id) { postCount posts { totalCount } } }`, { id: sectionId })).data.section;

  it('creates a post without a key, returns a new key once, and renders light Markdown', async () => {
    const res = await t.gql(CREATE, {
      input: { sectionId: intro, body: '  I *needed* to read this today.\n\n> It returns through steadiness.  ' },
    });
    expect(res.errors).toBeUndefined();
    const payload = res.data.createPost;
    expect(payload.outcome).toBe('PUBLISHED');
    expect(AuthorCrypto.isWellFormed(payload.authorKey)).toBe(true);
    expect(payload.message).toMatch(/thank you/i);
    expect(payload.post.body).toBe('I *needed* to read this today.\n\n> It returns through steadiness.');
    expect(payload.post.html).toContain('<em>needed</em>');
    expect(payload.post.html).toContain('<blockquote>');
    expect(payload.post.pseudonym).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    expect(payload.post.mine).toBe(false); // no key was sent with this request

    const again = await t.gql(CREATE, { input: { sectionId: intro, body: 'A second thought.' } }, { 'x-author-key': payload.authorKey });
    expect(again.data.createPost.authorKey).toBeNull();
    expect(again.data.createPost.post.mine).toBe(true);
    expect(again.data.createPost.post.pseudonym).toBe(payload.post.pseudonym);
  });

  it('gives one author the same pseudonym within a thread and a different one elsewhere (usually)', async () => {
    const a = await post(t, { sectionId: sections['where-to-go-next'], body: 'Hello.' });
    const names = new Set<string>();
    for (const slug of Object.keys(sections)) names.add((await post(t, { sectionId: sections[slug], body: 'Hi.' }, a.key)).pseudonym);
    expect(names.size).toBeGreaterThan(1);
  });

  it('nests replies, keeps counts, and pages oldest first with stable cursors', async () => {
    const sectionId = sections['what-real-connection-is-built-on'];
    const before = await counts(sectionId);
    const root = await post(t, { sectionId, body: 'Root' });
    const reply = await post(t, { sectionId, body: 'Reply', parentId: root.id });
    const deeper = await post(t, { sectionId, body: 'Deeper', parentId: reply.id });
    const after = await counts(sectionId);
    expect(after.postCount).toBe(before.postCount + 3);
    expect(after.posts.totalCount).toBe(before.posts.totalCount + 1);

    const { data } = await t.gql(
      `query($id: ID!) { post(id: $id) { replyCount depth replies { totalCount edges { node { id depth parent { id } replies { edges { node { id depth } } } } } } } }`,
      { id: root.id },
    );
    expect(data.post.replyCount).toBe(1);
    const r = data.post.replies.edges[0].node;
    expect(r).toMatchObject({ id: reply.id, depth: 1, parent: { id: root.id } });
    expect(r.replies.edges[0].node).toEqual({ id: deeper.id, depth: 2 });

    // Pages: 5 posts, pages of 2, in order, no duplicates, even with a post inserted mid-way.
    const fresh = sections['a-quiet-reminder'];
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await post(t, { sectionId: fresh, body: `p${i}` })).id);
    const seen: string[] = [];
    let after_: string | null = null;
    for (let page = 0; page < 10; page++) {
      const res: any = await t.gql(
        `query($id: ID!, $after: String) { section(id: $id) { posts(first: 2, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } } }`,
        { id: fresh, after: after_ },
      );
      const conn = res.data.section.posts;
      seen.push(...conn.edges.map((e: any) => e.node.id));
      if (page === 0) ids.push((await post(t, { sectionId: fresh, body: 'late' })).id);
      if (!conn.pageInfo.hasNextPage) break;
      after_ = conn.pageInfo.endCursor;
    }
    expect(seen.slice(-ids.length)).toEqual(ids);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('returns the first post for a repeated idempotency key, also when sent concurrently', async () => {
    const first = await post(t, { sectionId: intro, body: 'Once.' });
    const input = { sectionId: intro, body: 'Only once, please.', idempotencyKey: 'form-123' };
    const results = await Promise.all([1, 2, 3].map(() => t.gql(CREATE, { input }, { 'x-author-key': first.key })));
    const ids = new Set(results.map((r) => r.data.createPost.post.id));
    expect(ids.size).toBe(1);
    const [{ n }] = await t.dataSource.query(`select count(*)::int as n from post where idempotency_key = 'form-123'`);
    expect(n).toBe(1);
  });

  it('lets the author edit within 30 minutes and marks the post edited; not after', async () => {
    const p = await post(t, { sectionId: intro, body: 'Draft' });
    const EDIT = `mutation($input: EditPostInput!) { editPost(input: $input) { outcome post { body html editedAt } } }`;
    const res = await t.gql(EDIT, { input: { postId: p.id, body: 'Better **words**' } }, { 'x-author-key': p.key });
    expect(res.errors).toBeUndefined();
    expect(res.data.editPost.post.body).toBe('Better **words**');
    expect(res.data.editPost.post.html).toContain('<strong>words</strong>');
    expect(res.data.editPost.post.editedAt).not.toBeNull();

    await t.dataSource.query(`update post set created_at = now() - interval '31 minutes' where id = $1`, [p.id]);
    const late = await t.gql(EDIT, { input: { postId: p.id, body: 'Too late' } }, { 'x-author-key': p.key });
    expect(late.errors?.[0].extensions?.code).toBe('EDIT_WINDOW_CLOSED');
    expect(late.errors?.[0].message).toMatch(/30 minutes/);
  });

  it('soft-deletes: the body is erased, a post with replies stays as a placeholder, counts follow', async () => {
    const sectionId = sections['where-rebuilding-usually-begins'];
    const lonely = await post(t, { sectionId, body: 'Alone' });
    const parent = await post(t, { sectionId, body: 'Has a reply' });
    await post(t, { sectionId, body: 'The reply', parentId: parent.id });
    const before = await counts(sectionId);
    const DEL = `mutation($id: ID!) { deletePost(id: $id) { id status body html } }`;
    for (const p of [lonely, parent]) {
      const res = await t.gql(DEL, { id: p.id }, { 'x-author-key': p.key });
      expect(res.data.deletePost).toEqual({ id: p.id, status: 'DELETED', body: '', html: '' });
    }
    const after = await counts(sectionId);
    expect(after.postCount).toBe(before.postCount - 2);
    const { data } = await t.gql(
      `query($id: ID!) { section(id: $id) { posts(first: 100) { edges { node { id status body replyCount } } } } }`,
      { id: sectionId },
    );
    const listed = data.section.posts.edges.map((e: any) => e.node);
    expect(listed.find((n: any) => n.id === lonely.id)).toBeUndefined();
    expect(listed.find((n: any) => n.id === parent.id)).toEqual({ id: parent.id, status: 'DELETED', body: '', replyCount: 1 });
    const [row] = await t.dataSource.query('select body, html from post where id = $1', [parent.id]);
    expect(row).toEqual({ body: '', html: '' });
  });

  it('toggles supportive reactions per author and lists every kind', async () => {
    const p = await post(t, { sectionId: intro, body: 'React to me' });
    const reader = await post(t, { sectionId: sections['a-quiet-reminder'], body: 'I read.' });
    const REACT = `mutation($id: ID!, $kind: ReactionKind!) { react(postId: $id, kind: $kind) { reactions { kind count reactedByMe } } }`;
    const on = await t.gql(REACT, { id: p.id, kind: 'HUG' }, { 'x-author-key': reader.key });
    expect(on.data.react.reactions).toEqual([
      { kind: 'SUPPORT', count: 0, reactedByMe: false },
      { kind: 'HUG', count: 1, reactedByMe: true },
      { kind: 'RELATE', count: 0, reactedByMe: false },
      { kind: 'HELPFUL', count: 0, reactedByMe: false },
    ]);
    // Reactions are how others answer a post: its author's own is refused, kindly, and counts nothing.
    const own = await t.gql(REACT, { id: p.id, kind: 'SUPPORT' }, { 'x-author-key': p.key });
    expect(own.data).toBeNull();
    expect(own.errors?.[0].extensions?.code).toBe('OWN_POST');
    expect(own.errors?.[0].message).toMatch(/your own posts/);
    const anyone = `query($id: ID!) { post(id: $id) { reactions { kind count reactedByMe } } }`;
    expect((await t.gql(anyone, { id: p.id })).data.post.reactions[0]).toEqual({ kind: 'SUPPORT', count: 0, reactedByMe: false });
    const off = await t.gql(REACT, { id: p.id, kind: 'HUG' }, { 'x-author-key': reader.key });
    expect(off.data.react.reactions[1]).toEqual({ kind: 'HUG', count: 0, reactedByMe: false });
    const anon = await t.gql(anyone, { id: p.id });
    expect(anon.data.post.reactions[1]).toEqual({ kind: 'HUG', count: 0, reactedByMe: false });
  });

  it('shows the caller their own posts and the replies to them, newest first', async () => {
    const me = await post(t, { sectionId: intro, body: 'Mine one' });
    const second = await post(t, { sectionId: sections['where-to-go-next'], body: 'Mine two' }, me.key);
    const other = await post(t, { sectionId: intro, body: 'A kind reply', parentId: me.id });
    await post(t, { sectionId: intro, body: 'Replying to myself', parentId: me.id }, me.key);
    const Q = `{ me { posts { totalCount edges { node { id body mine } } } repliesToMe { totalCount edges { node { id body } } } } }`;
    const { data } = await t.gql(Q, {}, { 'x-author-key': me.key });
    expect(data.me.posts.edges.map((e: any) => e.node.body)).toEqual(['Replying to myself', 'Mine two', 'Mine one']);
    expect(data.me.posts.edges.every((e: any) => e.node.mine)).toBe(true);
    expect(data.me.repliesToMe.edges.map((e: any) => e.node.id)).toEqual([other.id]);
    expect(second.id).toBeDefined();

    expect((await t.gql(Q)).data.me).toBeNull();
    expect((await t.gql(Q, {}, { 'x-author-key': 'not-a-key' })).data.me).toBeNull();
    expect((await t.gql(Q, {}, { 'x-author-key': AuthorCrypto.newKey() })).data.me).toBeNull();
  });
});
