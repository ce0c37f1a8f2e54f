// Every path to a post answers the one visibility rule (apps/api/src/posts/visibility.ts):
// a PENDING or REJECTED post (a PENDING edit included) exists only for its author and for
// moderators; a DELETED one is a placeholder for everyone. Attacked from outside, per path,
// as four callers: anonymous, another author, the author, a moderator.
import { randomUUID } from 'node:crypto';
import { asAuthor, gql, moderatorSession, ok, sectionIds } from './support/client';

// Letters only: a run of digits can read as a phone number to the tone engine, which would hold the post.
const KIND = (what: string) =>
  `Thank you for this. ${what} ${randomUUID()
    .slice(0, 8)
    .replace(/[0-9]/g, (d) => 'ghijklmnop'[Number(d)])}`;
/** The tone engine holds this (an attack): stored PENDING, queued for a moderator. */
const HELD_TEXT = 'You are pathetic, grow up.';

const CREATE = `mutation($input: CreatePostInput!) { createPost(input: $input) { outcome authorKey post { id status } } }`;
const EDIT = `mutation($i: EditPostInput!) { editPost(input: $i) { outcome post { id status } } }`;
const DELETE = `mutation($id: ID!) { deletePost(id: $id) { id status } }`;
const REVIEW = `mutation($i: ReviewPostInput!) { reviewPost(input: $i) { id status } }`;
const POST = `query($id: ID!) { post(id: $id) { id status body html } }`;
const PARENT = `query($id: ID!) { post(id: $id) { id parent { id status body html } } }`;
const REPLIES = `query($id: ID!) { post(id: $id) { replies(first: 100) { edges { node { id status body } } } } }`;
const THREAD = `query($id: ID!) { section(id: $id) { posts(first: 100) { edges { node { id status body } } } } }`;
const ME = `{ me { posts(first: 100) { edges { node { id status body } } } repliesToMe(first: 100) { edges { node { id status body } } } } }`;
const SEARCH = `query($q: String!) { searchPosts(articleSlug: "rebuilding-connection", query: $q, first: 100) { totalCount edges { node { snippet post { id status body } } } } }`;
const QUEUE = `{ moderationQueue(first: 100) { edges { node { post { id status body parent { id status body } } } } } }`;

type Headers = Record<string, string>;

describe('one visibility rule on every path to a post', () => {
  let section: string;
  let author: string; // writes the hidden posts
  let other: string; // another author: replies, and reads
  let moderator: Headers;
  let viewers: Record<'anonymous' | 'another author' | 'the author' | 'a moderator', Headers>;
  /** Hidden posts by kind, each with a published reply by `other` where one could be written before it was hidden. */
  const hidden: Record<string, { id: string; body: string; status: string; replyId?: string }> = {};
  let publishedParent: string;
  let heldReply: string;
  let rejectReason: string;

  async function create(input: Record<string, unknown>, key?: string) {
    const data = await ok<{ createPost: { outcome: string; authorKey: string | null; post: { id: string; status: string } } }>(
      CREATE,
      { input: { sectionId: section, ...input } },
      key ? asAuthor(key) : {},
    );
    return data.createPost;
  }

  beforeAll(async () => {
    section = (await sectionIds())['where-rebuilding-usually-begins'];
    const first = await create({ body: KIND('A first post.') });
    author = first.authorKey!;
    other = (await create({ body: KIND('Another reader.') })).authorKey!;
    moderator = await moderatorSession();
    viewers = { anonymous: {}, 'another author': asAuthor(other), 'the author': asAuthor(author), 'a moderator': moderator };
    rejectReason = (await ok<{ rejectReasons: { id: string }[] }>(`{ rejectReasons { id } }`)).rejectReasons[0].id;

    // PENDING, held by the tone engine when it was written.
    const held = await create({ body: HELD_TEXT }, author);
    expect(held).toMatchObject({ outcome: 'HELD', post: { status: 'PENDING' } });
    hidden.pending = { id: held.post.id, body: HELD_TEXT, status: 'PENDING' };

    // REJECTED after a reply was written to it: the finding's case (a reply's parent showed its body).
    const rejectedBody = KIND('Published, then not.');
    const toReject = await create({ body: rejectedBody }, author);
    const replyToRejected = await create({ body: KIND('A reply that stays.'), parentId: toReject.post.id }, other);
    await ok(REVIEW, { i: { postId: toReject.post.id, decision: 'REJECT', reason: rejectReason } }, moderator);
    hidden.rejected = { id: toReject.post.id, body: rejectedBody, status: 'REJECTED', replyId: replyToRejected.post.id };

    // A PENDING edit: published with a reply, then edited into words the engine holds.
    const toEdit = await create({ body: KIND('A calm first version.') }, author);
    const replyToEdited = await create({ body: KIND('A reply to the calm version.'), parentId: toEdit.post.id }, other);
    const edit = await ok(EDIT, { i: { postId: toEdit.post.id, body: HELD_TEXT } }, asAuthor(author));
    expect(edit.editPost).toMatchObject({ outcome: 'HELD', post: { status: 'PENDING' } });
    hidden.pendingEdit = { id: toEdit.post.id, body: HELD_TEXT, status: 'PENDING', replyId: replyToEdited.post.id };

    // DELETED with a reply: a placeholder for everyone, with no words.
    const toDelete = await create({ body: KIND('Soon removed.') }, author);
    const replyToDeleted = await create({ body: KIND('A reply that keeps its place.'), parentId: toDelete.post.id }, other);
    await ok(DELETE, { id: toDelete.post.id }, asAuthor(author));
    hidden.deleted = { id: toDelete.post.id, body: '', status: 'DELETED', replyId: replyToDeleted.post.id };

    // A held reply under a published post of the other author.
    publishedParent = (await create({ body: KIND('A published post with replies.') }, other)).post.id;
    heldReply = (await create({ body: HELD_TEXT, parentId: publishedParent }, author)).post.id;
  });

  const MAY_SEE_HIDDEN = new Set(['the author', 'a moderator']);
  const cases = () =>
    (['pending', 'rejected', 'pendingEdit'] as const).flatMap((kind) =>
      (['anonymous', 'another author', 'the author', 'a moderator'] as const).map((viewer) => ({ kind, viewer })),
    );

  describe('post(id)', () => {
    it.each(cases())('a $kind post, asked by $viewer', async ({ kind, viewer }) => {
      const answer = await gql(POST, { id: hidden[kind].id }, viewers[viewer]);
      expect(answer.body?.errors).toBeUndefined();
      if (MAY_SEE_HIDDEN.has(viewer))
        expect(answer.body?.data.post).toMatchObject({ status: hidden[kind].status, body: hidden[kind].body });
      else expect(answer.body?.data.post).toBeNull();
    });

    it('a deleted post is a placeholder without words, for everyone', async () => {
      for (const headers of Object.values(viewers)) {
        const answer = await gql(POST, { id: hidden.deleted.id }, headers);
        expect(answer.body?.data.post).toEqual({ id: hidden.deleted.id, status: 'DELETED', body: '', html: '' });
      }
    });
  });

  describe('Post.parent', () => {
    it.each(cases().filter((c) => c.kind !== 'pending'))(
      'the $kind parent of a published reply, asked by $viewer',
      async ({ kind, viewer }) => {
        const answer = await gql(PARENT, { id: hidden[kind].replyId }, viewers[viewer]);
        expect(answer.body?.errors).toBeUndefined();
        const parent = answer.body?.data.post.parent;
        if (MAY_SEE_HIDDEN.has(viewer))
          expect(parent).toMatchObject({ id: hidden[kind].id, status: hidden[kind].status, body: hidden[kind].body });
        else expect(parent).toBeNull();
      },
    );

    it('the deleted parent of a published reply is a placeholder for everyone', async () => {
      for (const headers of Object.values(viewers)) {
        const answer = await gql(PARENT, { id: hidden.deleted.replyId }, headers);
        expect(answer.body?.data.post.parent).toEqual({ id: hidden.deleted.id, status: 'DELETED', body: '', html: '' });
      }
    });
  });

  describe('Post.replies', () => {
    it.each(['anonymous', 'another author', 'the author', 'a moderator'] as const)('a held reply, listed for %s', async (viewer) => {
      const answer = await gql(REPLIES, { id: publishedParent }, viewers[viewer]);
      expect(answer.body?.errors).toBeUndefined();
      const ids = answer.body?.data.post.replies.edges.map((e: { node: { id: string } }) => e.node.id);
      if (MAY_SEE_HIDDEN.has(viewer)) expect(ids).toContain(heldReply);
      else expect(ids).not.toContain(heldReply);
    });
  });

  describe('Section.posts', () => {
    it.each(['anonymous', 'another author', 'the author', 'a moderator'] as const)('hidden posts in the thread, for %s', async (viewer) => {
      const answer = await gql(THREAD, { id: section }, viewers[viewer]);
      expect(answer.body?.errors).toBeUndefined();
      const nodes: { id: string; status: string; body: string }[] = answer.body?.data.section.posts.edges.map(
        (e: { node: unknown }) => e.node,
      );
      for (const kind of ['pending', 'rejected', 'pendingEdit'] as const) {
        const found = nodes.find((n) => n.id === hidden[kind].id);
        if (MAY_SEE_HIDDEN.has(viewer)) expect(found).toMatchObject({ status: hidden[kind].status, body: hidden[kind].body });
        else expect(found).toBeUndefined();
      }
      // A removed post holding a reply keeps its place, without words, for everyone.
      expect(nodes.find((n) => n.id === hidden.deleted.id)).toEqual({ id: hidden.deleted.id, status: 'DELETED', body: '' });
      // Nothing hidden leaks through another field of a listed post.
      expect(JSON.stringify(nodes).includes(HELD_TEXT)).toBe(MAY_SEE_HIDDEN.has(viewer));
    });
  });

  describe('me', () => {
    it('the author sees their own pending, rejected and pending-edit posts', async () => {
      const me = (await ok(ME, {}, asAuthor(author))).me;
      const mine = new Map(me.posts.edges.map((e: { node: { id: string; status: string } }) => [e.node.id, e.node.status]));
      for (const kind of ['pending', 'rejected', 'pendingEdit'] as const) expect(mine.get(hidden[kind].id)).toBe(hidden[kind].status);
      expect(mine.has(hidden.deleted.id)).toBe(false);
    });

    it("another author never sees them, not even the author's held reply to their own post", async () => {
      const me = (await ok(ME, {}, asAuthor(other))).me;
      const text = JSON.stringify(me);
      for (const kind of ['pending', 'rejected', 'pendingEdit'] as const) expect(text).not.toContain(`"${hidden[kind].id}"`);
      expect(text).not.toContain(`"${heldReply}"`);
      expect(text).not.toContain(HELD_TEXT);
    });

    it('is null for an anonymous caller and for a moderator without an author key', async () => {
      expect((await ok(ME)).me).toBeNull();
      expect((await ok(ME, {}, moderator)).me).toBeNull();
    });
  });

  describe('searchPosts', () => {
    // Search shows what everyone may see, whoever asks (ADR 019): not even the author's or a moderator's view.
    it.each(['anonymous', 'another author', 'the author', 'a moderator'] as const)(
      'hidden posts and their words, for %s',
      async (viewer) => {
        const words = [
          'pathetic',
          ...(['rejected', 'pendingEdit'] as const).map((kind) => hidden[kind].body).filter((body) => body !== HELD_TEXT),
          'Soon removed',
        ];
        for (const q of words) {
          const answer = await gql(SEARCH, { q }, viewers[viewer]);
          expect(answer.body?.errors).toBeUndefined();
          const text = JSON.stringify(answer.body?.data);
          for (const kind of ['pending', 'rejected', 'pendingEdit', 'deleted'] as const) expect(text).not.toContain(`"${hidden[kind].id}"`);
          expect(text).not.toContain(`"${heldReply}"`);
          expect(text).not.toMatch(/pathetic/i);
          expect(
            answer.body?.data.searchPosts.edges.every((e: { node: { post: { status: string } } }) => e.node.post.status === 'PUBLISHED'),
          ).toBe(true);
        }
      },
    );

    it('a published reply is found, unless its thread hides its parent', async () => {
      const answer = await ok(SEARCH, { q: 'A reply that keeps its place' });
      const ids = answer.searchPosts.edges.map((e: { node: { post: { id: string } } }) => e.node.post.id);
      expect(ids).toContain(hidden.deleted.replyId);
      for (const kind of ['rejected', 'pendingEdit'] as const) {
        const under = await ok(SEARCH, { q: kind === 'rejected' ? 'A reply that stays' : 'A reply to the calm version' });
        expect(JSON.stringify(under)).not.toContain(`"${hidden[kind].replyId}"`);
      }
    });
  });

  describe('the moderators’ queue', () => {
    it('a moderator sees the held posts with their words, and the hidden parents of queued replies', async () => {
      const queue = (await ok(QUEUE, {}, moderator)).moderationQueue;
      const posts = queue.edges.map((e: { node: { post: { id: string; body: string } } }) => e.node.post);
      expect(posts.find((p: { id: string }) => p.id === hidden.pending.id)).toMatchObject({ status: 'PENDING', body: HELD_TEXT });
      expect(posts.find((p: { id: string }) => p.id === hidden.pendingEdit.id)).toMatchObject({ status: 'PENDING', body: HELD_TEXT });
      expect(posts.find((p: { id: string }) => p.id === heldReply)).toMatchObject({ parent: { id: publishedParent, status: 'PUBLISHED' } });
    });

    it.each(['anonymous', 'another author', 'the author'] as const)('is closed to %s', async (viewer) => {
      const answer = await gql(QUEUE, {}, viewers[viewer]);
      expect(answer.body?.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(answer.text).not.toContain(HELD_TEXT);
    });
  });

  describe('writes do not tell a hidden post exists', () => {
    it('a reply to a hidden post is NOT_FOUND for another author, as for a post that never was', async () => {
      for (const kind of ['pending', 'rejected', 'pendingEdit'] as const) {
        const answer = await gql(
          CREATE,
          { input: { sectionId: section, body: KIND('Hello?'), parentId: hidden[kind].id } },
          asAuthor(other),
        );
        expect(answer.body?.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      }
    });
  });
});
