// Every moderator-only operation checks the session before anything else (CONTRACT: refusals).

const apiUrl = () => {
  const url = process.env.STEADY_API_URL;
  if (!url) throw new Error('The API was not started (STEADY_API_URL is not set).');
  return url;
};

async function post(query: string, headers: Record<string, string> = {}) {
  const response = await fetch(apiUrl(), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
}

const operations = [
  'query { moderationQueue { totalCount } }',
  'query { moderationStats { published } }',
  'mutation { reviewPost(input: { postId: "1", decision: APPROVE }) { id } }',
  'mutation { banAuthor(postId: "1", reason: "x") }',
];

describe('moderator-only operations', () => {
  it.each(operations)('refuse an anonymous caller: %s', async (query) => {
    const answer = await post(query);
    expect(answer.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it.each(operations)('refuse a forged bearer token: %s', async (query) => {
    const answer = await post(query, { Authorization: `Bearer ${'A'.repeat(43)}` });
    expect(answer.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
