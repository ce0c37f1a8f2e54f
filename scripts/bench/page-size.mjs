// How big a thread page is for a reader with a key (docs/perf.md, issue 15's web half): bytes,
// elements, inputs and labels of the section page's HTML, and the same per post (each
// <article id="post-N"> up to the next one). Against a running stack:
//   node scripts/bench/page-size.mjs --seed   (once: 20 posts by other people in the section, and a reader)
//   node scripts/bench/page-size.mjs          (measure; prints one JSON line)
// WEB_URL (http://127.0.0.1:3000), API_URL (http://127.0.0.1:4000/graphql), PAGE_ARTICLE, PAGE_SECTION.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const webUrl = process.env.WEB_URL ?? 'http://127.0.0.1:3000';
const apiUrl = process.env.API_URL ?? 'http://127.0.0.1:4000/graphql';
const article = process.env.PAGE_ARTICLE ?? 'rebuilding-connection';
const section = process.env.PAGE_SECTION ?? 'where-to-go-next';
const state = path.resolve('.data/page-size.json');

async function graphql(query, variables = {}, authorKey) {
  const response = await fetch(apiUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(authorKey ? { 'X-Author-Key': authorKey } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const payload = await response.json();
  if (payload.errors?.length) throw new Error(payload.errors.map((e) => e.message).join('; '));
  return payload.data;
}

const CREATE = `mutation ($input: CreatePostInput!) { createPost(input: $input) { post { id } authorKey } }`;

async function seed() {
  const { article: found } = await graphql(
    `
      query ($a: String!, $s: String!) {
        article(slug: $a) {
          section(slug: $s) {
            id
          }
        }
      }
    `,
    {
      a: article,
      s: section,
    },
  );
  const sectionId = found.section.id;
  const words = [
    'We started taking short walks after dinner, and it helped more than I expected.',
    'Some evenings we just sit together without screens. It feels awkward, then it feels good.',
    'I wrote my partner a note this week, the first in years. They kept it on the fridge.',
  ];
  for (let i = 0; i < 20; i++) {
    const { createPost } = await graphql(CREATE, { input: { sectionId, body: `${words[i % words.length]} (${i + 1})` } });
    if (i % 4 === 0) {
      await graphql(CREATE, { input: { sectionId, parentId: createPost.post.id, body: `Thank you for this, it gives me hope (${i}).` } });
    }
  }
  const { createPost: reader } = await graphql(CREATE, { input: { sectionId, body: 'Reading all of this helps me, thank you.' } });
  mkdirSync(path.dirname(state), { recursive: true });
  writeFileSync(state, JSON.stringify({ readerKey: reader.authorKey }));
  console.log('seeded 20 posts (5 with a reply) and a reader with a key');
}

function count(html, pattern) {
  return (html.match(pattern) ?? []).length;
}

function measure(html) {
  return {
    bytes: Buffer.byteLength(html),
    elements: count(html, /<[a-zA-Z][a-zA-Z0-9-]*[\s/>]/g),
    inputs: count(html, /<(input|textarea|select|button)[\s/>]/g),
    labels: count(html, /<label[\s>]/g),
  };
}

async function main() {
  if (process.argv.includes('--seed')) return seed();
  const { readerKey } = JSON.parse(readFileSync(state, 'utf8'));
  const cookie = `steady_author=${encodeURIComponent(Buffer.from(JSON.stringify(readerKey)).toString('base64'))}`;
  const response = await fetch(`${webUrl}/articles/${article}/${section}`, { headers: { cookie } });
  const html = await response.text();
  if (!response.ok) throw new Error(`The page answered ${response.status}.`);
  // The posts' markup: each top-level or reply <article id="post-N"> up to the next one, the last up to the end of the thread.
  const start = html.indexOf('<ol class="thread"');
  const end = html.indexOf('</ol>', html.lastIndexOf('<article id="post-'));
  const posts = count(html, /<article id="post-\d+"/g);
  const thread = measure(html.slice(start, end));
  const page = measure(html);
  const per = Object.fromEntries(Object.entries(thread).map(([k, v]) => [k, Math.round((v / posts) * 10) / 10]));
  console.log(JSON.stringify({ page, posts, perPost: per }));
}

await main();
