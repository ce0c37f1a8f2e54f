import { AUTHOR_MESSAGE_MAX, MODERATOR_NOTE_MAX } from '@steady/rules';
import { createTestApp, TestApp } from './app';
import { establishedReader, post, sectionIds } from './fixtures';
import { signedIn } from './moderators.fixtures';

// Issue 13, the moderators' part (ADR 017): readers' flag notes on the card, internal notes, a
// private word to a crisis post's author, "handled", and the audit log's filters.

const CRISIS_TEXT = 'I want to kill myself tonight. Everyone would be better off without me.';
const QUEUE = `{ moderationQueue(first: 50) { edges { node { id priority post { id } readerFlags { reason title note createdAt } notes { id body author createdAt } } } } }`;
const FLAG = `mutation($i: FlagPostInput!) { flagPost(input: $i) { ok } }`;
const NOTE = `mutation($p: ID!, $b: String!) { addQueueNote(postId: $p, body: $b) { id body author createdAt } }`;
const MESSAGE = `mutation($p: ID!, $b: String!) { messageAuthor(postId: $p, body: $b) { id body sentAt } }`;
const HANDLED = `mutation($p: ID!, $n: String!) { markHandled(postId: $p, note: $n) }`;
const MESSAGES_OF = `query($id: ID!) { post(id: $id) { id messagesFromModerators { id body sentAt } } }`;
const ME = `{ me { posts(first: 20) { edges { node { id messagesFromModerators { body } } } } } }`;
const LOG = `query($actor: String, $actions: [String!], $since: DateTime, $until: DateTime) {
  auditLog(first: 100, actor: $actor, actions: $actions, since: $since, until: $until) {
    entries { actor action postId reason post { id status section { slug } } }
  }
}`;

describe('the moderators’ tools', () => {
  let t: TestApp;
  let intro: string;
  let mod: { email: string; headers: Record<string, string> };
  let admin: { email: string; headers: Record<string, string> };

  beforeAll(async () => {
    t = await createTestApp();
    intro = (await sectionIds(t)).intro;
    mod = await signedIn(t, 'MODERATOR', 'tools-mod@example.org');
    admin = await signedIn(t, 'ADMIN', 'tools-admin@example.org');
  });
  afterAll(() => t.close());

  const queueItem = async (postId: string) =>
    (await t.gql(QUEUE, {}, mod.headers)).data.moderationQueue.edges.map((e: any) => e.node).find((n: any) => n.post.id === postId);
  const crisisPost = () => post(t, { sectionId: intro, body: CRISIS_TEXT });

  it('shows every reader’s flag with its reason in words and its note, and never who flagged', async () => {
    const written = await post(t, { sectionId: intro, body: 'We argued again about the holidays.' });
    const first = await establishedReader(t, intro);
    const second = await establishedReader(t, intro, 'I hear you.');
    expect(
      (
        await t.gql(
          FLAG,
          { i: { postId: written.id, reason: 'ATTACK', note: '  It mocks the other person.  ' } },
          { 'x-author-key': first.key },
        )
      ).errors,
    ).toBeUndefined();
    expect((await t.gql(FLAG, { i: { postId: written.id, reason: 'SPAM' } }, { 'x-author-key': second.key })).errors).toBeUndefined();

    const item = await queueItem(written.id);
    expect(item.readerFlags).toHaveLength(2);
    expect(item.readerFlags).toEqual(
      expect.arrayContaining([
        { reason: 'ATTACK', title: 'It attacks or belittles someone', note: 'It mocks the other person.', createdAt: expect.any(String) },
        { reason: 'SPAM', title: 'It sells or advertises something', note: null, createdAt: expect.any(String) },
      ]),
    );
    // The type has no way to name a reader: only these four fields exist.
    const type = await t.gql(`{ __type(name: "ReaderFlag") { fields { name } } }`);
    expect(type.data.__type.fields.map((f: any) => f.name).sort()).toEqual(['createdAt', 'note', 'reason', 'title']);
  });

  it('keeps readers’ flags and notes from anyone but a moderator', async () => {
    const anonymous = await t.gql(QUEUE);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const author = await post(t, { sectionId: intro, body: 'Just a thought.' });
    const withKey = await t.gql(QUEUE, {}, { 'x-author-key': author.key });
    expect(withKey.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('lets moderators add internal notes, shown on the card with author and time, and kept in the log', async () => {
    const crisis = await crisisPost();
    const added = await t.gql(NOTE, { p: crisis.id, b: 'Called in the on-call lead. ' }, mod.headers);
    expect(added.errors).toBeUndefined();
    expect(added.data.addQueueNote).toEqual({
      id: expect.any(String),
      body: 'Called in the on-call lead.',
      author: mod.email,
      createdAt: expect.any(String),
    });
    await t.gql(NOTE, { p: crisis.id, b: 'Second look: message sent.' }, admin.headers);

    const item = await queueItem(crisis.id);
    expect(item.notes.map((n: any) => [n.author, n.body])).toEqual([
      [mod.email, 'Called in the on-call lead.'],
      [admin.email, 'Second look: message sent.'],
    ]);
    const log = await t.gql(LOG, { actions: ['note'] }, admin.headers);
    expect(log.data.auditLog.entries.filter((e: any) => e.postId === crisis.id).map((e: any) => [e.actor, e.reason])).toEqual([
      [admin.email, 'Second look: message sent.'],
      [mod.email, 'Called in the on-call lead.'],
    ]);
    // The author and readers never see notes: no field of Post carries them, and the queue is closed to them.
    const asAuthor = await t.gql(`query($id: ID!) { post(id: $id) { id } }`, { id: crisis.id }, { 'x-author-key': crisis.key });
    expect(JSON.stringify(asAuthor.data)).not.toContain('on-call');
  });

  it('refuses notes kindly: without a session, empty, too long, or on no post', async () => {
    const crisis = await crisisPost();
    const anonymous = await t.gql(NOTE, { p: crisis.id, b: 'Hello' });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const asAuthor = await t.gql(NOTE, { p: crisis.id, b: 'Hello' }, { 'x-author-key': crisis.key });
    expect(asAuthor.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const empty = await t.gql(NOTE, { p: crisis.id, b: '   ' }, mod.headers);
    expect(empty.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'body' });
    expect(empty.errors?.[0].message).toMatch(/a few words/i);
    const long = await t.gql(NOTE, { p: crisis.id, b: 'a'.repeat(MODERATOR_NOTE_MAX + 1) }, mod.headers);
    expect(long.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'body' });
    expect(long.errors?.[0].message).toContain('1,000');
    expect((await t.gql(NOTE, { p: crisis.id, b: 'a'.repeat(MODERATOR_NOTE_MAX) }, mod.headers)).errors).toBeUndefined();
    const nowhere = await t.gql(NOTE, { p: '999999999', b: 'Hello' }, mod.headers);
    expect(nowhere.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const junk = await t.gql(NOTE, { p: 'not-a-post', b: 'Hello' }, mod.headers);
    expect(junk.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('delivers a moderator’s private message to the post’s author only', async () => {
    const crisis = await crisisPost();
    const other = await post(t, { sectionId: intro, body: 'Another voice here.' });
    const sent = await t.gql(MESSAGE, { p: crisis.id, b: 'We read what you wrote, and we are glad you did.' }, mod.headers);
    expect(sent.errors).toBeUndefined();
    expect(sent.data.messageAuthor).toEqual({
      id: expect.any(String),
      body: 'We read what you wrote, and we are glad you did.',
      sentAt: expect.any(String),
    });

    // The author reads it on their post, in `me` and by id.
    const me = await t.gql(ME, {}, { 'x-author-key': crisis.key });
    const mine = me.data.me.posts.edges.map((e: any) => e.node).find((n: any) => n.id === crisis.id);
    expect(mine.messagesFromModerators).toEqual([{ body: 'We read what you wrote, and we are glad you did.' }]);
    const byId = await t.gql(MESSAGES_OF, { id: crisis.id }, { 'x-author-key': crisis.key });
    expect(byId.data.post.messagesFromModerators).toHaveLength(1);

    // Once the post is public, still nobody else: not another key, not a reader without one, not a moderator.
    await t.gql(
      `mutation($i: ReviewPostInput!) { reviewPost(input: $i) { id } }`,
      { i: { postId: crisis.id, decision: 'APPROVE' } },
      mod.headers,
    );
    expect((await t.gql(MESSAGES_OF, { id: crisis.id })).data.post).toEqual({ id: crisis.id, messagesFromModerators: null });
    expect((await t.gql(MESSAGES_OF, { id: crisis.id }, { 'x-author-key': other.key })).data.post.messagesFromModerators).toBeNull();
    expect((await t.gql(MESSAGES_OF, { id: crisis.id }, mod.headers)).data.post.messagesFromModerators).toBeNull();
    // The other author's own post has none.
    expect((await t.gql(MESSAGES_OF, { id: other.id }, { 'x-author-key': other.key })).data.post.messagesFromModerators).toEqual([]);

    // The log says a message went, without its words.
    const log = await t.gql(LOG, { actions: ['crisis:message'] }, admin.headers);
    const entry = log.data.auditLog.entries.find((e: any) => e.postId === crisis.id);
    expect(entry).toMatchObject({ actor: mod.email, action: 'crisis:message', reason: null });
    // Nothing in the message's row points at a person.
    const columns = await t.dataSource.query(
      `select column_name from information_schema.columns where table_name = 'author_message' order by 1`,
    );
    expect(columns.map((c: any) => c.column_name)).toEqual(['body', 'created_at', 'id', 'post_id']);
  });

  it('lets only moderators send a message, and refuses an empty or overlong one kindly', async () => {
    const crisis = await crisisPost();
    expect((await t.gql(MESSAGE, { p: crisis.id, b: 'Hi' })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.gql(MESSAGE, { p: crisis.id, b: 'Hi' }, { 'x-author-key': crisis.key })).errors?.[0].extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    const empty = await t.gql(MESSAGE, { p: crisis.id, b: '' }, mod.headers);
    expect(empty.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'body' });
    const long = await t.gql(MESSAGE, { p: crisis.id, b: 'a'.repeat(AUTHOR_MESSAGE_MAX + 1) }, mod.headers);
    expect(long.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'body' });
    expect(long.errors?.[0].message).toContain('2,000');
    expect((await t.gql(MESSAGE, { p: '424242424', b: 'Hi' }, mod.headers)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('marks a crisis item handled: it leaves the queue, the post stays unseen, the note goes to the log', async () => {
    const crisis = await crisisPost();
    const STATE = `query($id: ID!) { post(id: $id) { reviewState reviewMessage } }`;
    const seenByAuthor = async () => (await t.gql(STATE, { id: crisis.id }, { 'x-author-key': crisis.key })).data.post;
    expect(await seenByAuthor()).toMatchObject({
      reviewState: 'WAITING',
      reviewMessage: expect.stringMatching(/^Waiting for a moderator/),
    });
    expect((await t.gql(HANDLED, { p: crisis.id, n: 'Handled' })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const empty = await t.gql(HANDLED, { p: crisis.id, n: ' ' }, mod.headers);
    expect(empty.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
    expect(await queueItem(crisis.id)).toBeDefined();

    const done = await t.gql(HANDLED, { p: crisis.id, n: 'Sent a message with the lines to call.' }, mod.headers);
    expect(done.errors).toBeUndefined();
    expect(done.data.markHandled).toBe(true);
    expect(await queueItem(crisis.id)).toBeUndefined();
    const [row] = await t.dataSource.query(`select decision, resolved_at from queue_item where post_id = $1`, [crisis.id]);
    expect(row.decision).toBe('HANDLED');
    expect(row.resolved_at).not.toBeNull();
    // Readers still never see it; its author still does.
    expect((await t.gql(`query($id: ID!) { post(id: $id) { id status } }`, { id: crisis.id })).data.post).toBeNull();
    expect(
      (await t.gql(`query($id: ID!) { post(id: $id) { status } }`, { id: crisis.id }, { 'x-author-key': crisis.key })).data.post.status,
    ).toBe('PENDING');
    // Its author is no longer told "Waiting for a moderator": a moderator looked after it.
    const handled = await seenByAuthor();
    expect(handled).toEqual({ reviewState: 'HANDLED', reviewMessage: expect.stringMatching(/looking out for you/) });
    expect(handled.reviewMessage).not.toMatch(/Waiting/);
    const onMe = await t.gql(`{ me { posts(first: 20) { edges { node { id reviewState } } } } }`, {}, { 'x-author-key': crisis.key });
    expect(onMe.data.me.posts.edges.find((e: any) => e.node.id === crisis.id).node.reviewState).toBe('HANDLED');
    // A moderator reads the post, but its review state is its author's alone.
    const asModerator = (await t.gql(STATE, { id: crisis.id }, mod.headers)).data.post;
    expect(asModerator ?? { reviewState: null, reviewMessage: null }).toEqual({ reviewState: null, reviewMessage: null });

    const log = await t.gql(LOG, { actions: ['crisis:handled'] }, admin.headers);
    expect(log.data.auditLog.entries.find((e: any) => e.postId === crisis.id)).toMatchObject({
      actor: mod.email,
      reason: 'Sent a message with the lines to call.',
    });
    const again = await t.gql(HANDLED, { p: crisis.id, n: 'Again' }, mod.headers);
    expect(again.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('keeps "handled" for crisis items: other items are approved or not published', async () => {
    const written = await post(t, { sectionId: intro, body: 'A quiet evening, at last.' });
    const reader = await establishedReader(t, intro);
    await t.gql(FLAG, { i: { postId: written.id, reason: 'SPAM' } }, { 'x-author-key': reader.key });
    const refused = await t.gql(HANDLED, { p: written.id, n: 'Looked at it.' }, mod.headers);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'postId' });
    expect(await queueItem(written.id)).toBeDefined();
  });

  it('filters the audit log by moderator, action and time, for administrators only', async () => {
    const crisis = await crisisPost();
    await t.gql(NOTE, { p: crisis.id, b: 'Filter me' }, mod.headers);
    const modId = (await t.gql(`{ moderator { id } }`, {}, mod.headers)).data.moderator.id;

    const byMod = await t.gql(LOG, { actor: modId }, admin.headers);
    expect(byMod.errors).toBeUndefined();
    expect(byMod.data.auditLog.entries.length).toBeGreaterThan(0);
    expect(byMod.data.auditLog.entries.every((e: any) => e.actor === mod.email)).toBe(true);
    const bySystem = await t.gql(LOG, { actor: 'system', actions: ['create:crisis'] }, admin.headers);
    const entries = bySystem.data.auditLog.entries;
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e: any) => e.actor === 'system' && e.action === 'create:crisis')).toBe(true);
    // Each entry names its post, for a link.
    expect(entries.find((e: any) => e.postId === crisis.id).post).toEqual({ id: crisis.id, status: 'PENDING', section: { slug: 'intro' } });

    const future = new Date(Date.now() + 60 * 60 * 1000).toISOString();
    expect((await t.gql(LOG, { since: future }, admin.headers)).data.auditLog.entries).toEqual([]);
    const past = new Date(Date.now() - 60 * 60 * 1000).toISOString();
    expect((await t.gql(LOG, { until: past }, admin.headers)).data.auditLog.entries).toEqual([]);
    expect((await t.gql(LOG, { since: past, until: future }, admin.headers)).data.auditLog.entries.length).toBeGreaterThan(0);

    const swapped = await t.gql(LOG, { since: future, until: past }, admin.headers);
    expect(swapped.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'until' });
    const badActor = await t.gql(LOG, { actor: 'moderator:1 or 1=1' }, admin.headers);
    expect(badActor.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'actor' });
    const badAction = await t.gql(LOG, { actions: ["'; drop table audit_log"] }, admin.headers);
    expect(badAction.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'actions' });
    expect((await t.gql(LOG, {}, mod.headers)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(LOG, {})).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
