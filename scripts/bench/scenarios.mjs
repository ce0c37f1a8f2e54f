// The scenarios: what each sends to Steady and to its baseline, with how many connections.
// Finds its inputs first: the sections the seed made, a page deep in the big thread and the cursors
// of pages nobody has asked for yet.
import { authorKey } from '../../bench/seed.mjs';
import { CONNECTIONS, ONLY, WEB_CONNECTIONS, WRITE_CONNECTIONS, log } from './options.mjs';
import {
  CREATE_MUTATION,
  ME_QUERY,
  POST_FIELDS,
  REPLIES_QUERY,
  THREAD_QUERY,
  WRITE_TEXT,
  jsonPost,
  letters,
  noGraphqlErrors,
  threadBody,
} from './queries.mjs';
import { gql } from './servers.mjs';

export async function prepareScenarios({ api, web, readBase, writeBase, seeded, writeSection, articleSlug }) {
  const main = seeded.sections[seeded.mainIdx];
  const big = seeded.sections[seeded.bigIdx];
  const readerKey = authorKey(0);
  const writerKey = authorKey(1);
  const bigCount = (await gql(api.url, `query($id: ID!) { section(id: $id) { posts(first: 1) { totalCount } } }`, { id: big.id })).section
    .posts.totalCount;
  const deepPosition = Math.floor((bigCount * 0.9) / 20) * 20; // the start of a page deep in the big thread
  let deepCursor = null;
  const cursors = []; // every 100th post of the big thread: starts of pages no one has asked for yet
  for (let seen = 0; seen < deepPosition;) {
    const n = Math.min(100, deepPosition - seen);
    const page = await gql(api.url, THREAD_QUERY.replace('...PostFields', 'id').replace(POST_FIELDS, ''), {
      id: big.id,
      first: n,
      after: deepCursor,
    });
    deepCursor = page.section.posts.pageInfo.endCursor;
    cursors.push(deepCursor);
    seen += n;
  }
  const deepPage = deepPosition / 20 + 1;
  log(`  deep page: page ${deepPage} of the ${bigCount.toLocaleString('en')}-post thread "${big.slug}"`);

  let writeCounter = 0;
  const createRequest = (key) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { 'x-author-key': key } : {}) },
    setupRequest: (req) => {
      const n = writeCounter++;
      req.body = JSON.stringify({
        query: CREATE_MUTATION,
        variables: { input: { sectionId: writeSection.id, body: `${WRITE_TEXT[n % WRITE_TEXT.length]} (note ${letters(n)})` } },
      });
      return req;
    },
  });

  const scenarios = [
    {
      id: 'thread-first',
      title: 'Thread page 1 (20 posts)',
      connections: CONNECTIONS,
      steady: { url: `${api.url}/graphql`, request: jsonPost(threadBody(main.id, 20)), check: noGraphqlErrors },
      baseline: { url: `${readBase.url}/thread`, request: jsonPost(threadBody(main.id, 20)), check: noGraphqlErrors },
      probes: { 'page of 5': jsonPost(threadBody(main.id, 5)), [`page ${deepPage}`]: jsonPost(threadBody(big.id, 20, deepCursor)) },
    },
    {
      id: 'thread-first-key',
      title: 'Thread page 1, reader with a key',
      connections: CONNECTIONS,
      steady: {
        url: `${api.url}/graphql`,
        request: jsonPost(threadBody(main.id, 20), { 'x-author-key': readerKey }),
        check: noGraphqlErrors,
      },
      baseline: { url: `${readBase.url}/thread`, request: jsonPost(threadBody(main.id, 20)), check: noGraphqlErrors },
    },
    {
      id: 'thread-deep',
      title: `Thread page ${deepPage} (cursor)`,
      connections: CONNECTIONS,
      steady: { url: `${api.url}/graphql`, request: jsonPost(threadBody(big.id, 20, deepCursor)), check: noGraphqlErrors },
      baseline: { url: `${readBase.url}/thread`, request: jsonPost(threadBody(big.id, 20, deepCursor)), check: noGraphqlErrors },
    },
    {
      id: 'replies',
      title: `Reply list (20 of ${seeded.popularPostId ? 60 : '?'})`,
      connections: CONNECTIONS,
      steady: {
        url: `${api.url}/graphql`,
        request: jsonPost({ query: REPLIES_QUERY, variables: { id: seeded.popularPostId, first: 20 } }),
        check: noGraphqlErrors,
      },
      baseline: {
        url: `${readBase.url}/replies`,
        request: jsonPost({ query: REPLIES_QUERY, variables: { id: seeded.popularPostId, first: 20 } }),
        check: noGraphqlErrors,
      },
    },
    {
      id: 'me',
      title: 'me (with key)',
      connections: CONNECTIONS,
      steady: {
        url: `${api.url}/graphql`,
        request: jsonPost({ query: ME_QUERY }, { 'x-author-key': readerKey }),
        check: (b) => noGraphqlErrors(b) && !b.includes('"me":null'),
      },
      baseline: {
        url: `${readBase.url}/thread`,
        request: jsonPost(threadBody(main.id, 20)),
        check: noGraphqlErrors,
        reference: 'thread page 1',
      },
    },
    {
      id: 'create-post',
      title: 'createPost (with key)',
      connections: WRITE_CONNECTIONS,
      write: true,
      steady: { url: `${api.url}/graphql`, request: createRequest(writerKey), check: noGraphqlErrors },
      baseline: { url: `${writeBase.url}/create`, request: createRequest(null), check: noGraphqlErrors },
    },
    {
      id: 'web-section',
      title: 'Web section page (SSR)',
      connections: WEB_CONNECTIONS,
      steady: { url: `${web.url}/articles/${articleSlug}/${main.slug}`, request: { method: 'GET' }, pids: { web: web.child.pid } },
      baseline: {
        url: `${readBase.url}/thread`,
        request: jsonPost(threadBody(main.id, 20)),
        check: noGraphqlErrors,
        reference: 'thread page 1',
      },
    },
    {
      id: 'web-section-key',
      title: 'Web section page (SSR), reader with a key',
      connections: WEB_CONNECTIONS,
      steady: {
        url: `${web.url}/articles/${articleSlug}/${main.slug}`,
        // The web app's own cookie (contract: `steady_author`), as Remix writes it without secrets: base64 of the JSON string.
        request: { method: 'GET', headers: { cookie: `steady_author=${Buffer.from(JSON.stringify(readerKey)).toString('base64')}` } },
        pids: { web: web.child.pid },
      },
      baseline: {
        url: `${readBase.url}/thread`,
        request: jsonPost(threadBody(main.id, 20)),
        check: noGraphqlErrors,
        reference: 'thread page 1',
      },
    },
  ].filter((s) => !ONLY || ONLY.has(s.id));

  return { scenarios, main, big, deepPage, deepCursor, cursors };
}
