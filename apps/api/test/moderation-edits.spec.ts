import { createTestApp, TestApp } from './app';
import { CREATE, post, sectionIds } from './fixtures';
import { signedIn } from './moderators.fixtures';

const NUDGE_TEXT = 'You need to leave him tonight or you will regret it!!!';

describe('nudge outcomes and edits through the tone rules', () => {
  let t: TestApp;
  let intro: string;
  beforeAll(async () => {
    t = await createTestApp();
    intro = (await sectionIds(t)).intro;
  });
  afterAll(() => t.close());

  const outcomes = async () =>
    Object.fromEntries(
      (await t.dataSource.query(`select coalesce(outcome, 'OPEN') as o, count(*)::int as n from nudge group by 1`)).map((r: any) => [
        r.o,
        r.n,
      ]),
    );

  it('records a nudge as rephrased when a gentler version is published, and abandoned after 30 minutes', async () => {
    const author = await post(t, { sectionId: intro, body: 'Hello' });
    const headers = { 'x-author-key': author.key };
    const nudged = await t.gql(CREATE.replace('outcome', 'outcome nudgeId'), { input: { sectionId: intro, body: NUDGE_TEXT } }, headers);
    const nudgeId = nudged.data.createPost.nudgeId;
    expect(nudgeId).toBeTruthy();
    const gentle = await t.gql(
      CREATE,
      { input: { sectionId: intro, body: 'Could you give yourself some time before deciding anything?', nudgeId } },
      headers,
    );
    expect(gentle.data.createPost.outcome).toBe('PUBLISHED');
    expect(await outcomes()).toEqual({ REPHRASED: 1 });

    const left = await t.gql(CREATE.replace('outcome', 'outcome nudgeId'), { input: { sectionId: intro, body: NUDGE_TEXT } }, headers);
    await t.dataSource.query(`update nudge set shown_at = now() - interval '31 minutes' where id = $1`, [left.data.createPost.nudgeId]);
    const { data } = await t.gql(
      `{ moderationStats { nudgesShown nudgesRephrased nudgesAbandoned } }`,
      {},
      (await signedIn(t, 'MODERATOR')).headers,
    );
    expect(data.moderationStats).toEqual({ nudgesShown: 2, nudgesRephrased: 1, nudgesAbandoned: 1 });
    // A nudge id cannot be closed twice, nor once abandoned.
    await t.gql(CREATE, { input: { sectionId: intro, body: 'Another calm thought.', nudgeId: left.data.createPost.nudgeId } }, headers);
    expect(await outcomes()).toEqual({ REPHRASED: 1, OPEN: 1 });
  });

  it('holds a published post whose edit would be held, and takes it out of the counts', async () => {
    const p = await post(t, { sectionId: intro, body: 'A calm first version.' });
    const count = async () => (await t.gql(`query($id: ID!) { section(id: $id) { postCount } }`, { id: intro })).data.section.postCount;
    const before = await count();
    const EDIT = `mutation($i: EditPostInput!) { editPost(input: $i) { outcome message post { status body } } }`;
    const nudge = await t.gql(EDIT, { i: { postId: p.id, body: NUDGE_TEXT } }, { 'x-author-key': p.key });
    expect(nudge.data.editPost).toMatchObject({ outcome: 'NUDGED', post: null });
    const [unchanged] = await t.dataSource.query('select body from post where id = $1', [p.id]);
    expect(unchanged.body).toBe('A calm first version.');

    const held = await t.gql(EDIT, { i: { postId: p.id, body: 'You are pathetic, grow up.' } }, { 'x-author-key': p.key });
    expect(held.data.editPost).toMatchObject({ outcome: 'HELD', post: { status: 'PENDING' } });
    expect(await count()).toBe(before - 1);
    const [{ n }] = await t.dataSource.query('select count(*)::int as n from queue_item where post_id = $1 and resolved_at is null', [
      p.id,
    ]);
    expect(n).toBe(1);
  });
});

describe('flag reasons', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lists every FlagReason with words for readers, danger first', async () => {
    const { data } = await t.gql(`{ flagReasons { reason title description } __type(name: "FlagReason") { enumValues { name } } }`);
    expect(data.flagReasons.map((r: any) => r.reason).sort()).toEqual(data.__type.enumValues.map((v: any) => v.name).sort());
    expect(data.flagReasons[0].reason).toBe('DANGER');
    expect(data.flagReasons.every((r: any) => r.title && r.description)).toBe(true);
  });
});
