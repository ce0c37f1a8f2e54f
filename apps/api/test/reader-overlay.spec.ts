import request from 'supertest';
import { createTestApp, TestApp } from './app';
import { post, sectionIds } from './fixtures';
import { signedIn } from './moderators.fixtures';
import { webOperation } from './web-documents';

/**
 * A reader with a key gets the answer everyone gets (cached) with their own overlay: `mine`,
 * `reactedByMe` and their own held posts merged in, for one statement (ADR 024). The overlay must
 * say exactly what executing the read for them says, and nobody else may ever see their held post.
 */
const HELD_BODY = 'You are pathetic, grow up.';
/** A post's id as an answer's JSON holds it (a bare "17" is also in every timestamp's digits). */
const idIn = (id: string) => `"id":"${id}"`;
const CRISIS_BODY = 'I want to kill myself tonight. Everyone would be better off without me.';

const PAGE = `query($id: ID!, $first: Int!, $after: String) {
  section(id: $id) { title posts(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id body status pseudonym mine reviewState createdAt editedAt replyCount depth reactions { kind count reactedByMe }
      replies(first: 3) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id body status mine reviewState reactions { kind count reactedByMe } } } } } }
  } } }`;

describe('a reader with a key: the cached page and their overlay', () => {
  let t: TestApp;
  let sectionId: string;
  let reader: string;
  let other: string;
  let heldTop: string;
  let heldReply: string;
  let reactedOn: string;
  let firstId: string;
  let approved: string;
  let handled: string;

  const send = (query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) =>
    request(t.app.getHttpServer()).post('/graphql').set('content-type', 'application/json').set(headers).send({ query, variables });
  /** The same read executed for the reader (a cookie keeps any cached answer away): what the overlay must equal. */
  const executed = (query: string, variables: Record<string, unknown>, key: string) =>
    send(query, variables, { 'x-author-key': key, cookie: 'unrelated=1' });

  beforeAll(async () => {
    t = await createTestApp();
    sectionId = (await sectionIds(t))['where-rebuilding-usually-begins'];
    const first = await post(t, { sectionId, body: 'A first calm post.' });
    firstId = first.id;
    other = first.key;
    reader = (await post(t, { sectionId, body: 'The reader writes calmly.' })).key;
    for (let i = 0; i < 6; i++) {
      const p = await post(t, { sectionId, body: `Post number ${i}.` }, i % 2 ? reader : other);
      await post(t, { sectionId, body: `A reply to ${i}.`, parentId: p.id }, other);
    }
    heldTop = (await post(t, { sectionId, body: HELD_BODY }, reader)).id;
    heldReply = (await post(t, { sectionId, body: HELD_BODY, parentId: firstId }, reader)).id;
    await post(t, { sectionId, body: HELD_BODY }, other); // someone else's held post: never the reader's to see
    // Where their posts stand with the moderators (reviewState): one published after a moderator read it, one crisis handled.
    const mod = await signedIn(t, 'MODERATOR');
    approved = (await post(t, { sectionId, body: 'You are pathetic, grow up please.' }, reader)).id;
    await t.gql(
      `mutation($i: ReviewPostInput!) { reviewPost(input: $i) { id } }`,
      { i: { postId: approved, decision: 'APPROVE' } },
      mod.headers,
    );
    handled = (await post(t, { sectionId, body: CRISIS_BODY }, reader)).id;
    await t.gql(`mutation($p: ID!, $n: String!) { markHandled(postId: $p, note: $n) }`, { p: handled, n: 'Looked after.' }, mod.headers);
    reactedOn = firstId;
    await t.gql(`mutation($id: ID!) { react(postId: $id, kind: HUG) { id } }`, { id: reactedOn }, { 'x-author-key': reader });
  });
  afterAll(() => t.close());

  it('answers from the cached page plus one statement, and says what executing the read for them says', async () => {
    const vars = { id: sectionId, first: 20, after: null };
    const anonymous = await send(PAGE, vars);
    expect(JSON.stringify(anonymous.body)).not.toContain(HELD_BODY);

    const before = t.db.statements;
    const mine = await send(PAGE, vars, { 'x-author-key': reader });
    expect(t.db.statements - before).toBe(1);
    expect(mine.headers['x-steady-cache']).toBe('overlay');
    expect(mine.body).toEqual((await executed(PAGE, vars, reader)).body);

    const edges = mine.body.data.section.posts.edges;
    const held = edges.find((e: any) => e.node.id === heldTop).node;
    expect(held).toMatchObject({ status: 'PENDING', mine: true, body: HELD_BODY });
    const firstPost = edges.find((e: any) => e.node.id === firstId).node;
    expect(firstPost.mine).toBe(false);
    expect(firstPost.reactions.find((r: any) => r.kind === 'HUG')).toEqual({ kind: 'HUG', count: 1, reactedByMe: true });
    expect(firstPost.replies.edges.map((e: any) => e.node.id)).toContain(heldReply);
    expect(edges.filter((e: any) => e.node.mine).length).toBe(7); // their first, three of the six, the held one, the approved, the handled
    const state = (id: string) => edges.find((e: any) => e.node.id === id).node.reviewState;
    expect([state(heldTop), state(approved), state(handled), state(firstId)]).toEqual(['WAITING', 'PUBLISHED', 'HANDLED', null]);
    // Theirs only: another reader and a reader without a key see neither the held posts nor the reaction as theirs.
    for (const res of [await send(PAGE, vars, { 'x-author-key': other }), await send(PAGE, vars)]) {
      const text = JSON.stringify(res.body);
      expect(text).not.toContain(idIn(heldTop));
      expect(text).not.toContain(idIn(heldReply));
    }
    const theirs = await send(PAGE, vars, { 'x-author-key': other });
    expect(theirs.body).toEqual((await executed(PAGE, vars, other)).body);
    expect(JSON.stringify(theirs.body)).toContain(HELD_BODY); // their own held post, not the reader's
    expect(theirs.body.data.section.posts.edges.find((e: any) => e.node.id === firstId).node.reactions[1].reactedByMe).toBe(false);
    // The cached anonymous answer is unchanged by the overlays laid over it.
    const again = await send(PAGE, vars);
    expect(again.headers['x-steady-cache']).toBe('hit');
    expect(again.body).toEqual(anonymous.body);
  });

  it('costs two statements when nobody has asked for the page (the page, the overlay), the same for 5 or 20 posts and a later page', async () => {
    // The bench's thread page: no replies asked (each level of replies asked adds its one statement to a cold read).
    const FLAT = `query($id: ID!, $first: Int!, $after: String) { section(id: $id) { posts(first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id body status mine replyCount reactions { kind count reactedByMe } } } } } }`;
    await post(t, { sectionId, body: 'Something new, so nothing is cached.' }, other);
    const counted = async (first: number, after: string | null) => {
      const before = t.db.statements;
      const res = await send(FLAT, { id: sectionId, first, after }, { 'x-author-key': reader });
      expect(res.body.errors).toBeUndefined();
      return { statements: t.db.statements - before, conn: res.body.data.section.posts };
    };
    const five = await counted(5, null);
    const twenty = await counted(20, null);
    const later = await counted(5, five.conn.pageInfo.endCursor);
    expect([five.statements, twenty.statements, later.statements]).toEqual([2, 2, 2]);
    expect(five.conn.edges).toHaveLength(5);
    // The held post sits past the first five: it comes on the page that covers it, once.
    const ids = [...five.conn.edges, ...later.conn.edges].map((e: any) => e.node.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(twenty.conn.edges.map((e: any) => e.node.id)).toContain(heldTop);
    expect((await counted(20, null)).statements).toBe(1);
  });

  it('the web app’s thread page: the same as executing it, with its first slices of replies three levels down', async () => {
    const THREAD = webOperation('Thread');
    const vars = { id: sectionId, first: 20, after: null, replies: 3, deeper: 2 };
    await send(THREAD, vars);
    const before = t.db.statements;
    const mine = await send(THREAD, vars, { 'x-author-key': reader });
    expect(t.db.statements - before).toBe(1);
    expect(mine.headers['x-steady-cache']).toBe('overlay');
    expect(mine.body).toEqual((await executed(THREAD, vars, reader)).body);
    expect(JSON.stringify(mine.body)).toContain(idIn(heldReply));
  });

  it('shows the reader’s own reaction and their own new post on their next read', async () => {
    const vars = { id: sectionId, first: 20, after: null };
    await send(PAGE, vars, { 'x-author-key': reader });
    const target = (await send(PAGE, vars)).body.data.section.posts.edges[0].node; // someone else's: one's own post takes no reaction
    await t.gql(`mutation($id: ID!) { react(postId: $id, kind: SUPPORT) { id } }`, { id: target.id }, { 'x-author-key': reader });
    const reacted = await send(PAGE, vars, { 'x-author-key': reader });
    const node = reacted.body.data.section.posts.edges.find((e: any) => e.node.id === target.id).node;
    expect(node.reactions[0]).toEqual({ kind: 'SUPPORT', count: target.reactions[0].count + 1, reactedByMe: true });

    const reply = await post(t, { sectionId, body: HELD_BODY, parentId: target.id }, reader);
    const withReply = await send(PAGE, vars, { 'x-author-key': reader });
    expect(withReply.headers['x-steady-cache']).toBe('overlay');
    const replies = withReply.body.data.section.posts.edges.find((e: any) => e.node.id === target.id).node.replies.edges;
    expect(replies.map((e: any) => e.node.id)).toContain(reply.id);
    expect(withReply.body).toEqual((await executed(PAGE, vars, reader)).body);
    expect(JSON.stringify((await send(PAGE, vars, { 'x-author-key': other })).body)).not.toContain(idIn(reply.id));
  });

  it('executes for the reader what the overlay does not know (me, a post by id)', async () => {
    const me = await send(`{ me { posts(first: 5) { totalCount } } }`, {}, { 'x-author-key': reader });
    expect(me.headers['x-steady-cache']).toBeUndefined();
    expect(me.body.data.me.posts.totalCount).toBeGreaterThan(0);
    const byId = await send(`query($id: ID!) { post(id: $id) { id status mine } }`, { id: heldTop }, { 'x-author-key': reader });
    expect(byId.headers['x-steady-cache']).toBeUndefined();
    expect(byId.body.data.post).toEqual({ id: heldTop, status: 'PENDING', mine: true });
  });
});
