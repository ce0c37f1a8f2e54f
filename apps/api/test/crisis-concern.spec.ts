import { moderate } from '@steady/moderation';
import { createTestApp, TestApp } from './app';
import { sectionIds } from './fixtures';

// Its own file (and database state) so that the crisis posts here do not change other specs' counts.
const CRISIS_TEXT = 'I want to kill myself tonight. Everyone would be better off without me.';
const HOLD_TEXT = 'You are pathetic, grow up.';

describe('crisis concern (issue 11)', () => {
  let t: TestApp;
  let sections: Record<string, string>;
  let intro: string;

  beforeAll(async () => {
    t = await createTestApp();
    sections = await sectionIds(t);
    intro = sections.intro;
  });
  afterAll(() => t.close());

  it('says whose safety is at stake on a crisis: OTHER when the writer fears for someone else', async () => {
    const OTHER_TEXT =
      'My sister keeps saying she wants to die and she has been giving her things away. I am so scared for her, what do I do?';
    // The engine's reading first, so this test follows the engine rather than guessing it.
    expect(moderate({ text: OTHER_TEXT })).toMatchObject({ action: 'crisis', concern: 'other' });
    expect(moderate({ text: CRISIS_TEXT })).toMatchObject({ action: 'crisis', concern: 'self' });
    const CREATE_CRISIS = `mutation($input: CreatePostInput!) { createPost(input: $input) { outcome concern resources { name } } }`;
    const other = (await t.gql(CREATE_CRISIS, { input: { sectionId: sections['a-quiet-reminder'], body: OTHER_TEXT } })).data.createPost;
    expect(other.outcome).toBe('CRISIS');
    expect(other.concern).toBe('OTHER');
    expect(other.resources.length).toBeGreaterThan(0);
    const self = (await t.gql(CREATE_CRISIS, { input: { sectionId: sections['a-quiet-reminder'], body: CRISIS_TEXT } })).data.createPost;
    expect(self.concern).toBe('SELF');
    const calm = (
      await t.gql(CREATE_CRISIS, { input: { sectionId: intro, body: 'We had a quiet walk tonight and it felt good to talk.' } })
    ).data.createPost;
    expect(calm).toEqual({ outcome: 'PUBLISHED', concern: null, resources: null });
    const CHECK = `query($b: String!) { checkTone(body: $b) { action concern } }`;
    expect((await t.gql(CHECK, { b: OTHER_TEXT })).data.checkTone).toEqual({ action: 'CRISIS', concern: 'OTHER' });
    expect((await t.gql(CHECK, { b: HOLD_TEXT })).data.checkTone).toEqual({ action: 'HOLD', concern: null });
  });
});
