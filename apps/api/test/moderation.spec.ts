import { moderate, rejectReasons } from '@steady/moderation';
import { createTestApp, TestApp } from './app';
import { CREATE, establishedReader, post, sectionIds } from './fixtures';
import { signedIn } from './moderators.fixtures';

const NUDGE_TEXT = 'You need to leave him tonight or you will regret it!!!';
const HOLD_TEXT = 'You are pathetic, grow up.';
const CRISIS_TEXT = 'I want to kill myself tonight. Everyone would be better off without me.';

describe('moderation in the product', () => {
  let t: TestApp;
  let sections: Record<string, string>;
  let intro: string;
  let mod: Record<string, string>;
  let admin: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    sections = await sectionIds(t);
    intro = sections.intro;
    mod = (await signedIn(t, 'MODERATOR', 'mod@example.org')).headers;
    admin = (await signedIn(t, 'ADMIN', 'admin@example.org')).headers;
  });
  afterAll(() => t.close());

  const QUEUE = `{ moderationQueue(first: 50) { totalCount edges { node { id priority reasons flags hits { ruleId principle start end } post { id body status section { slug } parent { id } } } } } }`;
  const queue = async () => (await t.gql(QUEUE, {}, mod)).data.moderationQueue;
  const threadIds = async (sectionId: string, headers: Record<string, string> = {}) =>
    (
      await t.gql(`query($id: ID!) { section(id: $id) { posts(first: 100) { edges { node { id status } } } } }`, { id: sectionId }, headers)
    ).data.section.posts.edges.map((e: any) => e.node.id);
  const REVIEW = `mutation($i: ReviewPostInput!) { reviewPost(input: $i) { id status } }`;

  it('publishes a kind post at once', async () => {
    const res = await t.gql(CREATE, { input: { sectionId: intro, body: 'Thank you, this helped me breathe a little.' } });
    expect(res.data.createPost.outcome).toBe('PUBLISHED');
    expect(res.data.createPost.hits).toEqual([]);
  });

  it('nudges without storing anything, then holds the post when posted as it is', async () => {
    const author = await post(t, { sectionId: intro, body: 'Hello there.' });
    const before = (await t.dataSource.query('select count(*)::int as n from post'))[0].n;
    const NUDGE = `mutation($input: CreatePostInput!) { createPost(input: $input) { outcome message authorKey nudgeId post { id } hits { ruleId principle quote start end message } } }`;
    const nudged = await t.gql(NUDGE, { input: { sectionId: intro, body: NUDGE_TEXT } }, { 'x-author-key': author.key });
    const payload = nudged.data.createPost;
    expect(payload.outcome).toBe('NUDGED');
    expect(payload.post).toBeNull();
    expect(payload.authorKey).toBeNull();
    expect(payload.hits.length).toBeGreaterThan(0);
    expect(payload.hits[0].quote.length).toBeGreaterThan(10);
    expect(NUDGE_TEXT.slice(payload.hits[0].start, payload.hits[0].end).length).toBeGreaterThan(0);
    expect(payload.message).toMatch(/\?$|\.$/);
    expect((await t.dataSource.query('select count(*)::int as n from post'))[0].n).toBe(before);
    // A nudge to a newcomer creates no key either.
    expect((await t.gql(NUDGE, { input: { sectionId: intro, body: NUDGE_TEXT } })).data.createPost.authorKey).toBeNull();

    const anyway = await t.gql(
      NUDGE,
      { input: { sectionId: intro, body: NUDGE_TEXT, acknowledgeNudge: true, nudgeId: payload.nudgeId } },
      { 'x-author-key': author.key },
    );
    const held = anyway.data.createPost;
    expect(held.outcome).toBe('HELD');
    expect(held.message).toMatch(/moderator will read this soon/i);
    // The author sees it, marked as waiting; nobody else does.
    expect(await threadIds(intro, { 'x-author-key': author.key })).toContain(held.post.id);
    expect(await threadIds(intro)).not.toContain(held.post.id);
    const mine = await t.gql(
      `query($id: ID!) { post(id: $id) { status reviewState reviewMessage } }`,
      { id: held.post.id },
      { 'x-author-key': author.key },
    );
    expect(mine.data.post).toEqual({
      status: 'PENDING',
      reviewState: 'WAITING',
      reviewMessage: expect.stringMatching(/waiting for a moderator/i),
    });
    expect((await t.gql(`query($id: ID!) { post(id: $id) { id } }`, { id: held.post.id })).data.post).toBeNull();
    const item = (await queue()).edges.find((e: any) => e.node.post.id === held.post.id).node;
    expect(item.priority).toBe(10);
    expect(item.reasons).toContain('posted-anyway');
    const [nudge] = await t.dataSource.query('select outcome from nudge where id = $1', [payload.nudgeId]);
    expect(nudge.outcome).toBe('POSTED_ANYWAY');
  });

  it('holds an attack, and puts a crisis first in the queue with safety resources for the author', async () => {
    const hold = await t.gql(CREATE, { input: { sectionId: intro, body: HOLD_TEXT } });
    expect(hold.data.createPost).toMatchObject({ outcome: 'HELD', post: { status: 'PENDING' } });
    const CRISIS = `mutation($input: CreatePostInput!) { createPost(input: $input) { outcome message post { id status } resources { name contact region } } }`;
    const crisis = await t.gql(CRISIS, { input: { sectionId: sections['a-quiet-reminder'], body: CRISIS_TEXT } });
    const payload = crisis.data.createPost;
    expect(payload.outcome).toBe('CRISIS');
    expect(payload.post.status).toBe('PENDING');
    expect(payload.message).toMatch(/you matter|alone|safety/i);
    expect(JSON.stringify(payload.resources)).toContain('988');
    const items = (await queue()).edges.map((e: any) => e.node);
    expect(items[0].post.id).toBe(payload.post.id);
    expect(items[0].priority).toBeGreaterThan(Math.max(...items.slice(1).map((i: any) => i.priority)));
    const held = items.find((i: any) => i.post.id === hold.data.createPost.post.id);
    expect(held.priority).toBe(30);
    expect(held.hits.length).toBeGreaterThan(0);
    expect(held.hits[0].principle).toBeTruthy();
  });

  it('hides a post after three flags, or one DANGER flag, from established readers; one flag per reader', async () => {
    const target = await post(t, { sectionId: intro, body: 'An ordinary post.' });
    const FLAG = `mutation($i: FlagPostInput!) { flagPost(input: $i) { ok message } }`;
    const readers = await Promise.all([1, 2, 3].map((i) => establishedReader(t, sections['where-to-go-next'], `reader ${i}`)));
    const first = await t.gql(FLAG, { i: { postId: target.id, reason: 'ATTACK', note: 'felt harsh' } }, { 'x-author-key': readers[0].key });
    expect(first.data.flagPost).toEqual({ ok: true, message: expect.stringMatching(/thank you/i) });
    await t.gql(FLAG, { i: { postId: target.id, reason: 'ATTACK' } }, { 'x-author-key': readers[0].key }); // the same reader again: not counted
    await t.gql(FLAG, { i: { postId: target.id, reason: 'PRESSURE' } }, { 'x-author-key': readers[1].key });
    expect(await threadIds(intro)).toContain(target.id);
    await t.gql(FLAG, { i: { postId: target.id, reason: 'SPAM' } }, { 'x-author-key': readers[2].key });
    expect(await threadIds(intro)).not.toContain(target.id);
    const item = (await queue()).edges.find((e: any) => e.node.post.id === target.id).node;
    expect(item.flags).toBe(3);
    expect(item.reasons).toEqual(expect.arrayContaining(['flag:ATTACK', 'flag:PRESSURE', 'flag:SPAM']));

    const danger = await post(t, { sectionId: intro, body: 'Another post.' });
    await t.gql(FLAG, { i: { postId: danger.id, reason: 'DANGER' } }, { 'x-author-key': readers[0].key });
    expect(await threadIds(intro)).not.toContain(danger.id);
    // The reporter's answer is the same thank-you after the post is hidden: never its fate.
    const after = await t.gql(FLAG, { i: { postId: danger.id, reason: 'DANGER' } }, { 'x-author-key': readers[1].key });
    expect(after.data.flagPost.message).toBe(first.data.flagPost.message);
  });

  it('holds what the model reads as contempt without a rule wording, and shows the moderator its category and score', async () => {
    const author = await post(t, { sectionId: intro, body: 'Hello again.' });
    const text = 'Bless your heart, must be nice to have so much time to whine on here all day while the rest of us work.';
    const verdict = moderate({ text });
    const held = await t.gql(CREATE, { input: { sectionId: intro, body: text } }, { 'x-author-key': author.key });
    expect(held.data.createPost.outcome).toBe(verdict.action === 'crisis' ? 'CRISIS' : 'HELD');
    const QUEUE_HITS = `{ moderationQueue(first: 50) { edges { node { post { id } hits { ruleId source score category start end } } } } }`;
    const item = (await t.gql(QUEUE_HITS, {}, mod)).data.moderationQueue.edges.find(
      (e: any) => e.node.post.id === held.data.createPost.post.id,
    ).node;
    const modelHit = item.hits.find((hit: any) => hit.source === 'model');
    expect(modelHit).toMatchObject({ category: 'harassment', ruleId: verdict.hits[0].ruleId });
    expect(modelHit.score).toBeGreaterThan(0);
    expect(modelHit.score).toBeLessThanOrEqual(1);
    // The highlight is a sentence of what was written, not the whole post.
    expect(text.slice(modelHit.start, modelHit.end).trim().length).toBeGreaterThan(10);

    const check = await t.gql(`query($b: String!) { checkTone(body: $b) { action engineVersion rulesVersion hits { source category } } }`, {
      b: text,
    });
    expect(check.data.checkTone.engineVersion).toBe(verdict.engineVersion);
    expect(check.data.checkTone.engineVersion).toMatch(/\+m-[0-9a-f]+$/);
    expect(check.data.checkTone.hits[0]).toEqual({ source: 'model', category: 'harassment' });
    const [{ rules_version }] = await t.dataSource.query('select rules_version from post where id = $1', [held.data.createPost.post.id]);
    expect(rules_version).toBe(verdict.engineVersion);
  });

  it('approves, rejects with a reason the author reads, and restores', async () => {
    const author = await post(t, { sectionId: intro, body: 'Hi' });
    const held = await t.gql(CREATE, { input: { sectionId: intro, body: HOLD_TEXT } }, { 'x-author-key': author.key });
    const id = held.data.createPost.post.id;
    const postCount = async () => (await t.gql(`query($id: ID!) { section(id: $id) { postCount } }`, { id: intro })).data.section.postCount;
    const before = await postCount();

    const noReason = await t.gql(REVIEW, { i: { postId: id, decision: 'REJECT' } }, mod);
    expect(noReason.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const reason = rejectReasons()[0];
    expect((await t.gql(REVIEW, { i: { postId: id, decision: 'REJECT', reason: reason.id } }, mod)).data.reviewPost.status).toBe(
      'REJECTED',
    );
    const seen = await t.gql(
      `{ me { posts { edges { node { id status reviewState reviewMessage } } } } }`,
      {},
      { 'x-author-key': author.key },
    );
    expect(seen.data.me.posts.edges.find((e: any) => e.node.id === id).node).toEqual({
      id,
      status: 'REJECTED',
      reviewState: 'NOT_PUBLISHED',
      reviewMessage: reason.text,
    });
    expect((await queue()).edges.find((e: any) => e.node.post.id === id)).toBeUndefined();

    expect((await t.gql(REVIEW, { i: { postId: id, decision: 'APPROVE' } }, mod)).data.reviewPost.status).toBe('PUBLISHED');
    expect(await postCount()).toBe(before + 1);
    expect(await threadIds(intro)).toContain(id);
    const approved = await t.gql(`query($id: ID!) { post(id: $id) { reviewState reviewMessage } }`, { id }, { 'x-author-key': author.key });
    expect(approved.data.post.reviewState).toBe('PUBLISHED');
  });

  it('bans the author behind a post without revealing them; their later posts fail', async () => {
    const author = await post(t, { sectionId: intro, body: 'Before' });
    const BAN = `mutation($id: ID!, $r: String!) { banAuthor(postId: $id, reason: $r) }`;
    expect((await t.gql(BAN, { id: author.id, r: 'repeated attacks' }, mod)).data.banAuthor).toBe(true);
    const later = await t.gql(
      CREATE,
      { input: { sectionId: sections['a-quiet-reminder'], body: 'After' } },
      { 'x-author-key': author.key },
    );
    expect(later.errors?.[0].extensions?.code).toBe('AUTHOR_BANNED');
    expect(later.errors?.[0].message).not.toMatch(/ban/i);
    const others = await t.gql(CREATE, { input: { sectionId: intro, body: 'Someone else' } });
    expect(others.errors).toBeUndefined();
  });

  it('says which guideline a held post touches, not only that a moderator will read it', async () => {
    const held = (await t.gql(CREATE, { input: { sectionId: intro, body: HOLD_TEXT } })).data.createPost;
    expect(held.outcome).toBe('HELD');
    const rule = moderate({ text: HOLD_TEXT, section: 'intro' }).hits[0];
    const guideline = (await t.gql(`{ guidelines { id title } }`)).data.guidelines.find((g: any) => g.id === rule.ruleId);
    expect(held.message).toContain(`“${guideline.title}”`);
    expect(held.message).toContain(rule.message);
    expect(held.message).toMatch(/moderator will read this/);
  });

  it('lets the author send a rejected post again once, changed: it waits in the queue as an appeal and is counted', async () => {
    const APPEAL = `mutation($i: AppealPostInput!) { appealPost(input: $i) { outcome message post { id status body } } }`;
    const MINE = `{ me { posts(first: 50) { edges { node { id status appealable reviewState } } } } }`;
    const author = await post(t, { sectionId: intro, body: 'Hello again, everyone.' });
    const as = { 'x-author-key': author.key };
    const id = (await t.gql(CREATE, { input: { sectionId: intro, body: HOLD_TEXT } }, as)).data.createPost.post.id;
    const mine = async () => (await t.gql(MINE, {}, as)).data.me.posts.edges.map((e: any) => e.node).find((n: any) => n.id === id);
    const stats = async () => (await t.gql(`{ moderationStats { appeals } }`, {}, mod)).data.moderationStats.appeals;
    const before = await stats();

    // Not yet rejected: nothing to appeal.
    expect((await t.gql(APPEAL, { i: { postId: id, body: 'Changed.' } }, as)).errors?.[0].extensions?.code).toBe('APPEAL_NOT_OPEN');
    expect((await mine()).appealable).toBe(false);
    await t.gql(REVIEW, { i: { postId: id, decision: 'REJECT', reason: rejectReasons()[0].id } }, mod);
    expect(await mine()).toMatchObject({ status: 'REJECTED', appealable: true, reviewState: 'NOT_PUBLISHED' });

    // Someone else cannot, whatever the post id.
    const stranger = await post(t, { sectionId: intro, body: 'A different person here.' });
    const theirs = await t.gql(APPEAL, { i: { postId: id, body: 'Mine now.' } }, { 'x-author-key': stranger.key });
    expect(theirs.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const sent = await t.gql(APPEAL, { i: { postId: id, body: 'I was hurt and said it badly. I am sorry.' } }, as);
    expect(sent.errors).toBeUndefined();
    expect(sent.data.appealPost).toMatchObject({
      outcome: 'HELD',
      post: { id, status: 'PENDING', body: 'I was hurt and said it badly. I am sorry.' },
    });
    expect(sent.data.appealPost.message).toMatch(/read it again/);
    expect(await mine()).toMatchObject({ status: 'PENDING', appealable: false, reviewState: 'WAITING' });
    const item = (await queue()).edges.map((e: any) => e.node).find((n: any) => n.post.id === id);
    expect(item.reasons).toContain('appeal');
    expect(await stats()).toBe(before + 1);

    // Once only: rejected again, it stays rejected.
    await t.gql(REVIEW, { i: { postId: id, decision: 'REJECT', reason: rejectReasons()[0].id } }, mod);
    expect((await mine()).appealable).toBe(false);
    const again = await t.gql(APPEAL, { i: { postId: id, body: 'Please.' } }, as);
    expect(again.errors?.[0].extensions?.code).toBe('APPEAL_NOT_OPEN');
    expect(again.errors?.[0].message).toMatch(/already been sent again/);
    expect(await stats()).toBe(before + 1);
  });

  it('answers checkTone exactly as the engine does, and lists guidelines with the nudge words', async () => {
    const res = await t.gql(
      `query($b: String!, $s: ID) { checkTone(body: $b, sectionId: $s) { action hits { ruleId start end } message rulesVersion } }`,
      { b: NUDGE_TEXT, s: intro },
    );
    const engine = moderate({ text: NUDGE_TEXT, section: 'intro' });
    expect(res.data.checkTone.action).toBe(engine.action.toUpperCase());
    expect(res.data.checkTone.hits).toEqual(engine.hits.map(({ ruleId, start, end }) => ({ ruleId, start, end })));
    expect(res.data.checkTone.message).toBe(engine.message);
    const g = await t.gql(`{ guidelines { id principle title description quote message } }`);
    expect(g.data.guidelines.length).toBeGreaterThan(5);
    expect(g.data.guidelines.every((x: any) => x.quote && x.message)).toBe(true);
  });

  it('appends every decision to the audit log, which cannot be rewritten; only an admin reads it', async () => {
    const log = await t.gql(`{ auditLog(first: 100) { entries { actor action postId rulesVersion reason } } }`, {}, admin);
    expect(log.errors).toBeUndefined();
    const actions = new Set(log.data.auditLog.entries.map((e: any) => e.action));
    for (const a of ['create:published', 'create:held', 'create:crisis', 'flag', 'flag:hidden', 'review:reject', 'review:restore', 'ban'])
      expect(actions).toContain(a);
    const byModerator = log.data.auditLog.entries.find((e: any) => e.action === 'ban');
    expect(byModerator.actor).toBe('mod@example.org');
    expect(log.data.auditLog.entries.find((e: any) => e.action === 'create:held').rulesVersion).toMatch(/\d/);
    await expect(t.dataSource.query(`update audit_log set action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`delete from audit_log`)).rejects.toThrow(/append-only/);
    expect((await t.gql(`{ auditLog { entries { id } } }`, {}, mod)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('reports the stats of this run', async () => {
    const { data } = await t.gql(
      `{ moderationStats { published held crisis rejected flags nudgesShown nudgesRephrased nudgesPostedAnyway nudgesAbandoned medianMinutesToReview } }`,
      {},
      mod,
    );
    const s = data.moderationStats;
    expect(s.crisis).toBe(1);
    expect(s.nudgesShown).toBe(2);
    expect(s.nudgesPostedAnyway).toBe(1);
    expect(s.flags).toBe(4); // a flag on a post already hidden is thanked, not stored
    expect(s.held).toBeGreaterThanOrEqual(3);
    expect(s.medianMinutesToReview).not.toBeNull();
    console.log(`moderationStats after the seeded run: ${JSON.stringify(s)}`);
  });
});
