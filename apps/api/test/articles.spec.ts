import request from 'supertest';
import { createTestApp, TestApp } from './app';

const SLUGS = [
  'intro',
  'what-real-connection-is-built-on',
  'what-quietly-undermines-reconnection',
  'where-rebuilding-usually-begins',
  'where-to-go-next',
  'a-quiet-reminder',
];

describe('articles and sections', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers GET /health once the database is reachable', async () => {
    const res = await request(t.app.getHttpServer()).get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('lists the anchor article with its six sections in order', async () => {
    const { data, errors } = await t.gql(`{ articles { slug title summary sections { slug title position postCount html } } }`);
    expect(errors).toBeUndefined();
    const article = data.articles.find((a: any) => a.slug === 'rebuilding-connection');
    expect(article.title).toBe('Rebuilding connection is possible–even when things feel distant');
    expect(article.sections.map((s: any) => s.slug)).toEqual(SLUGS);
    expect(article.sections.map((s: any) => s.position)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(article.sections[0].title).toBe('');
    expect(article.sections.every((s: any) => s.postCount === 0 && s.html.length > 0)).toBe(true);
  });

  it('finds a section by id and by slug, and its article', async () => {
    const { data } = await t.gql(`{ article(slug: "rebuilding-connection") { id section(slug: "a-quiet-reminder") { id title } } }`);
    const id = data.article.section.id;
    const res = await t.gql(
      `query($id: ID!) { section(id: $id) { slug article { slug } posts { totalCount edges { cursor } pageInfo { hasNextPage endCursor } } } }`,
      { id },
    );
    expect(res.data.section).toEqual({
      slug: 'a-quiet-reminder',
      article: { slug: 'rebuilding-connection' },
      posts: { totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } },
    });
  });

  it('answers null for an unknown article or section, malformed ids included', async () => {
    const { data, errors } = await t.gql(
      `{ article(slug: "nope") { id } a: section(id: "not-a-uuid") { id } b: section(id: "00000000-0000-0000-0000-000000000000") { id } }`,
    );
    expect(errors).toBeUndefined();
    expect(data).toEqual({ article: null, a: null, b: null });
  });

  it('refuses a query nested past the depth limit with QUERY_TOO_COMPLEX', async () => {
    const deep = 'replies { edges { node { '.repeat(6) + 'id' + ' } } }'.repeat(6);
    const { errors } = await t.gql(`{ articles { sections { posts { edges { node { ${deep} } } } } } }`);
    expect(errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('lists the safety resources', async () => {
    const { data } = await t.gql(`{ safetyResources { name contact region description } safetyIntroHtml }`);
    const text = JSON.stringify(data.safetyResources);
    for (const needle of ['988', '1-800-799-7233', '116 123', '911', '112', '999', 'findahelpline.com']) expect(text).toContain(needle);
  });
});

describe('query limits let the web app’s own pages through', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('accepts ten posts’ replies with every post field in one request', async () => {
    const fields = `fragment PostFields on Post { id body html pseudonym status createdAt editedAt replyCount mine reactions { kind count reactedByMe } }`;
    const aliases = Array.from(
      { length: 10 },
      (_, i) =>
        `r${i}: post(id: "${i + 1}") { replies(first: 50) { edges { cursor node { ...PostFields } } pageInfo { hasNextPage endCursor } } }`,
    );
    const res = await t.gql(`query { ${aliases.join('\n')} }\n${fields}`);
    expect(res.errors).toBeUndefined();
  });

  it('still refuses too many aliases', async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: articles { id }`).join(' ');
    const res = await t.gql(`{ ${aliases} }`);
    expect(res.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });
});
