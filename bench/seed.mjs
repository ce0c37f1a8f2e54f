// Seeds the bench database through Steady's own schema with set-based SQL
// (INSERT … SELECT over generate_series), so 1M posts take seconds, not an afternoon of API calls.
//
// What it writes (N = BENCH_POSTS, total post rows):
//  - top-level posts T ≈ N / 1.9 spread over the article's sections, one section (the "big
//    thread") holding exactly min(10 000, T/2) of them; ~1 % PENDING (visible to their author only);
//  - replies: ~30 % of published top-level posts have 1–5 replies, and one post on the first page
//    of the "main" section has 60 (the reply-list scenario);
//  - reactions: 0–5 per published post from distinct authors; the post's *_count columns are
//    computed from the very same formula, so they equal the reaction rows;
//  - section.post_count / thread_count and post.reply_count recounted from the rows;
//  - section_author: one row (pseudonym) per author and section.
// Authors are AUTHORS deterministic keys; the first KNOWN_AUTHORS are the bench's "known" keys
// (each keeps ~100 posts whatever N is). 1000 authors per section stay well inside the API's
// pseudonym space (64 adjectives × 64 nouns = 4096 names per section).
// Tokens, pseudonyms and sealed refs come from the API's own AuthorCrypto with the same
// STEADY_SECRET the API runs with, so `me`, `mine` and banAuthor see valid rows. Sealed refs
// are drawn from a pool of SEALS_PER_AUTHOR fresh seals per author (each opens to the right
// key; the API itself seals every post afresh, which only matters for privacy, not speed).
import { createHash } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';

export const AUTHORS = 1000;
export const KNOWN_AUTHORS = 5;
const SEALS_PER_AUTHOR = 8;
const BODY_POOL = 64;
export const POPULAR_REPLIES = 60;
export const KINDS = ['SUPPORT', 'HUG', 'RELATE', 'HELPFUL'];

/** The bench's deterministic author keys (43 base64url characters, like real ones). */
export function authorKey(i) {
  return createHash('sha256').update(`steady-bench-author-${i}`).digest().toString('base64url');
}

const OPENERS = [
  'Thank you for writing this.',
  'This part stayed with me.',
  'I recognise so much of this.',
  'We went through something similar last year.',
  'Reading this made me feel less alone.',
  'I keep coming back to this section.',
  'It took us a long time to see this.',
  'Gentle question for anyone further along:',
];
const MIDDLES = [
  'We started taking short walks after dinner, phones left at home, and slowly we began to talk again.',
  'What helped most was noticing the small moments of kindness instead of only the missing ones.',
  'My partner and I agreed to one calm check-in each week, with no fixing allowed, only listening.',
  'Some evenings are still quiet and distant, but the quiet feels less heavy than it did before.',
  'I used to wait for a big gesture; now I try to offer a small one first and see what comes back.',
  'Counselling was hard to suggest, but *asking together* made it feel like a shared step.',
  'We made a list of things we used to enjoy and picked the easiest one to try again.',
  'It helps me to remember that distance grew slowly, so closeness can return slowly too.',
];
const CLOSERS = [
  'Wishing everyone here patience with themselves.',
  'Take care of yourselves, all of you.',
  'Small steps, but they are steps.',
  '',
  'Thank you for holding this space.',
  'I hope that helps someone a little.',
];

/** A pool of realistic bodies (80–700 characters, some light Markdown) with their rendered HTML. */
function bodyPool(renderPostBody) {
  const bodies = [];
  for (let i = 0; i < BODY_POOL; i++) {
    const parts = [OPENERS[i % OPENERS.length]];
    const middles = 1 + (i % 4);
    for (let m = 0; m < middles; m++) parts.push(MIDDLES[(i * 3 + m * 5) % MIDDLES.length]);
    const closer = CLOSERS[(i * 7) % CLOSERS.length];
    let body = parts.join(' ');
    if (i % 3 === 0) body = `${parts[0]}\n\n${parts.slice(1).join(' ')}`;
    if (closer) body += `\n\n${closer}`;
    bodies.push({ body, html: renderPostBody(body) });
  }
  return bodies;
}

/** Upper 16 bits of a Knuth multiplicative hash of an SQL bigint expression: 0..65535. */
const H = (expr, mult) => `((((${expr})::bigint * ${mult}::bigint) % 4294967296) / 65536)`;

/**
 * @param {string} url database to seed (schema migrated, article imported)
 * @param {{posts: number, secret: string, root: string, log?: (s: string) => void}} options
 */
export async function seed(url, { posts: N, secret, root, log = () => {} }) {
  const { AuthorCrypto } = await import(pathToFileURL(path.join(root, 'apps/api/dist/authors/author-crypto.js')).href);
  const { renderPostBody } = await import(pathToFileURL(path.join(root, 'packages/content/dist/index.js')).href);
  const crypto = new AuthorCrypto(secret);
  const client = new pg.Client({ connectionString: url, application_name: 'steady-bench-seed' });
  await client.connect();
  const q = (text, values) => client.query(text, values);
  try {
    const { rows: sections } = await q(
      `select s.id, s.slug, s.position from section s join article a on a.id = s.article_id
       where not s.hidden and not a.hidden order by a.published, a.slug, s.position`,
    );
    if (sections.length < 3) throw new Error(`the bench needs an article with at least 3 sections (found ${sections.length})`);
    const S = sections.length;
    const bigIdx = 1; // the 10k-post thread
    const mainIdx = 2; // first page, reply list and the web page
    const writeIdx = S - 1; // createPost and the bare insert server write here

    // Authors: key hash → per-section token and pseudonym (first free candidate, as the API does).
    const tokens = { sidx: [], author: [], token: [], pseudonym: [] };
    const seals = { author: [], j: [], ref: [] };
    const keyHashes = [];
    for (let a = 0; a < AUTHORS; a++) keyHashes.push(AuthorCrypto.keyHash(authorKey(a)));
    sections.forEach((section, sidx) => {
      const taken = new Set();
      for (let a = 0; a < AUTHORS; a++) {
        let name;
        for (let attempt = 0; attempt < 32 && !name; attempt++) {
          const candidate = crypto.pseudonym(keyHashes[a], section.id, attempt);
          if (!taken.has(candidate)) name = candidate;
        }
        if (!name) throw new Error('ran out of pseudonyms');
        taken.add(name);
        tokens.sidx.push(sidx);
        tokens.author.push(a);
        tokens.token.push(crypto.sectionToken(keyHashes[a], section.id));
        tokens.pseudonym.push(name);
      }
    });
    for (let a = 0; a < AUTHORS; a++) {
      for (let j = 0; j < SEALS_PER_AUTHOR; j++) {
        seals.author.push(a);
        seals.j.push(j);
        seals.ref.push(crypto.seal(keyHashes[a]));
      }
    }
    const bodies = bodyPool(renderPostBody);

    const T = Math.max(60, Math.round(N / 1.9));
    const B = Math.min(10000, Math.floor(T / 2));
    const k = Math.max(2, Math.floor(T / B));
    const others = sections.map((_, i) => i).filter((i) => i !== bigIdx);
    // The known keys keep ~100 posts whatever N is (1000 authors would otherwise each own N/1000):
    // `me` then measures the API, not an author with 1000 posts.
    const scale = Math.max(1, Math.round(N / 100000));
    const authorOf = (idExpr) => {
      const a = `(${H(idExpr, 2246822519)} % ${AUTHORS})`;
      return scale === 1
        ? `${a}::int`
        : `(case when ${a} < ${KNOWN_AUTHORS} and ${H(idExpr, 1103515245)} % ${scale} <> 0 then ${a} + ${KNOWN_AUTHORS} else ${a} end)::int`;
    };

    // The seed only writes rows it computed to be consistent: skip FK and trigger checks when
    // allowed (superuser), and do not wait for the WAL flush of each statement.
    await q('set synchronous_commit = off');
    await q(`set session_replication_role = replica`).catch(() => log('  (not superuser: FK checks stay on during the seed)'));
    await q("set work_mem = '256MB'").catch(() => undefined);
    await q("set maintenance_work_mem = '512MB'").catch(() => undefined);

    await q('begin');
    await q(`create temp table bench_section (idx int primary key, id uuid not null) on commit drop`);
    await q(`insert into bench_section select * from unnest($1::int[], $2::uuid[])`, [
      sections.map((_, i) => i),
      sections.map((s) => s.id),
    ]);
    await q(`create temp table bench_token (sidx int, author int, token bytea, pseudonym text, primary key (author, sidx)) on commit drop`);
    await q(`insert into bench_token select * from unnest($1::int[], $2::int[], $3::bytea[], $4::text[])`, [
      tokens.sidx,
      tokens.author,
      tokens.token,
      tokens.pseudonym,
    ]);
    await q(`create temp table bench_seal (author int, j int, ref bytea, primary key (author, j)) on commit drop`);
    await q(`insert into bench_seal select * from unnest($1::int[], $2::int[], $3::bytea[])`, [seals.author, seals.j, seals.ref]);
    await q(`create temp table bench_body (i int primary key, body text, html text) on commit drop`);
    await q(`insert into bench_body select * from unnest($1::int[], $2::text[], $3::text[])`, [
      bodies.map((_, i) => i),
      bodies.map((b) => b.body),
      bodies.map((b) => b.html),
    ]);

    // Top-level posts: section, author, status, replies (rc) and reactions (nr) per id.
    await q(
      `create temp table bench_top on commit drop as
       select g.id::bigint as id,
         case when g.id % ${k} = 0 and g.id / ${k} <= ${B} then ${bigIdx}
              else (array[${others.join(',')}])[1 + ${H('g.id', 2654435761)} % ${others.length}] end as sidx,
         ${authorOf('g.id')} as author,
         case when ${H('g.id', 3266489917)} % 100 = 0 then 'PENDING' else 'PUBLISHED' end as status,
         0 as rc,
         0 as nr
       from generate_series(1, ${T}) g(id)`,
    );
    await q(
      `update bench_top set
         rc = case when status = 'PUBLISHED' and ${H('id', 668265263)} % 10 < 3 then 1 + (${H('id', 668265263)} / 10) % 5 else 0 end,
         nr = case when status = 'PUBLISHED' then ${H('id', 374761393)} % 6 else 0 end`,
    );
    const {
      rows: [popular],
    } = await q(
      `update bench_top set rc = ${POPULAR_REPLIES}
       where id = (select id from bench_top where sidx = ${mainIdx} and status = 'PUBLISHED' order by id offset 2 limit 1)
       returning id`,
    );
    await q(
      `create temp table bench_reply on commit drop as
       select (${T} + row_number() over (order by t.id, j))::bigint as id, t.id as parent, t.sidx,
         ${authorOf('t.id * 8 + j')} as author,
         (${H('t.id * 8 + j', 374761393)} % 4)::int as nr
       from bench_top t cross join generate_series(1, t.rc) j where t.rc > 0`,
    );
    await q(
      `create temp table bench_all on commit drop as
       select id, sidx, null::bigint as parent, 0 as depth, author, status, rc, nr from bench_top
       union all
       select id, sidx, parent, 1, author, 'PUBLISHED', 0, nr from bench_reply`,
    );
    const {
      rows: [{ total, maxid }],
    } = await q(`select count(*)::int as total, max(id)::bigint as maxid from bench_all`);

    const kindCount = (kind) => `(select count(*) from generate_series(0, x.nr - 1) j where (x.id + j) % 4 = ${kind})::int`;
    await q(
      `insert into section_author (section_id, author_token, pseudonym)
       select s.id, t.token, t.pseudonym from bench_token t join bench_section s on s.idx = t.sidx
       on conflict do nothing`,
    );
    await q(
      `insert into post (id, section_id, parent_id, depth, author_token, author_ref, pseudonym, body, html, status,
         reply_count, support_count, hug_count, relate_count, helpful_count, created_at)
       overriding system value
       select x.id, s.id, x.parent, x.depth, t.token, sl.ref, t.pseudonym, b.body, b.html, x.status,
         x.rc, ${kindCount(0)}, ${kindCount(1)}, ${kindCount(2)}, ${kindCount(3)},
         now() - make_interval(secs => (${maxid} - x.id + 60) * 20)
       from bench_all x
       join bench_section s on s.idx = x.sidx
       join bench_token t on t.author = x.author and t.sidx = x.sidx
       join bench_seal sl on sl.author = x.author and sl.j = x.id % ${SEALS_PER_AUTHOR}
       join bench_body b on b.i = (x.id * 7) % ${BODY_POOL}
       order by x.id`,
    );
    const reactions = await q(
      `insert into reaction (post_id, author_token, kind)
       select x.id, t.token, (array['SUPPORT','HUG','RELATE','HELPFUL'])[1 + (x.id + j) % 4]
       from bench_all x
       cross join generate_series(0, x.nr - 1) j
       join bench_token t on t.author = (x.id * 7 + 1 + j * 13) % ${AUTHORS} and t.sidx = x.sidx
       where x.nr > 0`,
    );
    await q(`select setval(pg_get_serial_sequence('post', 'id'), (select max(id) from post))`);
    await q(
      `update section s set
         post_count = coalesce((select count(*) from post p where p.section_id = s.id and p.status = 'PUBLISHED'), 0),
         thread_count = coalesce((select count(*) from post p where p.section_id = s.id and p.status = 'PUBLISHED' and p.parent_id is null), 0)`,
    );
    await q('commit');
    await q('set session_replication_role = origin').catch(() => undefined);
    await q('vacuum (analyze) post');
    await q('vacuum (analyze) reaction');
    await q('vacuum (analyze) section_author');
    await q('vacuum (analyze) section');
    await q('checkpoint').catch(() => undefined);

    return {
      sections,
      bigIdx,
      mainIdx,
      writeIdx,
      popularPostId: popular ? String(popular.id) : null,
      topLevel: T,
      bigThread: B,
      posts: total,
      reactions: reactions.rowCount,
      tokenOf: (author, sidx) => tokens.token[sidx * AUTHORS + author],
      pseudonymOf: (author, sidx) => tokens.pseudonym[sidx * AUTHORS + author],
      sealFor: (author) => crypto.seal(keyHashes[author]),
    };
  } catch (error) {
    await q('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
