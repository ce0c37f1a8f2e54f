import type { AddressInfo } from 'node:net';
import { rejectReasons } from '@steady/moderation';
import { createTestApp, TestApp } from './app';
import { post, sectionIds } from './fixtures';
import { LiveClient, OpenClients, settle } from './live-client';
import { expire, signedIn } from './moderators.fixtures';
import type { LiveBus } from '../src/common/live-bus';
import { LIVE_BUS } from '../src/common/tokens';

/**
 * GraphQL subscriptions over WebSocket (graphql-ws) on the API's port at /graphql: what each
 * subscriber receives goes through the same visibility rule as a query, and the limits hold.
 * Real app, real PostgreSQL, a real socket per client. ADR 020.
 */
const HOLD_TEXT = 'You are pathetic, grow up.';
const CRISIS_TEXT = 'I want to kill myself tonight. Everyone would be better off without me.';
const REVIEW = `mutation($i: ReviewPostInput!) { reviewPost(input: $i) { id status } }`;
const THREAD = `subscription($s: ID!) { threadActivity(sectionId: $s) { kind postId sectionId post { id body status mine pseudonym parent { id } reactions { kind count reactedByMe } } } }`;
const MINE = `subscription { myActivity { kind postId post { id body status mine reviewState } } }`;
const QUEUE = `subscription { moderationQueue { kind postId priority moderatorEmail item { id priority reasons post { id body status } } } }`;

async function listening(t: TestApp): Promise<number> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  return (t.app.getHttpServer().address() as AddressInfo).port;
}

describe('live: subscriptions and visibility', () => {
  let t: TestApp;
  let port: number;
  let sections: Record<string, string>;
  let section: string;
  let mod: { token: string; email: string; headers: Record<string, string> };
  const clients = new OpenClients(() => port);
  const { open } = clients;

  beforeAll(async () => {
    t = await createTestApp();
    port = await listening(t);
    sections = await sectionIds(t);
    section = sections['the-slow-drift'] ?? Object.values(sections)[1];
    mod = await signedIn(t, 'MODERATOR');
  });
  afterEach(() => clients.closeAll());
  afterAll(async () => t?.close());

  it('a reader sees a new post and a reply in the thread, with `mine` answered for each subscriber by their own key', async () => {
    const author = await post(t, { sectionId: section, body: 'First words in this thread.' });
    const reader = await open();
    const writer = await open({ authorKey: author.key });
    const r = reader.subscribe(THREAD, { s: section });
    const w = writer.subscribe(THREAD, { s: section });
    await settle(150);

    const written = await post(t, { sectionId: section, body: 'A new thought, shared live.' }, author.key);
    const seenByReader = await reader.event(r, (p) => p.data.threadActivity.postId === written.id);
    const seenByWriter = await writer.event(w, (p) => p.data.threadActivity.postId === written.id);
    expect(seenByReader.data.threadActivity).toMatchObject({
      kind: 'PUBLISHED',
      post: { body: 'A new thought, shared live.', status: 'PUBLISHED', mine: false },
    });
    expect(seenByWriter.data.threadActivity.post.mine).toBe(true);

    const reply = await post(t, { sectionId: section, body: 'I hear you.', parentId: written.id });
    const replied = await reader.event(r, (p) => p.data.threadActivity.postId === reply.id);
    expect(replied.data.threadActivity).toMatchObject({ kind: 'PUBLISHED', post: { parent: { id: written.id }, mine: false } });
  });

  it('a held post never reaches the thread, not even its author; approved, it arrives, and its author hears so', async () => {
    const reader = await open();
    const r = reader.subscribe(THREAD, { s: section });
    const someone = await post(t, { sectionId: section, body: 'Hello.' });
    const authorLive = await open({ authorKey: someone.key });
    const authorThread = authorLive.subscribe(THREAD, { s: section });
    const authorMine = authorLive.subscribe(MINE);
    await settle(150);

    const held = await t.gql(
      `mutation($i: CreatePostInput!) { createPost(input: $i) { outcome post { id } } }`,
      { i: { sectionId: section, body: HOLD_TEXT } },
      { 'x-author-key': someone.key },
    );
    expect(held.data.createPost.outcome).toBe('HELD');
    const heldId = held.data.createPost.post.id;
    await settle();
    const all = [...reader.events(r), ...authorLive.events(authorThread)];
    expect(all.some((p) => p.data?.threadActivity?.postId === heldId)).toBe(false);
    expect(JSON.stringify(all)).not.toContain('pathetic');

    expect((await t.gql(REVIEW, { i: { postId: heldId, decision: 'APPROVE' } }, mod.headers)).data.reviewPost.status).toBe('PUBLISHED');
    const published = await reader.event(r, (p) => p.data.threadActivity.postId === heldId);
    expect(published.data.threadActivity).toMatchObject({ kind: 'PUBLISHED', post: { status: 'PUBLISHED', mine: false } });
    const told = await authorLive.event(authorMine, (p) => p.data.myActivity.postId === heldId);
    expect(told.data.myActivity).toMatchObject({ kind: 'PUBLISHED_AFTER_REVIEW', post: { mine: true, reviewState: 'PUBLISHED' } });
  });

  it('a rejected post: its author hears "not published"; the thread hears nothing', async () => {
    const reader = await open();
    const r = reader.subscribe(THREAD, { s: section });
    const someone = await post(t, { sectionId: section, body: 'Hello again.' });
    const authorLive = await open({ authorKey: someone.key });
    const mine = authorLive.subscribe(MINE);
    const stranger = await open({ authorKey: (await post(t, { sectionId: section, body: 'Me too.' })).key });
    const strangerMine = stranger.subscribe(MINE);
    await settle(150);
    const held = await t.gql(
      `mutation($i: CreatePostInput!) { createPost(input: $i) { post { id } } }`,
      { i: { sectionId: section, body: HOLD_TEXT } },
      { 'x-author-key': someone.key },
    );
    const heldId = held.data.createPost.post.id;
    const reason = rejectReasons()[0].id;
    await t.gql(REVIEW, { i: { postId: heldId, decision: 'REJECT', reason } }, mod.headers);
    const told = await authorLive.event(mine, (p) => p.data.myActivity.postId === heldId);
    expect(told.data.myActivity).toMatchObject({
      kind: 'NOT_PUBLISHED',
      post: { status: 'REJECTED', mine: true, reviewState: 'NOT_PUBLISHED' },
    });
    await settle();
    expect(reader.events(r).some((p) => p.data.threadActivity.postId === heldId)).toBe(false);
    expect(stranger.events(strangerMine)).toHaveLength(0);
  });

  it('myActivity: a reply to my post reaches me; my own reply to myself does not', async () => {
    const mine = await post(t, { sectionId: section, body: 'Does anyone else feel this?' });
    const me = await open({ authorKey: mine.key });
    const id = me.subscribe(MINE);
    await settle(150);
    await post(t, { sectionId: section, body: 'Adding a thought to my own post.', parentId: mine.id }, mine.key);
    const reply = await post(t, { sectionId: section, body: 'Yes, I do.', parentId: mine.id });
    const event = await me.event(id);
    expect(event.data.myActivity).toMatchObject({ kind: 'REPLY', postId: reply.id, post: { body: 'Yes, I do.', mine: false } });
    await settle();
    expect(me.events(id)).toHaveLength(1);
  });

  it('edits, reactions and removals reach the thread; a removed post arrives as an empty placeholder', async () => {
    const author = await post(t, { sectionId: section, body: 'Words I may change.' });
    const reader = await open();
    const reactorKey = (await post(t, { sectionId: section, body: 'Hi.' })).key;
    const reactor = await open({ authorKey: reactorKey });
    const r = reader.subscribe(THREAD, { s: section });
    const rr = reactor.subscribe(THREAD, { s: section });
    await settle(150);
    await t.gql(
      `mutation($i: EditPostInput!) { editPost(input: $i) { outcome } }`,
      { i: { postId: author.id, body: 'Words I changed.' } },
      { 'x-author-key': author.key },
    );
    expect((await reader.event(r, (p) => p.data.threadActivity.kind === 'EDITED')).data.threadActivity.post.body).toBe('Words I changed.');
    await t.gql(`mutation($p: ID!) { react(postId: $p, kind: HUG) { id } }`, { p: author.id }, { 'x-author-key': reactorKey });
    const reacted = await reader.event(r, (p) => p.data.threadActivity.kind === 'REACTED');
    expect(reacted.data.threadActivity.post.reactions).toContainEqual({ kind: 'HUG', count: 1, reactedByMe: false });
    const reactedForReactor = await reactor.event(rr, (p) => p.data.threadActivity.kind === 'REACTED');
    expect(reactedForReactor.data.threadActivity.post.reactions).toContainEqual({ kind: 'HUG', count: 1, reactedByMe: true });
    await t.gql(`mutation($p: ID!) { deletePost(id: $p) { id } }`, { p: author.id }, { 'x-author-key': author.key });
    const removed = await reader.event(r, (p) => p.data.threadActivity.kind === 'REMOVED');
    expect(removed.data.threadActivity.post).toMatchObject({ id: author.id, body: '', status: 'DELETED' });
  });

  it('readers with no key share one execution per thread and document; a reader with a key keeps its own; leaving ends it', async () => {
    const bus = t.app.get<symbol, LiveBus>(LIVE_BUS);
    const other = Object.values(sections).find((id) => id !== section)!;
    // The previous test's sockets are gone by now (they leave the bus as their close is handled).
    await settle(500);
    const base = bus.listenerCount;
    const readers = await Promise.all(Array.from({ length: 5 }, () => open()));
    const ids = readers.map((c) => c.subscribe(THREAD, { s: section }));
    const elsewhere = await open();
    elsewhere.subscribe(THREAD, { s: other });
    const someone = await post(t, { sectionId: section, body: 'Someone with a key of their own.' });
    const keyed = await open({ authorKey: someone.key });
    const k = keyed.subscribe(THREAD, { s: section });
    await settle(300);
    // One execution (one listener on the bus) for the five, one for the other thread, one for the key.
    expect(bus.listenerCount - base).toBe(3);

    const written = await post(t, { sectionId: section, body: 'Shared once, read by all five.' }, someone.key);
    for (const [i, reader] of readers.entries()) {
      const got = await reader.event(ids[i], (p) => p.data.threadActivity.postId === written.id);
      expect(got.data.threadActivity).toMatchObject({ kind: 'PUBLISHED', post: { body: 'Shared once, read by all five.', mine: false } });
    }
    expect((await keyed.event(k, (p) => p.data.threadActivity.postId === written.id)).data.threadActivity.post.mine).toBe(true);
    expect(elsewhere.events('1')).toHaveLength(0);

    // One leaves: the others still hear; all leave: the shared execution ends.
    readers[0].send({ id: ids[0], type: 'complete' });
    await settle(100);
    const next = await post(t, { sectionId: section, body: 'Still reaching the four who stayed.' });
    for (const [i, reader] of readers.entries()) {
      if (i === 0) continue;
      await reader.event(ids[i], (p) => p.data.threadActivity.postId === next.id);
    }
    await settle(200);
    expect(readers[0].events(ids[0]).some((p) => p.data.threadActivity.postId === next.id)).toBe(false);
    for (const reader of [...readers, elsewhere, keyed]) reader.close();
    await settle(300);
    expect(bus.listenerCount).toBe(base);
  });

  it('readers with a key share the thread’s execution when only `mine` is theirs: the author alone reads `mine: true`, every frame is a whole graphql-ws message', async () => {
    // The web's own document (live-thread.tsx): no `reactedByMe`, so a key changes only `mine` (posts/live-overlay.ts).
    const WEB = `subscription LiveThread($sectionId: ID!) { threadActivity(sectionId: $sectionId) { kind postId post { id mine parent { id } reactions { kind count } } } }`;
    const bus = t.app.get<symbol, LiveBus>(LIVE_BUS);
    await settle(500);
    const base = bus.listenerCount;
    const author = await post(t, { sectionId: section, body: 'A few words before the others arrive.' });
    const other = await post(t, { sectionId: section, body: 'Someone else, with a key of their own.' });
    const subscribers = await Promise.all([
      open(),
      open(),
      open({ authorKey: author.key }),
      open({ authorKey: other.key }),
      open({ authorKey: author.key }),
    ]);
    const ids = subscribers.map((c, i) => c.subscribe(WEB, { sectionId: section }, `sub-${i}`));
    await settle(300);
    // Five subscribers, two of them with the same key and one with another: one execution.
    expect(bus.listenerCount - base).toBe(1);

    const written = await post(t, { sectionId: section, body: 'Shared once, and mine only for me.' }, author.key);
    const got = await Promise.all(subscribers.map((c, i) => c.event(ids[i], (p) => p.data.threadActivity.postId === written.id)));
    expect(got.map((p) => p.data.threadActivity.post.mine)).toEqual([false, false, true, false, true]);
    for (const p of got) expect(p.data.threadActivity).toMatchObject({ kind: 'PUBLISHED', post: { id: written.id, parent: null } });

    const reply = await post(t, { sectionId: section, body: 'Glad you said it.', parentId: written.id }, other.key);
    const replied = await Promise.all(subscribers.map((c, i) => c.event(ids[i], (p) => p.data.threadActivity.postId === reply.id)));
    expect(replied.map((p) => p.data.threadActivity.post.mine)).toEqual([false, false, false, true, false]);
    for (const p of replied) expect(p.data.threadActivity.post.parent).toEqual({ id: written.id });
    for (const c of subscribers) c.close();
    await settle(300);
    expect(bus.listenerCount).toBe(base);
  });

  it('a reply whose parent was edited into a held post: a shared reader sees no parent, the parent’s author (same execution) sees theirs', async () => {
    const WEB = `subscription LiveThread($sectionId: ID!) { threadActivity(sectionId: $sectionId) { kind postId post { id mine parent { id } } } }`;
    const author = await post(t, { sectionId: section, body: 'Something I wanted to say first.' });
    const reply = await post(t, { sectionId: section, parentId: author.id, body: 'Thank you for saying it.' });
    const edited = await t.gql(
      `mutation($i: EditPostInput!) { editPost(input: $i) { outcome } }`,
      { i: { postId: author.id, body: HOLD_TEXT, acknowledgeNudge: true } },
      { 'x-author-key': author.key },
    );
    expect(edited.data.editPost.outcome).toBe('HELD');
    const [reader, writer] = await Promise.all([open(), open({ authorKey: author.key })]);
    const r = reader.subscribe(WEB, { sectionId: section });
    const w = writer.subscribe(WEB, { sectionId: section });
    await settle(200);
    const bus = t.app.get<symbol, LiveBus>(LIVE_BUS);
    await bus.publish({ topic: 'post', kind: 'EDITED', postId: reply.id, sectionId: section, parentId: author.id });
    const [seenByReader, seenByAuthor] = await Promise.all([
      reader.event(r, (p) => p.data.threadActivity.postId === reply.id),
      writer.event(w, (p) => p.data.threadActivity.postId === reply.id),
    ]);
    expect(seenByReader.data.threadActivity.post).toEqual({ id: reply.id, mine: false, parent: null });
    expect(seenByAuthor.data.threadActivity.post).toEqual({ id: reply.id, mine: false, parent: { id: author.id } });
  });

  it('a published post edited into one that is held leaves the thread as HIDDEN, without its new words', async () => {
    const author = await post(t, { sectionId: section, body: 'A calm first version.' });
    const reader = await open();
    const r = reader.subscribe(THREAD, { s: section });
    await settle(150);
    await t.gql(
      `mutation($i: EditPostInput!) { editPost(input: $i) { outcome } }`,
      { i: { postId: author.id, body: HOLD_TEXT } },
      { 'x-author-key': author.key },
    );
    const hidden = await reader.event(r, (p) => p.data.threadActivity.postId === author.id);
    expect(hidden.data.threadActivity).toEqual({ kind: 'HIDDEN', postId: author.id, sectionId: section, post: null });
  });

  it('the moderators’ queue: a crisis item arrives live with a priority above a held one; decided items say who decided', async () => {
    const moderator = await open({ token: mod.token });
    expect(moderator.acknowledged).toBe(true);
    const q = moderator.subscribe(QUEUE);
    await settle(150);
    const held = await t.gql(`mutation($i: CreatePostInput!) { createPost(input: $i) { post { id } } }`, {
      i: { sectionId: section, body: HOLD_TEXT },
    });
    const crisis = await t.gql(`mutation($i: CreatePostInput!) { createPost(input: $i) { outcome post { id } } }`, {
      i: { sectionId: section, body: CRISIS_TEXT },
    });
    expect(crisis.data.createPost.outcome).toBe('CRISIS');
    const heldEvent = await moderator.event(q, (p) => p.data.moderationQueue.postId === held.data.createPost.post.id);
    const crisisEvent = await moderator.event(q, (p) => p.data.moderationQueue.postId === crisis.data.createPost.post.id);
    expect(crisisEvent.data.moderationQueue).toMatchObject({ kind: 'ADDED', item: { post: { status: 'PENDING' } } });
    expect(crisisEvent.data.moderationQueue.priority).toBeGreaterThan(heldEvent.data.moderationQueue.priority);
    await t.gql(REVIEW, { i: { postId: crisis.data.createPost.post.id, decision: 'APPROVE' } }, mod.headers);
    const decided = await moderator.event(q, (p) => p.data.moderationQueue.kind === 'DECIDED');
    expect(decided.data.moderationQueue.moderatorEmail).toBe(mod.email);
  });
  it('an appeal arrives in the live queue as ADDED, marked "appeal", as a held post or a flag does (ADR 018)', async () => {
    const moderator = await open({ token: mod.token });
    const q = moderator.subscribe(QUEUE);
    await settle(150);
    const author = await post(t, { sectionId: section, body: 'A kind first word.' });
    const held = await t.gql(
      `mutation($i: CreatePostInput!) { createPost(input: $i) { post { id } } }`,
      { i: { sectionId: section, body: HOLD_TEXT } },
      { 'x-author-key': author.key },
    );
    const heldId = held.data.createPost.post.id;
    await t.gql(REVIEW, { i: { postId: heldId, decision: 'REJECT', reason: rejectReasons()[0].id } }, mod.headers);
    await moderator.event(q, (p) => p.data.moderationQueue.postId === heldId && p.data.moderationQueue.kind === 'DECIDED');
    await settle(150);

    const appealed = await t.gql(
      `mutation($i: AppealPostInput!) { appealPost(input: $i) { post { id status } } }`,
      { i: { postId: heldId, body: 'I said it badly. What I meant: I feel unheard.' } },
      { 'x-author-key': author.key },
    );
    expect(appealed.errors).toBeUndefined();
    // The held post's own ADDED came earlier; this one is the appeal's (its new words).
    const added = await moderator.event(
      q,
      (p) =>
        p.data.moderationQueue.postId === heldId &&
        p.data.moderationQueue.kind === 'ADDED' &&
        !/pathetic/.test(p.data.moderationQueue.item?.post?.body ?? ''),
    );
    expect(added.data.moderationQueue).toMatchObject({
      kind: 'ADDED',
      item: {
        reasons: expect.arrayContaining(['appeal']),
        post: { id: heldId, status: 'PENDING', body: expect.stringContaining('unheard') },
      },
    });
    await t.gql(REVIEW, { i: { postId: heldId, decision: 'REJECT', reason: rejectReasons()[0].id } }, mod.headers);
  });

  it('claims: opening an item holds it for its moderator; the others hear who holds it and cannot take it', async () => {
    const other = await signedIn(t, 'MODERATOR');
    const watcher = await open({ token: other.token });
    const q = watcher.subscribe(QUEUE);
    await settle(150);
    const held = await t.gql(`mutation($i: CreatePostInput!) { createPost(input: $i) { post { id } } }`, {
      i: { sectionId: section, body: HOLD_TEXT },
    });
    const postId = held.data.createPost.post.id;
    const CLAIM = `mutation($p: ID!) { claimQueueItem(postId: $p) { id claimedBy claimedUntil } }`;
    const mine = await t.gql(CLAIM, { p: postId }, mod.headers);
    expect(mine.data.claimQueueItem.claimedBy).toBe(mod.email);
    const claimed = await watcher.event(q, (p) => p.data.moderationQueue.kind === 'CLAIMED' && p.data.moderationQueue.postId === postId);
    expect(claimed.data.moderationQueue.moderatorEmail).toBe(mod.email);
    expect(JSON.stringify(claimed)).not.toContain('pathetic'.repeat(2));
    // The other moderator opens it too: it stays the first one's, and they are told whose it is.
    const theirs = await t.gql(CLAIM, { p: postId }, other.headers);
    expect(theirs.data.claimQueueItem.claimedBy).toBe(mod.email);
    const page = await t.gql(`{ moderationQueue(first: 50) { edges { node { post { id } claimedBy } } } }`, {}, other.headers);
    const node = page.data.moderationQueue.edges.find((e: any) => e.node.post.id === postId).node;
    expect(node.claimedBy).toBe(mod.email);
    // Let go: now the other may hold it.
    expect((await t.gql(`mutation($p: ID!) { releaseQueueItem(postId: $p) }`, { p: postId }, mod.headers)).data.releaseQueueItem).toBe(
      true,
    );
    expect((await t.gql(CLAIM, { p: postId }, other.headers)).data.claimQueueItem.claimedBy).toBe(other.email);
    // Without a session: refused before anything.
    expect((await t.gql(CLAIM, { p: postId })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('live: who may connect and subscribe', () => {
  let t: TestApp;
  let port: number;
  const clients = new OpenClients(() => port);
  const { open } = clients;

  beforeAll(async () => {
    t = await createTestApp();
    port = await listening(t);
  });
  afterEach(() => clients.closeAll());
  afterAll(async () => t?.close());

  it('an unknown session token closes with 4401 and a calm reason; an expired one too', async () => {
    const unknown = await open({ token: 'a'.repeat(43) });
    expect(await unknown.closed).toEqual({ code: 4401, reason: 'Your sign-in has ended. Please sign in again.' });
    const mod = await signedIn(t, 'MODERATOR');
    await expire(t, mod.token);
    const expired = await open({ token: mod.token });
    expect((await expired.closed).code).toBe(4401);
  });

  it('a malformed author key closes with 4403; a key in the URL is never read', async () => {
    const bad = await open({ authorKey: 'not a key' });
    expect(await bad.closed).toEqual({ code: 4403, reason: 'This author key is not one Steady can read.' });
  });

  it('the queue without a session, or myActivity without a key: UNAUTHENTICATED, the connection stays', async () => {
    const reader = await open();
    const q = reader.subscribe(QUEUE);
    const m = reader.subscribe(MINE);
    // Refused by the resolver (the moderator guard, the key check): a result with the error, then complete.
    const queueError = await reader.waitFor((msg) => msg.type === 'next' && msg.id === q);
    const mineError = await reader.waitFor((msg) => msg.type === 'next' && msg.id === m);
    expect(queueError.payload.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(mineError.payload.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    await reader.waitFor((msg) => msg.type === 'complete' && msg.id === q);
    expect(reader.ws.readyState).toBe(reader.ws.OPEN);
  });

  it('a session signed out after connect: the next subscribe closes the socket with 4401', async () => {
    const mod = await signedIn(t, 'MODERATOR');
    const client = await open({ token: mod.token });
    expect(client.acknowledged).toBe(true);
    await expire(t, mod.token);
    client.subscribe(QUEUE);
    expect((await client.closed).code).toBe(4401);
  });

  it('queries and mutations do not travel over the WebSocket', async () => {
    const client = await open();
    const id = client.subscribe(`mutation { logout }`);
    const error = await client.waitFor((m) => m.type === 'error' && m.id === id);
    expect(error.payload[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('live: limits', () => {
  let t: TestApp;
  let port: number;
  let section: string;
  const clients = new OpenClients(() => port);
  const { track } = clients;

  beforeAll(async () => {
    t = await createTestApp({
      LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION: '2',
      LIVE_MAX_CONNECTIONS_PER_ADDRESS: '3',
      LIVE_MAX_MESSAGE_BYTES: '2048',
      LIVE_KEEPALIVE_MS: '300',
      LIVE_IDLE_TIMEOUT_MS: '1500',
      LIVE_MAX_BUFFERED_BYTES: '65536',
      // The reading subscriber must not be dropped for a burst the database is slow to serve (a
      // loaded machine): here only the send buffer tells the slow subscriber (the queue bound has its unit spec).
      LIVE_MAX_QUEUED_EVENTS: '1000',
    });
    port = await listening(t);
    section = (await sectionIds(t)).intro;
  });
  afterEach(async () => {
    clients.closeAll();
    await settle(100);
  });
  afterAll(async () => t?.close());

  it('at most N subscriptions on one connection: the next is refused with RATE_LIMITED', async () => {
    const c = track(await LiveClient.open(port));
    c.subscribe(THREAD, { s: section });
    c.subscribe(THREAD, { s: section });
    const third = c.subscribe(THREAD, { s: section });
    const error = await c.waitFor((m) => m.type === 'error' && m.id === third);
    expect(error.payload[0].extensions.code).toBe('RATE_LIMITED');
  });

  it('at most N connections per address: the next upgrade is answered 429; one closing makes room', async () => {
    const open = [track(await LiveClient.open(port)), track(await LiveClient.open(port)), track(await LiveClient.open(port))];
    await expect(LiveClient.connect(port)).rejects.toThrow('upgrade refused: 429');
    open[0].close();
    await open[0].closed;
    await settle(100);
    track(await LiveClient.connect(port));
  });

  it('a message over the size limit closes the socket with 1009', async () => {
    const c = track(await LiveClient.open(port));
    c.send({ id: '1', type: 'subscribe', payload: { query: `subscription { myActivity { kind } } # ${'x'.repeat(4096)}` } });
    expect((await c.closed).code).toBe(1009);
  });

  it('a connection with no subscription closes after the idle timeout; one with a subscription stays', async () => {
    const idle = track(await LiveClient.open(port));
    const busy = track(await LiveClient.open(port));
    busy.subscribe(THREAD, { s: section });
    expect((await idle.closed).code).toBe(1000);
    expect(busy.ws.readyState).toBe(busy.ws.OPEN);
  });

  it('ping/pong: a client that answers pings stays; one that does not is dropped', async () => {
    const answering = track(await LiveClient.open(port));
    answering.subscribe(THREAD, { s: section });
    const silent = track(await LiveClient.open(port, {}, { autoPong: false }));
    silent.subscribe(THREAD, { s: section });
    const closed = await silent.closed;
    expect(closed.code).toBe(1006); // terminated: no close handshake with a peer that does not answer
    expect(answering.ws.readyState).toBe(answering.ws.OPEN);
  });

  it('a subscriber that stops reading is dropped instead of buffered without bound; one that reads gets every event', async () => {
    // Long and ordinary, like a diary of small steps (one sentence repeated 75 times reads as spam
    // to the tone engine, and a held post never reaches a thread).
    const steps = [
      'we talked a little at dinner',
      'we walked the dog together',
      'I made tea and she smiled',
      'we watched a film on the sofa',
      'he asked how my day went',
      'we laughed about something silly',
    ];
    const felt = ['and it felt gentle', 'and it was calm', 'and nobody rushed', 'and it felt like us again', 'and it was enough'];
    const long = Array.from({ length: 75 }, (_, i) => `Day ${i + 1}: ${steps[i % steps.length]} ${felt[i % felt.length]}.`).join(' ');
    const author = await post(t, { sectionId: section, body: long });
    expect(author.status).toBe('PUBLISHED');
    const slow = track(await LiveClient.open(port));
    slow.subscribe(THREAD, { s: section });
    const steady = track(await LiveClient.open(port));
    const s = steady.subscribe(THREAD, { s: section });
    await settle(100);
    // The slow client's socket stops reading: the server's sends pile up behind it.
    const raw = (slow.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    raw.pause();
    const bus = t.app.get<symbol, LiveBus>(LIVE_BUS);
    const events = 600;
    for (let i = 0; i < events; i++) {
      await bus.publish({ topic: 'post', kind: 'EDITED', postId: author.id, sectionId: section, parentId: null });
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await steady.waitFor(() => steady.events(s).length >= events, 20000);
    raw.resume();
    const closed = await slow.closed;
    expect([1008, 1006]).toContain(closed.code);
    expect(slow.events('1').length).toBeLessThan(events);
    expect(steady.ws.readyState).toBe(steady.ws.OPEN);
  });
});

describe('live: the three execution paths', () => {
  const clients = new OpenClients(() => 0);
  const { track } = clients;
  afterEach(() => clients.closeAll());

  it('LIVE_EXECUTION=shared and =each answer the same as the default, for readers with and without a key', async () => {
    const answers: unknown[] = [];
    for (const mode of ['frames', 'shared', 'each'] as const) {
      // Each app starts from empty threads (and an empty list of issued keys): this spec's last test.
      const other = await createTestApp({ LIVE_EXECUTION: mode });
      try {
        const otherPort = await listening(other);
        const section = Object.values(await sectionIds(other))[1];
        const WEB = `subscription { threadActivity(sectionId: "${section}") { kind postId post { id mine parent { id } } } }`;
        const author = await post(other, { sectionId: section, body: 'A thought to compare the paths with.' });
        const reader = track(await LiveClient.open(otherPort));
        const writer = track(await LiveClient.open(otherPort, { authorKey: author.key }));
        const r = reader.subscribe(WEB);
        const w = writer.subscribe(WEB);
        await settle(200);
        const written = await post(
          other,
          { sectionId: section, body: `The same words, through ${mode === 'each' ? 'another' : 'a'} path.` },
          author.key,
        );
        const seen = await Promise.all([
          reader.event(r, (p) => p.data.threadActivity.postId === written.id),
          writer.event(w, (p) => p.data.threadActivity.postId === written.id),
        ]);
        answers.push(seen.map((p) => ({ ...p.data.threadActivity, postId: 'x', post: { ...p.data.threadActivity.post, id: 'x' } })));
        reader.close();
        writer.close();
      } finally {
        await other.close();
      }
    }
    expect(answers[0]).toEqual([
      { kind: 'PUBLISHED', postId: 'x', post: { id: 'x', mine: false, parent: null } },
      { kind: 'PUBLISHED', postId: 'x', post: { id: 'x', mine: true, parent: null } },
    ]);
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
  });
});
