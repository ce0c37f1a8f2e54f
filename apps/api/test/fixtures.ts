import type { TestApp } from './app';

export const CREATE = `mutation($input: CreatePostInput!) {
  createPost(input: $input) { outcome authorKey message hits { ruleId } post { id body html pseudonym status mine depth replyCount editedAt section { id } parent { id } } }
}`;

export async function sectionIds(t: TestApp): Promise<Record<string, string>> {
  const { data } = await t.gql(`{ article(slug: "rebuilding-connection") { sections { id slug } } }`);
  return Object.fromEntries(data.article.sections.map((s: { id: string; slug: string }) => [s.slug, s.id]));
}

/** Posts as an author (a new one when `key` is absent) and returns the post and the key. */
export async function post(
  t: TestApp,
  input: { sectionId: string; body: string; parentId?: string; idempotencyKey?: string },
  key?: string,
): Promise<{ id: string; key: string; pseudonym: string; status: string }> {
  const res = await t.gql(CREATE, { input }, key ? { 'x-author-key': key } : {});
  if (res.errors) throw new Error(`createPost failed: ${JSON.stringify(res.errors)}`);
  const payload = res.data.createPost;
  return { id: payload.post.id, key: key ?? payload.authorKey, pseudonym: payload.post.pseudonym, status: payload.post.status };
}

/**
 * Backdates a post by two days: its (published) author then stands as established, whose flags
 * count (ADR 011). Standing is earned over time, so tests move the clock of the post instead.
 */
export async function backdate(t: TestApp, postId: string): Promise<void> {
  await t.dataSource.query(`update post set created_at = created_at - interval '2 days' where id = $1`, [postId]);
}

/** A reader whose key Steady issued and whose published post is two days old. */
export async function establishedReader(t: TestApp, sectionId: string, body = 'Thank you for this.'): Promise<{ id: string; key: string }> {
  const written = await post(t, { sectionId, body });
  await backdate(t, written.id);
  return written;
}
