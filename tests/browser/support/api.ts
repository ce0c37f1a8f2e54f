// Fixture factories that seed through the API, as a third-party client would.

export async function graphql<T>(
  query: string,
  variables: Record<string, unknown> = {},
  authorKey?: string
): Promise<T> {
  const url = process.env.STEADY_API_URL;
  if (!url) throw new Error('The API was not started (STEADY_API_URL is not set).');
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(authorKey ? { 'X-Author-Key': authorKey } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const payload = (await response.json()) as { data?: T; errors?: Array<{ message: string }> };
  if (payload.errors?.length) throw new Error(`API refused: ${payload.errors.map((e) => e.message).join('; ')}`);
  return payload.data as T;
}

export async function sectionId(articleSlug: string, sectionSlug: string): Promise<string> {
  const data = await graphql<{ article: { section: { id: string } } }>(
    `
      query ($a: String!, $s: String!) {
        article(slug: $a) {
          section(slug: $s) {
            id
          }
        }
      }
    `,
    { a: articleSlug, s: sectionSlug }
  );
  return data.article.section.id;
}

/** Creates a post (or a reply), returning its id and the author key to use next. */
export async function seedPost(
  input: { sectionId: string; body: string; parentId?: string },
  authorKey?: string
): Promise<{ id: string; authorKey: string }> {
  const data = await graphql<{ createPost: { post: { id: string }; authorKey: string | null } }>(
    `
      mutation ($input: CreatePostInput!) {
        createPost(input: $input) {
          post {
            id
          }
          authorKey
        }
      }
    `,
    { input },
    authorKey
  );
  return { id: data.createPost.post.id, authorKey: data.createPost.authorKey ?? authorKey! };
}
