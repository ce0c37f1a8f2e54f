// createPost, step by step: the CPU of each piece of the write path on its own, in this process,
// from the built API (run `npm run build` first). Not part of `npm run bench`; issue 15 asks for
// "measure each step on its own". Figures are µs per call (median of 5 rounds of N calls).
// Usage: node bench/experiments/create-steps.mjs            (N=2000)
//        DATABASE_URL=postgres://… node bench/experiments/create-steps.mjs   (+ the post's statement alone, in a
//        scratch table that copies `post` and its indexes: never the real one)
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(root, 'apps/api/dist/main.js'));
const N = Number(process.env.STEPS_N ?? 2000);
const { decide } = require(path.join(root, 'apps/api/dist/moderation/decision.js'));
const { renderPostBody } = require('@steady/content');
const { AuthorCrypto } = require(path.join(root, 'apps/api/dist/authors/author-crypto.js'));
const { parse, validate, buildSchema } = require('graphql');
const fs = await import('node:fs');

const TEXT = [
  'Thank you for sharing this. We started taking short walks after dinner and slowly began to talk again.',
  'Reading this helped me feel less alone. We try one small kind gesture each day and notice what comes back.',
  'This section stayed with me. We agreed on a calm weekly check-in where we only listen, and it helps.',
];
const body = (i) => `${TEXT[i % 3]} (note ${i.toString(36).replace(/[0-9]/g, 'x')})`;

function time(name, fn) {
  const rounds = [];
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    for (let i = 0; i < N; i++) fn(i + r * N);
    rounds.push(((performance.now() - t0) * 1000) / N);
  }
  rounds.sort((a, b) => a - b);
  return { step: name, usPerCall: Math.round(rounds[2] * 10) / 10 };
}

const crypto = new AuthorCrypto('steady-bench-secret-only-for-the-bench-database-0001');
const keyHash = AuthorCrypto.keyHash(AuthorCrypto.newKey());
const schema = buildSchema(fs.readFileSync(path.join(root, 'apps/api/schema.graphql'), 'utf8'));
const MUTATION = `mutation CreatePost($input: CreatePostInput!) {
  createPost(input: $input) { outcome authorKey message post { id status } hits { ruleId } }
}`;

const results = [
  time('tone rules (decide: engine + rules)', (i) => decide(body(i), { section: 'bench', kind: 'post', acknowledgeNudge: false })),
  time('Markdown (renderPostBody)', (i) => renderPostBody(body(i))),
  time('sealing the author reference (seal)', () => crypto.seal(keyHash)),
  time('author token (sectionToken, HMAC)', (i) => crypto.sectionToken(keyHash, String(i))),
  time('GraphQL parse + validate of the mutation', () => validate(schema, parse(MUTATION))),
];

if (process.env.DATABASE_URL) {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await client.query('create temp table post_steps (like post including defaults including indexes)');
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    await client.query(
      `insert into post_steps (id, section_id, author_token, author_ref, pseudonym, body, html, status)
       values ($1, gen_random_uuid(), $2, $3, 'p', $4, $4, 'PUBLISHED')`,
      [i + 1, keyHash, keyHash, body(i)],
    );
  }
  results.push({
    step: 'the post row alone (autocommit insert, indexes of post, 1 connection)',
    usPerCall: Math.round(((performance.now() - t0) * 1000) / N),
  });
  await client.end();
}

console.table(results);
console.log(JSON.stringify({ n: N, results }));
